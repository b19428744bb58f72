"""The user admin says what a desk role does to logging in: it makes the user staff."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from claims.roles import desk_login_problem

User = get_user_model()


class DeskUserAdmin(UserAdmin):  # type: ignore[type-arg]
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        was_staff = bool(form.cleaned_data.get("is_staff", form.instance.is_staff))
        super().save_related(request, form, formsets, change)  # the roles' signal runs here
        user = form.instance
        user.refresh_from_db(fields=["is_staff"])
        if user.is_staff and not was_staff:
            self.message_user(
                request,
                f"{user} is now staff: a desk role works in the admin, which lets in staff only.",
            )
        problem = desk_login_problem(user)
        if problem:
            self.message_user(request, f"{problem[:1].upper()}{problem[1:]}.", messages.WARNING)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, DeskUserAdmin)
