from __future__ import annotations

from django.apps import AppConfig


class WatchingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "watching"
    verbose_name = "Watched outlets"
