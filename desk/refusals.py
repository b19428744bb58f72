"""What the desk's forms do about the published-claim lock.

A save the services refused: the admin would go on to say "… was changed successfully" (or
added) beside the refusal; a ModelAdmin built on RefusedSaveMixin sends the editor back to the
form with the refusal alone. And the fields readers see are shown read only while they do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from desk import rendering

if TYPE_CHECKING:
    from django.contrib import admin

    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object

# Set on a request whose save a service refused.
_REFUSED = "_desk_save_refused"


class RefusedSaveMixin(_AdminBase):
    """save_refused() from save_model; the response then shows the refusal and nothing else."""

    def save_refused(self, request: HttpRequest, refusal: Exception) -> None:
        self.message_user(
            request, f"Not saved: {rendering.as_sentence(str(refusal))}", messages.ERROR
        )
        setattr(request, _REFUSED, True)

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        if getattr(request, _REFUSED, False):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def response_add(
        self, request: HttpRequest, obj: Any, post_url_continue: str | None = None
    ) -> HttpResponse:
        if getattr(request, _REFUSED, False):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_add(request, obj, post_url_continue)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        # Nothing was added: no "added" entry in the log.
        if getattr(request, _REFUSED, False):
            return None
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, _REFUSED, False):
            return None
        return super().log_change(request, obj, message)


def read_only_while_public(
    obj: Any, fields: Sequence[str], readers_see: Callable[[int], object]
) -> list[str]:
    """`fields` when readers see `obj` (readers_see(obj.pk) is true), else none.

    The admin asks for its read-only fields several times while it builds one page: the
    question is put to the database once per object.
    """
    seen: bool | None = getattr(obj, "_desk_readers_see", None)
    if seen is None:
        seen = bool(readers_see(obj.pk))
        obj._desk_readers_see = seen
    return list(fields) if seen else []
