"""The project's routes plus /bench/ceiling, a JSON view that touches nothing: the ceiling."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def ceiling(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ceiling", ceiling), path("", include("factcheck.urls"))]
