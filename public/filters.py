"""Query-string filters of the public API; they narrow published rows, never widen them."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import SearchFilter, search_smart_split
from rest_framework.request import Request

from claims.models import Article, Claim
from public import selectors
from public.search import search_text
from sources.models import Source

# The largest id a 64-bit key holds; a bigger number would overflow the database driver.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number within the database's key range, else a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ClaimFilter(django_filters.FilterSet):
    """Filters for published claims."""

    # Columns of the claim row itself: no join can repeat a row, so no DISTINCT (django-filter's
    # default for multiple choices), which made PostgreSQL sort and compare every matching row.
    verdict = django_filters.MultipleChoiceFilter(choices=Claim.Verdict.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices, distinct=False)
    # A plain number, not a model choice: validating the id would tell which articles exist.
    article = IdFilter(field_name="article_id")
    outlet = django_filters.CharFilter(field_name="article__outlet", lookup_expr="iexact")
    published = django_filters.DateFromToRangeFilter(
        field_name="published_at", label="Fact-check published between (dates)"
    )
    claimed = django_filters.DateFromToRangeFilter(
        field_name="article__published_on", label="Claim made between (article dates)"
    )
    checkworthiness_min = django_filters.NumberFilter(
        field_name="checkworthiness", lookup_expr="gte"
    )
    checkworthiness_max = django_filters.NumberFilter(
        field_name="checkworthiness", lookup_expr="lte"
    )
    checkworthy = django_filters.BooleanFilter()

    class Meta:
        model = Claim
        fields: list[str] = []


class ArticleFilter(django_filters.FilterSet):
    """Filters for public articles."""

    outlet = django_filters.CharFilter(lookup_expr="iexact")
    published_on = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Article
        fields: list[str] = []


class SourceFilter(django_filters.FilterSet):
    """Filters for public sources."""

    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices)
    claim = IdFilter(method="filter_claim", label="Sources of this claim")

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_claim(self, queryset: QuerySet[Source], name: str, value: float) -> QuerySet[Source]:
        return selectors.sources_for_claim(queryset, int(value))


class PublicFilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names none of the filters.

    Building and validating a FilterSet's form costs more than the rest of a plain list page's
    Python; with no filter parameter it could only return the queryset unchanged.
    """

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            # Range filters read "<name>_after" and "<name>_before", hence the prefix match.
            names = tuple(filterset_class.base_filters)
            if not any(key.startswith(names) for key in request.query_params):
                return queryset
        filtered: QuerySet[Any] = super().filter_queryset(request, queryset, view)
        return filtered


class ForwardSearchFilter(SearchFilter):
    """Search over the row and its forward relations only, which cannot duplicate rows.

    DRF otherwise adds SELECT DISTINCT over every column, which made a search several times
    slower than the list.
    """

    def must_call_distinct(self, queryset: QuerySet[Claim], search_fields: list[str]) -> bool:
        return False

    def get_search_terms(self, request: Request) -> list[str]:
        # A NUL cannot be searched for; DRF would answer a 400 whose body is not the documented
        # error object, so it is dropped, as the claim search does.
        terms: list[str] = search_smart_split(search_text(request, self.search_param))
        return terms
