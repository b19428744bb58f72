from __future__ import annotations

from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    """Articles, the claims found in them, verdicts and the editorial workflow."""

    name = "claims"
    verbose_name = "Articles and claims"

    def ready(self) -> None:
        from claims import checks  # noqa: F401  (registers the publisher check)
        from claims.roles import roles_connect

        roles_connect()
