"""Candidate retrieval for claim matching: the earlier claims most like a text, found by index.

Why full-text search and not a trigram index. Measured on 1,000,000 generated claims
(`make bench-match`): a pg_trgm GIN index with `text % query` took 2 to 10 s a lookup, because
claims share most of their trigrams ("in", "the", "rose", "said") and the index's bound
(matching trigrams / query trigrams) is loose, so hundreds of thousands of rows reach the heap
recheck. A GIN index over `to_tsvector('simple', text || ' ' || sentence)` (the claim and its
sentence, as extracted claims are often fragments; no stemming or stop words, so figures and
names stay words) stores one posting list per word instead; reading a rare word's is cheap. So:

1. We keep the query's rarest words. Their frequencies come from the statistics ANALYZE keeps
   for that index (its 1,000 commonest words; any other word is rarer than those).
2. We ask the index for rows holding at least k of them, k chosen so that a few hundred rows are
   expected. Common words side by side ("chief economist") are one thing, not two, and numbers
   match however they were written ("74,912" or "74912", "$757bn" or "$757 billion").
3. We rank those rows by half pg_trgm `similarity()` (the wording, in any order) and half the
   share of the query's words they hold, each weighted by its rarity (what the claim is about).

A reworded claim still shares its rare words (the place, the commodity, the year, the figure),
so it is found although its verbs and word order differ; `claims.matching` then judges it.
Limits: a reworded claim that shares fewer than k of the chosen words is missed (usually one
whose every rare word was changed), and at most CANDIDATE_CAP rows are ranked, so a query made
only of very common words sees an arbitrary CANDIDATE_CAP of the rows that hold them.

On SQLite (the embedded default) there is no such index: we filter with LIKE on the longest
words (in the claim or its sentence) and rank the most recent SCAN_ROWS_SQLITE matching rows in
Python the same way, with unweighted words. That is right on a newsroom's small data; past a
few thousand claims sharing a word, older ones are not looked at, and time grows with the table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from django.db import connection

from claims.match_candidates.common import (
    INDEX_NAME,
    MAX_QUERY_CHARS,
    UNSAFE,
    WORD,
    Candidate,
)
from claims.match_candidates.postgresql import search_postgresql
from claims.match_candidates.scan import search_scan, trigram_similarity, trigrams
from claims.models import Claim
from claims.selectors import claims_published

__all__ = [
    "INDEX_NAME",
    "MAX_QUERY_CHARS",
    "Candidate",
    "clean_query_text",
    "match_candidates",
    "trigram_similarity",
    "trigrams",
]


def match_candidates(
    text: str,
    *,
    limit: int = 50,
    exclude_claim_ids: Collection[int] = (),
    exclude_article_id: int | None = None,
    published_only: bool = False,
) -> list[Candidate]:
    """The `limit` earlier claims most similar to `text`, best first."""
    query = clean_query_text(text)
    if limit <= 0 or not WORD.search(query):
        return []
    base = Claim.objects.all()
    if exclude_claim_ids:
        base = base.exclude(pk__in=[int(pk) for pk in exclude_claim_ids])
    if exclude_article_id is not None:
        base = base.exclude(article_id=exclude_article_id)
    if connection.vendor == "postgresql":
        return search_postgresql(query, base, limit, published_only=published_only)
    if published_only:
        base = base.filter(pk__in=claims_published().values("pk"))
    return search_scan(query, base, limit)


def clean_query_text(text: str) -> str:
    """The text as the query uses it: NFKC, no control characters or lone surrogates, capped."""
    if not isinstance(text, str):
        return ""
    # Cut before normalizing so a huge input costs nothing; NFKC may lengthen it a little.
    text = unicodedata.normalize("NFKC", UNSAFE.sub(" ", text[: MAX_QUERY_CHARS * 2]))
    if len(text) > MAX_QUERY_CHARS:  # end on a whole word, or the cut one looks rare
        text = text[: MAX_QUERY_CHARS + 1].rsplit(None, 1)[0][:MAX_QUERY_CHARS]
    return text.strip()
