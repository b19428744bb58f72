"""The editor behind a desk request, as the services' user arguments want it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def desk_editor(request: HttpRequest) -> User:
    """The signed-in user making a desk request."""
    user = request.user
    if not isinstance(user, User):
        # The admin site lets only signed-in staff through, so this does not happen; were it to,
        # refusing is better than recording a change by nobody.
        raise PermissionDenied
    return user
