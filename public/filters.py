"""Query-string filters of the public API; they narrow published rows, never widen them.

Their form fields are as strict as the OpenAPI schema says (public/schema.py reads their bounds
from them): a parameter given empty, or not in the documented format, is a 400, never ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django_filters.fields import DateRangeField, RangeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import SearchFilter, search_smart_split
from rest_framework.request import Request

from claims.models import Article, Claim
from public import selectors
from public.search import MAX_FALLBACK_WORDS, search_text
from sources.models import Source

# The largest id a 64-bit key holds; a bigger number would overflow the database driver.
MAX_ID = 2**63 - 1
# Only a missing parameter is absent: "?article=" names no number, date or boolean, so it is
# refused rather than read as no filter (Django's forms treat "" as empty too).
ABSENT = (None,)
# The schema's "date" format: a full ISO 8601 date, nothing Django's other input formats read.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class WholeNumberField(forms.IntegerField):
    empty_values = ABSENT


class NumberField(forms.FloatField):
    empty_values = ABSENT


class IsoDateField(forms.DateField):
    empty_values = ABSENT

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        if ISO_DATE.fullmatch(str(value)):
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                pass
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class IsoDateRangeField(DateRangeField):
    """`<name>_after` and `<name>_before` as ISO dates, each optional but never empty."""

    empty_values = ABSENT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # DateRangeField's own __init__ only builds two DateFields of every input format.
        RangeField.__init__(self, (IsoDateField(), IsoDateField()), *args, **kwargs)

    def compress(self, data_list: list[dt.date | None]) -> slice | None:
        compressed: slice | None = super().compress(data_list)
        if compressed is None:
            return None
        return slice(_in_utc_range(compressed.start), _in_utc_range(compressed.stop))


def _in_utc_range(moment: dt.datetime | None) -> dt.datetime | None:
    # Local midnight of the first day, or the end of the last, falls outside what a datetime
    # holds once in UTC (where the database compares) under a TIME_ZONE east or west of it.
    # The first or last instant UTC holds bounds the same rows.
    if moment is None or timezone.is_naive(moment):
        return moment
    try:
        moment.astimezone(dt.UTC)
    except OverflowError:
        edge = dt.datetime.min if moment.year == dt.MINYEAR else dt.datetime.max
        return edge.replace(tzinfo=dt.UTC)
    return moment


class StrictBooleanField(forms.NullBooleanField):
    """true or false; any other word is a 400 (a select widget would read it as "either")."""

    widget = forms.TextInput
    empty_values = ABSENT
    _VALUES = {"true": True, "True": True, "false": False, "False": False}

    # NullBooleanField's own stub makes the same exception to BooleanField's bool.
    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value is None or isinstance(value, bool):
            return value
        if value in self._VALUES:
            return self._VALUES[value]
        raise ValidationError("Enter true or false.", code="invalid")


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number within the database's key range, else a 400."""

    field_class = WholeNumberField

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UnitIntervalFilter(django_filters.NumberFilter):
    """A number from 0 to 1, as check-worthiness is (a database constraint holds it there)."""

    field_class = NumberField

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 1)
        super().__init__(*args, **kwargs)


class IsoDateFromToRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = IsoDateRangeField


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class ClaimFilter(django_filters.FilterSet):
    """Filters for published claims."""

    # Columns of the claim row itself: no join can repeat a row, so no DISTINCT (django-filter's
    # default for multiple choices), which made PostgreSQL sort and compare every matching row.
    verdict = django_filters.MultipleChoiceFilter(choices=Claim.Verdict.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices, distinct=False)
    # A plain number, not a model choice: validating the id would tell which articles exist.
    article = IdFilter(field_name="article_id")
    outlet = django_filters.CharFilter(field_name="article__outlet", lookup_expr="iexact")
    published = IsoDateFromToRangeFilter(
        field_name="published_at", label="Fact-check published between (dates)"
    )
    claimed = IsoDateFromToRangeFilter(
        field_name="article__published_on", label="Claim made between (article dates)"
    )
    checkworthiness_min = UnitIntervalFilter(field_name="checkworthiness", lookup_expr="gte")
    checkworthiness_max = UnitIntervalFilter(field_name="checkworthiness", lookup_expr="lte")
    checkworthy = StrictBooleanFilter()

    class Meta:
        model = Claim
        fields: list[str] = []


class ArticleFilter(django_filters.FilterSet):
    """Filters for public articles."""

    outlet = django_filters.CharFilter(lookup_expr="iexact")
    published_on = IsoDateFromToRangeFilter()

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

    def filter_claim(self, queryset: QuerySet[Source], name: str, value: int) -> QuerySet[Source]:
        return selectors.sources_for_claim(queryset, value)


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

    search_description = (
        f"Rows containing every word (the first {MAX_FALLBACK_WORDS} words count), in any of"
        " the searched fields."
    )

    def must_call_distinct(self, queryset: QuerySet[Any], search_fields: Iterable[str]) -> bool:
        return False

    def get_search_terms(self, request: Request) -> list[str]:
        # A NUL cannot be searched for; DRF would answer a 400 whose body is not the documented
        # error object, so it is dropped, as the claim search does. Each word adds a clause per
        # field: a thousand of them overflowed SQLite's expression depth (a 500), and cost
        # PostgreSQL a scan per clause, so only the first few count, as in the claim search.
        # DRF splits the parameter's string, as its own search does; the stubs ask for a list.
        terms: list[str] = search_smart_split(search_text(request, self.search_param))  # type: ignore[arg-type]
        return terms[:MAX_FALLBACK_WORDS]
