from __future__ import annotations

from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    """Project-wide pieces: health checks, start-up commands, task-system tasks."""

    name = "factcheck"
    verbose_name = "factcheck"
