"""List filters of the claims desk."""

from __future__ import annotations

from typing import Any, TypedDict

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django_stubs_ext import StrOrPromise, WithAnnotations

from claims.models import Article, Claim
from desk.editors import desk_editor


class CheckworthinessBandFilter(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "worth"
    BANDS = {"high": (0.7, 1.01), "medium": (0.4, 0.7), "low": (0.0, 0.4)}

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("high", "High (0.7 and up)"), ("medium", "Medium (0.4 to 0.7)"), ("low", "Low")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        band = self.BANDS.get(self.value() or "")
        if band is None:
            return queryset
        return queryset.filter(checkworthiness__gte=band[0], checkworthiness__lt=band[1])


class HasSources(TypedDict):
    """What desk.selectors.claims_for_desk annotates each claim of the list with."""

    has_sources: bool


class HasSourcesFilter(admin.SimpleListFilter):
    title = "has sources"
    parameter_name = "sources"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Yes"), ("no", "No")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[WithAnnotations[Claim, HasSources]]
    ) -> QuerySet[WithAnnotations[Claim, HasSources]]:
        if self.value() in {"yes", "no"}:
            return queryset.filter(has_sources=self.value() == "yes")
        return queryset


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        outlets = (
            Article.objects.exclude(outlet="")
            .order_by("outlet")
            .values_list("outlet", flat=True)
            .distinct()
        )
        return [(outlet, outlet) for outlet in outlets]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        return queryset.filter(article__outlet=self.value()) if self.value() else queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        users = (
            get_user_model()
            .objects.filter(claims_assigned__isnull=False)
            .distinct()
            .order_by("username")
        )
        return [("me", "Me"), ("nobody", "Nobody"), *((str(u.pk), str(u)) for u in users)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        value = self.value()
        if value == "me":
            return queryset.filter(assignee=desk_editor(request))
        if value == "nobody":
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset


class DuplicateFilter(admin.SimpleListFilter):
    title = "checked before"
    parameter_name = "repeat"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("duplicate", "Duplicate of an earlier claim"),
            ("suggested", "Has suggested matches"),
            ("none", "No match"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        value = self.value()
        if value == "duplicate":
            return queryset.filter(duplicate_of__isnull=False)
        suggested = Q(matches__state="suggested")
        if value == "suggested":
            return queryset.filter(suggested, duplicate_of__isnull=True).distinct()
        if value == "none":
            return queryset.filter(duplicate_of__isnull=True).exclude(suggested)
        return queryset


class ArticleFilter(admin.RelatedOnlyFieldListFilter):
    """The articles that have claims in the list, by title: never their text or raw input."""

    def field_choices(
        self, field: Any, request: HttpRequest, model_admin: Any
    ) -> list[tuple[str, StrOrPromise]]:
        listed = model_admin.get_queryset(request).order_by().values("article_id").distinct()
        articles = Article.objects.filter(pk__in=listed).only("pk", "title", "url")
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            articles = articles.order_by(*ordering)
        # As strings, the way the admin compares them with the query string.
        return [(str(article.pk), str(article)) for article in articles]
