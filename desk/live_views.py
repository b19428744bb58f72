"""The status URL of a desk page that shows running work (see `desk.live`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, reverse

from desk.live import LiveState


class LiveStatusMixin:
    """Adds `<id>/status/` to a ModelAdmin: the page's LiveState as JSON, for its script.

    `live_state_for(pk)` reads the state (None when there is no such object); `live_regions`
    names the page's elements that the script swaps when the state changes.
    """

    live_regions: str = ""
    live_state_for: Callable[[int], LiveState | None]

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta  # type: ignore[attr-defined]
        name = f"{opts.app_label}_{opts.model_name}_status"
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        status = path("<path:object_id>/status/", wrap(self.live_status_view), name=name)
        return [status, *super().get_urls()]  # type: ignore[misc]

    def _live_pk(self, object_id: Any) -> int | None:
        try:
            pk = int(str(object_id))
        except ValueError:
            return None
        return pk if 0 < pk < 2**63 else None

    def live_status_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            return JsonResponse({"error": "not allowed"}, status=403)
        pk = self._live_pk(object_id)
        state = None if pk is None else type(self).live_state_for(pk)
        if state is None:
            return JsonResponse({"error": "not found"}, status=404)
        return JsonResponse(state.as_json())  # the admin marks its views never to be cached

    def live_state_of(self, obj: Any) -> LiveState | None:
        """The state of an object the page has loaded already (by default read by its pk)."""
        return type(self).live_state_for(obj.pk)

    def live_context(self, obj: Any) -> dict[str, Any]:
        """What `desk/live.html` needs on the object's page (nothing on an add page)."""
        state = None if obj is None else self.live_state_of(obj)
        if state is None:
            return {}
        opts = self.model._meta  # type: ignore[attr-defined]
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_status", args=[obj.pk])
        return {"live": {"url": url, "state": state, "regions": self.live_regions}}
