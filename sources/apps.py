from __future__ import annotations

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Sources, their fetched snapshots, evidence and verification runs."""

    name = "sources"
    verbose_name = "Sources and verification"
