"""The desk hands its services the signed-in user behind a request, and never nobody."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from desk.editors import desk_editor


def test_it_names_the_signed_in_user_even_behind_the_lazy_request_user(editor: User) -> None:
    request = RequestFactory().get("/admin/")
    # What AuthenticationMiddleware sets: the user is loaded on first use.
    request.user = SimpleLazyObject(lambda: editor)
    assert desk_editor(request).pk == editor.pk


def test_it_refuses_a_request_without_a_signed_in_user() -> None:
    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        desk_editor(request)
