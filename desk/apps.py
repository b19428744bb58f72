from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editors' face: the admin pages, forms, filters and live status of the desk."""

    name = "desk"
    verbose_name = "Editorial desk"
