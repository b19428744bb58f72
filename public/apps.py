from __future__ import annotations

from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public face: a read-only API, fact-check pages, ClaimReview markup and a feed."""

    name = "public"
    verbose_name = "Public fact-checks"

    def ready(self) -> None:
        from public import schema  # noqa: F401  (registers its OpenAPI filter extension)
        from public.versioning import connect_signals

        connect_signals()
