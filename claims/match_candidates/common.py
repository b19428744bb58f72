"""What candidate retrieval shares between its PostgreSQL and SQLite paths."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claims import normalized_codec
from claims.normalized_codec import NormalizedValues

INDEX_NAME = "claim_text_search_idx"
"""The GIN index over the words of each claim and its sentence (migration 0004, PostgreSQL)."""

MAX_QUERY_CHARS = 500
"""Longer texts are cut here: longer claims are rare and every extra word costs time."""

MAX_TERMS = 14
"""At most this many of the query's rarest words are looked up in the index. A long post needs
many: its rarest words are often its own (a name, a joke) rather than the claim's subject."""

MAX_GROUPS = 120
"""The most "all of these k words" groups one lookup may ask for; past it, the commonest of the
chosen words are left out (14 words taken 3 at a time would be 364 groups)."""

MIN_TERMS = 3
"""At least this many words are looked up when the query has them, however common."""

POSTING_BUDGET = 20_000
"""Past MIN_TERMS, words are looked up only while the index entries they hold stay below this."""

CANDIDATE_BUDGET = 300
"""The number of rows we aim to score; k (of the chosen words) is raised until it is expected."""

CANDIDATE_CAP = 600
"""The most rows ever scored by similarity, whatever the statistics promised."""

MAX_SCORED_TERMS = 12
"""The query's rarest words that rank the candidates found."""

PHRASE_FREQUENCY = 0.003
"""Words in at least this share of claims, within two words of each other, form a set phrase."""

SCAN_ROWS_SQLITE = 2000
"""On SQLite, how many of the most recent rows that share a salient word are scored."""

STATS_TTL_SECONDS = 600.0

FIELDS = (
    "id",
    "article_id",
    "text",
    "sentence",
    "normalized",
    "status",
    "verdict",
    "published_at",
)
STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our out over own said same says she
    should so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you
    your bn mn per cent percent"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())
WORD = re.compile(r"\w+")
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The claim and the sentence it came from: extracted claims are often fragments ("$800 million
# last year") whose subject is only in the sentence. Migration 0004 indexes this same expression.
DOCUMENT = "to_tsvector('simple'::regconfig, {text} || ' ' || {sentence})"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An earlier claim that may say the same thing; `similarity` (0..1) is what ranks it."""

    id: int
    article_id: int
    text: str
    sentence: str
    normalized: NormalizedValues
    status: str
    verdict: str
    published_at: datetime | None
    similarity: float


def salient(lexeme: str) -> bool:
    return lexeme not in STOPWORDS and (len(lexeme) > 1 or lexeme.isdigit())


def _stored_json(raw: object) -> object:
    # SQLite hands a JSON column to raw SQL as its text; PostgreSQL as the parsed value, where a
    # stored JSON string arrives as a str too. Text that is not JSON reads as no values.
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def candidate_from_row(row: Sequence[Any]) -> Candidate:
    normalized = _stored_json(row[4])
    return Candidate(
        id=row[0],
        article_id=row[1],
        text=row[2],
        sentence=row[3],
        normalized=normalized_codec.decode(normalized),
        status=row[5],
        verdict=row[6],
        published_at=row[7],
        similarity=float(row[8]),
    )
