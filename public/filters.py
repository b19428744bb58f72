"""Query-string filters of the public API; they narrow published rows, never widen them."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from rest_framework.filters import SearchFilter

from claims.models import Article, Claim
from public import selectors
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

    verdict = django_filters.MultipleChoiceFilter(choices=Claim.Verdict.choices)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices)
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


class ForwardSearchFilter(SearchFilter):
    """Search over the row and its forward relations only, which cannot duplicate rows.

    DRF otherwise adds SELECT DISTINCT over every column, which made a search several times
    slower than the list.
    """

    def must_call_distinct(self, queryset: QuerySet[Claim], search_fields: list[str]) -> bool:
        return False
