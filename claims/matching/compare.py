"""Is claim B the claim A, reworded? Text overlap, then numbers and dates as evidence or veto.

Text similarity is written here rather than taken from a library: string-similarity packages
(rapidfuzz and the like) compare characters, so "$0.8bn" and "$800 million" look different while
"$800 million" and "$8 billion" look alike, the opposite of what a fact-checker needs. Amounts and
dates are compared as values instead, and only the words that remain are compared as text,
weighted so that a shared rare word counts for more than a shared "government".
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.matching.amounts import align_amounts
from claims.matching.features import MatchFeatures
from claims.matching.terms import term_weight

# Calibrated on the dev split of tools/data/claim_pairs.jsonl (`make eval` prints the figures).
DEFAULT_SUGGEST_THRESHOLD = 0.45
DEFAULT_AUTO_THRESHOLD = 0.8

BLOCKED_CEILING = 0.2
# A containment score over fewer term weights than this would let a two-word claim "contain"
# anything that mentions both words.
_MIN_CONTAINMENT_WEIGHT = 2.5
_QUANTITY_BONUS = 0.5
_YEAR_BONUS = 0.2
_ONE_SIDED_QUANTITY = 0.85
_ONE_SIDED_YEAR = 0.93
# With sentence vectors (`semantic`), the similarity the score is built on is this share of their
# cosine, rescaled so that SEMANTIC_FLOOR (what sentences on one subject saying different things
# reach) counts as nothing, and the rest the word overlap. Chosen on the dev pairs (precision at
# the suggest threshold kept at its lexical level) and the claim-retrieval train and dev queries.
SEMANTIC_SHARE = 0.6
SEMANTIC_FLOOR = 0.4


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float  # 0..1, compared against the suggest and auto thresholds
    text_similarity: float  # 0..1
    blocked_by: str | None  # why numbers or dates rule a match out, for editors
    agreements: tuple[str, ...]  # amounts and dates both claims give
    semantic: float | None = None  # the sentence vectors' cosine, when they were compared


def blended_similarity(words: float, semantic: float) -> float:
    """The word overlap and the vectors' cosine as one similarity (0..1)."""
    meaning = min(1.0, max(0.0, (semantic - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR)))
    return (1 - SEMANTIC_SHARE) * words + SEMANTIC_SHARE * meaning


def text_similarity(a: MatchFeatures, b: MatchFeatures) -> float:
    """Weighted overlap of content terms: the mean of Dice and a damped containment."""
    if not a.tokens or not b.tokens:
        return 0.0
    shared = a.tokens & b.tokens
    if not shared:
        return 0.0
    common = sum(term_weight(t) for t in shared)
    dice = 2 * common / (a.weight + b.weight)
    smaller, larger = sorted((a.weight, b.weight))
    containment = common / max(smaller, min(larger, _MIN_CONTAINMENT_WEIGHT))
    return min(1.0, 0.5 * dice + 0.5 * min(1.0, containment))


def _year_list(years: frozenset[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def _blocked(
    score: float,
    similarity: float,
    reason: str,
    agreements: tuple[str, ...],
    semantic: float | None,
) -> Comparison:
    return Comparison(min(BLOCKED_CEILING, score * 0.25), similarity, reason, agreements, semantic)


def compare(
    a: MatchFeatures,
    b: MatchFeatures,
    *,
    similarity: float | None = None,
    semantic: float | None = None,
) -> Comparison:
    """Score B as a rewording of A (symmetric).

    `similarity` replaces `text_similarity` when the caller weighs words better, as retrieval
    over a known corpus does (a word's rarity in that corpus). `semantic`, the cosine of the two
    sentences' vectors, joins the words (`blended_similarity`). Numbers and dates are judged the
    same either way: a rewording with another figure is still blocked.
    """
    if similarity is None:
        similarity = text_similarity(a, b)
    if semantic is not None:
        similarity = blended_similarity(similarity, semantic)
    aligned = align_amounts(a.quantities, b.quantities)
    agreements = list(aligned.agreements)
    shared_years = a.years & b.years
    agreements.extend(f"year {y}" for y in sorted(shared_years))
    found = tuple(agreements)
    if aligned.conflict is not None:
        first, second = aligned.conflict
        return _blocked(similarity, similarity, f"{first.text} vs {second.text}", found, semantic)
    if a.years and b.years and a.years - b.years and b.years - a.years:
        reason = f"year {_year_list(a.years - b.years)} vs {_year_list(b.years - a.years)}"
        return _blocked(similarity, similarity, reason, found, semantic)
    if a.months and b.months and a.months.isdisjoint(b.months) and not (a.years ^ b.years):
        reason = "month " + ", ".join(map(str, sorted(a.months)))
        reason += " vs " + ", ".join(map(str, sorted(b.months)))
        return _blocked(similarity, similarity, reason, found, semantic)
    if a.days and b.days and a.days.isdisjoint(b.days) and a.months == b.months:
        # Two events of the same month on different days ("opened on Tuesday" and "confirmed on
        # Wednesday"): another occurrence, not the same claim.
        reason = "date " + ", ".join(sorted(a.days)) + " vs " + ", ".join(sorted(b.days))
        return _blocked(similarity, similarity, reason, found, semantic)
    if a.directions and b.directions and a.directions.isdisjoint(b.directions):
        reason = f"'{a.direction_words[0]}' vs '{b.direction_words[0]}'"
        return _blocked(similarity, similarity, reason, found, semantic)

    score = similarity
    # Agreeing figures are evidence only in proportion to the text already agreeing: two claims
    # about different subjects often share a round number.
    if aligned.agreements:
        bonus = min(1.0, _QUANTITY_BONUS * (1 + 0.25 * (len(aligned.agreements) - 1)))
        score += (1 - score) * bonus * similarity
    if shared_years:
        score += (1 - score) * _YEAR_BONUS * similarity
    score *= _ONE_SIDED_QUANTITY ** min(aligned.unmatched, 3)
    if bool(a.years) != bool(b.years):
        score *= _ONE_SIDED_YEAR
    return Comparison(
        round(min(1.0, score), 4),
        round(similarity, 4),
        None,
        found,
        None if semantic is None else round(semantic, 4),
    )
