"""Candidates on SQLite (the embedded default): LIKE on a few words, ranked in Python."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from claims.match_candidates.common import (
    FIELDS,
    SCAN_ROWS_SQLITE,
    WORD,
    Candidate,
    candidate_from_row,
    salient,
)
from claims.models import Claim


def search_scan(query: str, base: QuerySet[Claim], limit: int) -> list[Candidate]:
    words = {w for w in WORD.findall(query.casefold()) if salient(w)}
    if not words:
        return []
    # LIKE has no index to use: the longest words are the likeliest to be rare.
    longest = sorted(words, key=lambda w: (-len(w), w))[:6]
    found = reduce(or_, (Q(text__icontains=w) | Q(sentence__icontains=w) for w in longest))
    rows = base.filter(found).order_by("-pk").values_list(*FIELDS)[:SCAN_ROWS_SQLITE]
    query_trigrams = trigrams(query)
    scored = []
    for row in rows:
        document = WORD.findall(f"{row[2]} {row[3]}".casefold())
        held = len(words.intersection(document)) / len(words)
        score = (trigram_similarity(query_trigrams, trigrams(row[2])) + held) / 2
        scored.append((*row, score))
    scored.sort(key=lambda row: (-row[8], -row[0]))
    return [candidate_from_row(row) for row in scored[:limit]]


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each lower-cased word padded with two spaces before and one after."""
    return frozenset(_word_trigrams(WORD.findall(text.casefold().replace("_", " "))))


def _word_trigrams(words: Iterable[str]) -> Iterable[str]:
    for word in words:
        padded = f"  {word} "
        for i in range(len(padded) - 2):
            yield padded[i : i + 3]


def trigram_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared trigrams over all trigrams, as pg_trgm's similarity()."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)
