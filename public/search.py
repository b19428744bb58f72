"""Full-text search of published claims: PostgreSQL's own, index-backed; a substring elsewhere.

On PostgreSQL the query is read as a web search ("exports -imports", "\"rose by\"", "a or b")
against one tsvector over the claim's text, sentence, rationale and speaker, the same expression
a GIN index holds (migration claims 0005), and results come best match first unless the request
asks for another order. Other databases (SQLite on the embedded defaults) fall back to a
case-insensitive substring match on the same fields.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Model, Q, QuerySet
from rest_framework.filters import SearchFilter

# The text search configuration; the GIN index is built over this same expression.
SEARCH_CONFIG = "english"
SEARCH_FIELDS = ("text", "sentence", "rationale", "speaker")
# The substring fallback matches at most this many words (each one is a clause per field).
MAX_FALLBACK_WORDS = 10
# The annotation a search adds: pagination orders by it when no ordering was asked for.
RANK = "search_rank"

_ModelT = TypeVar("_ModelT", bound=Model)
_RowT = TypeVar("_RowT")


def claim_search_vector() -> SearchVector:
    """The indexed tsvector of a claim; keep in step with the index of migration claims 0005."""
    return SearchVector(*SEARCH_FIELDS, config=SEARCH_CONFIG)


def search_text(request: Any, param: str) -> str:
    # NUL cannot travel to PostgreSQL; DRF's own search drops it the same way.
    return str(request.query_params.get(param, "")).replace("\x00", "").strip()


class ClaimSearchFilter(SearchFilter):
    """`?search=` over claims: full-text and ranked on PostgreSQL, substring match elsewhere."""

    search_description = (
        "Full-text search in the claim, its sentence, rationale and speaker (web-search syntax:"
        ' quotes, "or", a leading "-" to exclude). Results come best match first unless'
        " `ordering` is given."
    )

    # Generic as DRF's backend is; it is only ever given the claims of ClaimViewSet.
    def filter_queryset(
        self, request: Any, queryset: QuerySet[_ModelT, _RowT], view: Any
    ) -> QuerySet[_ModelT, _RowT]:
        return claims_matching(queryset, search_text(request, self.search_param))


def claims_matching(queryset: QuerySet[_ModelT, _RowT], text: str) -> QuerySet[_ModelT, _RowT]:
    """Claims of `queryset` that match `text` (NUL-free), with their RANK on PostgreSQL."""
    if not text:
        return queryset
    if connection.vendor != "postgresql":
        match = Q()
        for word in text.split()[:MAX_FALLBACK_WORDS]:
            word_q = Q()
            for field in SEARCH_FIELDS:
                word_q |= Q(**{f"{field}__icontains": word})
            match &= word_q
        return queryset.filter(match)
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    vector = claim_search_vector()
    ranked: QuerySet[_ModelT, _RowT] = (
        queryset.alias(search_vector=vector)
        .filter(search_vector=query)
        .annotate(**{RANK: SearchRank(vector, query)})
    )
    return ranked
