"""The desk's roles: editors review and rule on claims, chief editors also publish them.

Neither role may change users, groups or permissions: only superusers manage roles. The desk is
the admin, which lets in staff only: putting a user in a desk role makes them staff.
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


DESK_ROLES = frozenset(_EXTRA)


def desk_role_gives_staff(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[Any] | None, **_: Any
) -> None:
    """m2m_changed on User.groups: a user put in a desk role becomes staff, able to log in."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    if action != "post_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(...): `instance` is the group, pk_set the users
        if instance.name not in DESK_ROLES:
            return
        user_ids = set(pk_set)
    else:
        if not Group.objects.filter(pk__in=pk_set, name__in=DESK_ROLES).exists():
            return
        user_ids = {instance.pk}
        instance.is_staff = True
    get_user_model().objects.filter(pk__in=user_ids, is_staff=False).update(is_staff=True)


def roles_connect() -> None:
    """Connect the signal that makes desk users staff (called once, when the app is ready)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed

    m2m_changed.connect(
        desk_role_gives_staff,
        sender=get_user_model().groups.through,
        dispatch_uid="claims.roles.desk_role_gives_staff",
    )


def desk_login_problem(user: Any) -> str:
    """Why a user in a desk role still cannot log in to the desk ("" when they can)."""
    roles = sorted(DESK_ROLES & set(user.groups.values_list("name", flat=True)))
    if not roles:
        return ""
    if not user.is_active:
        return f"{user} is in {' and '.join(roles)} but inactive: they cannot log in"
    if not user.is_staff:
        return f"{user} is in {' and '.join(roles)} but not staff: they cannot log in"
    if not user.has_usable_password():
        return f"{user} is in {' and '.join(roles)} but has no password: set one to log in"
    return ""
