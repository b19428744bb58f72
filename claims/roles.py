"""The desk's roles: editors review and rule on claims, chief editors also publish them.

Neither role may change users, groups or permissions: only superusers manage roles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps as global_apps

EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"

_VIEW_ONLY = [
    ("sources", "sourcesnapshot"),
    ("sources", "verificationrun"),
    ("claims", "claimcorrection"),
]
_EDIT = [
    ("claims", "article"),
    ("claims", "claim"),
    ("sources", "source"),
    ("sources", "claimsource"),
    ("sources", "evidence"),
]
_EXTRA = {EDITOR: [], CHIEF_EDITOR: [("claims", "publish_claim")]}


def role_permissions(role: str) -> Iterator[tuple[str, str]]:
    """(app label, codename) of every permission the role holds."""
    for app, model in _VIEW_ONLY:
        yield app, f"view_{model}"
    for app, model in _EDIT:
        for action in ("view", "add", "change"):
            yield app, f"{action}_{model}"
    yield from _EXTRA[role]


def roles_ensure(*, apps: Any = global_apps) -> None:
    """Create the Editor and Chief editor groups with their permissions (idempotent).

    `apps` is a migration's historical registry when called from the data migration.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in _EXTRA:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(
            *(
                permission_model.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in role_permissions(role)
            )
        )
