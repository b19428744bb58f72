from __future__ import annotations

from django.apps import AppConfig
from django.db.models import Q


class SourcesConfig(AppConfig):
    """Sources, their fetched snapshots, evidence and verification runs."""

    name = "sources"
    verbose_name = "Sources and verification"

    def ready(self) -> None:
        from claims.services import claim_work_mark_register

        claim_work_mark_register(_has_evidence)


def _has_evidence() -> Q:
    """Claims with evidence filed are worked on: re-extraction leaves them as they are."""
    from django.db.models import Exists, OuterRef

    from sources.models import Evidence

    return Q(Exists(Evidence.objects.filter(claim=OuterRef("pk"))))
