"""Check-worthiness: the shipped sentence model, combined with what the claim itself holds."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from claims.extraction.model import ClaimKind


class SentenceScorer(Protocol):
    """What extraction needs from a check-worthiness model."""

    @property
    def threshold(self) -> float: ...

    def scores(self, sentences: Sequence[str]) -> list[float]: ...


def genre_threshold(scorer: SentenceScorer | None, genre: str) -> float:
    """The scorer's cut for this genre of text; scorers that know no genres have one cut."""
    if scorer is None:
        return 1.0
    threshold_for = getattr(scorer, "threshold_for", None)
    return float(threshold_for(genre)) if threshold_for is not None else float(scorer.threshold)


@cache
def default_scorer() -> SentenceScorer:
    # Imported late: loading the model is the slowest step of a first call.
    from claims.extraction.checkworthiness import load_default

    model: SentenceScorer = load_default()
    return model


# How much a claim's own content adds to its sentence's score. A precise, normalized amount is
# what fact-checkers can verify most directly; a bare event is only as check-worthy as its
# sentence.
_KIND_WEIGHT: dict[ClaimKind, float] = {
    ClaimKind.STATISTICAL: 0.20,
    ClaimKind.INTERVAL: 0.20,
    ClaimKind.COMPARISON: 0.20,
    ClaimKind.TEMPORAL: 0.10,
    ClaimKind.QUOTE: 0.0,
    ClaimKind.FACTUAL: 0.0,
}


def claim_checkworthiness(sentence_score: float, kind: ClaimKind, has_values: bool) -> float:
    """The sentence score raised by the claim's content, kept in [0, 1]."""
    boost = _KIND_WEIGHT[kind] if has_values or kind is ClaimKind.COMPARISON else 0.0
    score = 1.0 - (1.0 - sentence_score) * (1.0 - boost)
    return min(1.0, max(0.0, score))
