"""The desk's delete confirmation: what a deletion takes with it, counted, never listed.

Django's own confirmation collects every row a deletion cascades to and lists each one: for
an article of 5,000 claims that is tens of thousands of rows loaded and a page of megabytes.
Here the same cascade is walked over the models instead of the rows: one COUNT per kind of
related row, each a subquery of its parent's, so the cost depends on the schema, not on how
many rows there are. Protected rows still refuse the deletion, and a kind of row the editor may
not delete still withholds it, as in Django; only a few of the protected rows are named. A
published fact-check, its linked sources and its evidence count as protected: what readers see
goes only by unpublishing, with a correction note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from claims.models import Claim
from sources.models import ClaimSource, Evidence

# How many of the objects being deleted, and of the protected rows, are named on the page.
NAMED = 20
# A guard on the walk: the cascade of this project's schema is three levels deep.
MAX_DEPTH = 8


@dataclass
class DeletionSummary:
    """The rows a deletion removes, counted per kind, and what stands in its way."""

    counts: dict[type[models.Model], int] = field(default_factory=dict)
    protected: dict[type[models.Model], QuerySet[Any]] = field(default_factory=dict)


def deletion_summary(model: type[models.Model], pks: QuerySet[Any]) -> DeletionSummary:
    """Count what deleting the rows of `model` whose pks `pks` selects would delete."""
    summary = DeletionSummary()
    selected: dict[type[models.Model], Q] = {model: Q(pk__in=pks)}
    walked: dict[type[models.Model], Q] = {}
    order: list[type[models.Model]] = [model]
    queue = [(model, 0)]
    # Breadth first over the models the cascade reaches; a model reached again by another
    # path (a match points at two claims) widens its own condition and is walked again.
    while queue:
        current, depth = queue.pop(0)
        condition = selected[current]
        if walked.get(current) == condition or depth > MAX_DEPTH:
            continue
        walked[current] = condition
        rows = current._base_manager.filter(condition).values("pk")
        for candidate in get_candidate_relations_to_delete(current._meta):
            # The stubs type the candidates as fields; Django yields the reverse relations.
            relation = cast(ForeignObjectRel, candidate)
            related = relation.related_model
            if not isinstance(related, type):
                continue
            on_delete = relation.on_delete
            reach = Q(**{f"{relation.field.name}__in": rows})
            if on_delete is models.CASCADE:
                if related not in selected:
                    order.append(related)
                    selected[related] = reach
                else:
                    selected[related] |= reach
                queue.append((related, depth + 1))
            elif on_delete in (models.PROTECT, models.RESTRICT):
                # RESTRICT is treated as PROTECT: the desk never lets a deletion through on the
                # strength of another path that would take the same rows.
                blocking = related._base_manager.filter(reach)
                previous = summary.protected.get(related)
                summary.protected[related] = blocking if previous is None else previous | blocking
    for kind in order:
        summary.counts[kind] = kind._base_manager.filter(selected[kind]).count()
    # Rows readers see stand in the way as protected rows do: unpublish first, with a note.
    for kind, lock in published_locks().items():
        if kind in selected:
            blocking = kind._base_manager.filter(selected[kind]).filter(lock)
            previous = summary.protected.get(kind)
            summary.protected[kind] = blocking if previous is None else previous | blocking
    return summary


def published_locks() -> dict[type[models.Model], Q]:
    """The rows a deletion may not take: published fact-checks, their links and evidence."""
    published = Claim.Status.PUBLISHED
    return {
        Claim: Q(status=published),
        ClaimSource: Q(claim__status=published),
        Evidence: Q(claim__status=published),
    }


def _label(request_site: admin.AdminSite, obj: models.Model) -> str:
    opts = obj._meta
    text = f"{capfirst(opts.verbose_name)}: {obj}"
    if not request_site.is_registered(type(obj)):
        return text
    try:
        url = reverse(
            f"{request_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
        )
    except NoReverseMatch:
        return text
    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)


def _named(site: admin.AdminSite, rows: Iterable[models.Model], total: int) -> list[str]:
    named = [_label(site, row) for row in rows]
    if total > len(named):
        named.append(f"… and {total - len(named):,} more")
    return named


class BoundedDeleteMixin:
    """A ModelAdmin whose delete confirmation (and "delete selected") counts instead of lists."""

    def get_deleted_objects(
        self, objs: Sequence[Any] | QuerySet[Any], request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        site: admin.AdminSite = self.admin_site  # type: ignore[attr-defined]
        model: type[models.Model] = self.model  # type: ignore[attr-defined]
        if isinstance(objs, QuerySet):
            pks = model._base_manager.filter(pk__in=objs.order_by().values("pk")).values("pk")
            shown = list(objs.order_by("pk")[:NAMED])
        else:
            objs = list(objs)
            pks = model._base_manager.filter(pk__in=[o.pk for o in objs]).values("pk")
            shown = objs[:NAMED]
        if not shown:
            return [], {}, set(), []
        summary = deletion_summary(model, pks)
        perms_needed: set[str] = set()
        model_count: dict[str, str] = {}
        for kind, count in summary.counts.items():
            if not count:
                continue
            # Django asks each row's admin about each row; the desk's delete permissions are
            # per model, so one question per kind gives the same answer.
            if site.is_registered(kind) and not site.get_model_admin(kind).has_delete_permission(
                request
            ):
                perms_needed.add(str(kind._meta.verbose_name))
            # Formatted here: the template shows "kind: count", and 5000 reads worse than 5,000.
            model_count[str(kind._meta.verbose_name_plural)] = f"{count:,}"
        protected: list[str] = []
        for blocking in summary.protected.values():
            total = blocking.count()
            if total:
                protected += _named(site, blocking.order_by("pk")[:NAMED], total)
        deleted = _named(site, shown, summary.counts.get(model, len(shown)))
        # The counts go out formatted ("5,000"): the template only prints them.
        return deleted, cast(dict[str, int], model_count), perms_needed, protected
