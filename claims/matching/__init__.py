"""Claim matching: has this claim, perhaps reworded, been seen (and checked) before?

A pure library: no Django, no I/O. Build `MatchFeatures` once per claim (`features_from_claim`
for stored claims, `features_from_text` for a query), then `compare` pairs of them; `search_text`
gives the words to find candidates with in the database. A query that may be a pasted post goes
through `clean_post` first (links, handles, hashtags, embed signatures, emoji). `semantic` gives
sentence vectors, when its extra is installed, for `compare(..., semantic=cosine)`.
"""

from __future__ import annotations

from claims.matching import semantic
from claims.matching.amounts import Amount
from claims.matching.compare import (
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    Comparison,
    compare,
    text_similarity,
)
from claims.matching.features import (
    MatchFeatures,
    features_from_claim,
    features_from_text,
    search_text,
)
from claims.matching.query import clean_post

__all__ = [
    "DEFAULT_AUTO_THRESHOLD",
    "DEFAULT_SUGGEST_THRESHOLD",
    "Amount",
    "Comparison",
    "MatchFeatures",
    "clean_post",
    "compare",
    "features_from_claim",
    "features_from_text",
    "search_text",
    "semantic",
    "text_similarity",
]
