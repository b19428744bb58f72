"""Compare the claim's amounts with the amounts the most relevant source passages give.

An amount is only compared with amounts of the same dimension (money in one currency, percent,
percentage points, counts, one physical dimension, durations); lengths, masses and durations are
converted between units, currencies never. Among candidates the verifier prefers the passage
most about the claim, amounts whose surroundings share the claim's words, and amounts dated to
the claim's year. Near misses are reported for what they are: the right amount for another year
is "mixed", a percentage against percentage points is "mixed", another currency is
"unrelated" (not comparable). See `tolerance` for how each qualifier sets the agreeing window.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.model import Quantity
from sources.verification.model import ClaimToVerify, Finding, Stance
from sources.verification.passages import Passage, document
from sources.verification.reading import PassageReading, nearest_year, read, year_of
from sources.verification.relevance import RankedPassage, claim_terms, relevant
from sources.verification.temporal import owned_durations
from sources.verification.text import one_line
from sources.verification.tolerance import Comparison, compare
from sources.verification.units import Dimension, conversion, dimension, format_amount

NAME = "quantities"
TOP_PASSAGES = 5
# Claim words within this many characters of an amount say the amount is about the claim's
# subject ("unemployment stood at 6.1%"), not about something else in the same sentence.
NEARBY = 100
MAX_CLAIM_QUANTITIES = 6


@dataclass(frozen=True, slots=True)
class Candidate:
    source: Quantity
    passage: Passage
    ranked: RankedPassage
    comparison: Comparison | None
    near_miss: str | None  # "wrong_year" | "percent_vs_points" | "currency" | "unit" | None
    factor: float
    source_year: int | None
    score: float


def claim_years(claim: ClaimToVerify) -> set[int]:
    years = set()
    for mention in claim.dates:
        year = year_of(mention)
        if year is not None:
            years.add(year)
    return years


def _checkable(quantity: Quantity, owned: frozenset[str]) -> bool:
    if quantity.value is None and quantity.low is None and quantity.high is None:
        return False
    return quantity.unit != "rank" and quantity.text.lower() not in owned


def _nearby_share(lowered: str, start: int, end: int, claim: ClaimToVerify) -> float:
    terms = claim_terms(claim)
    total = sum(t.weight for t in terms) or 1.0
    window = lowered[max(0, start - NEARBY) : end + NEARBY]
    return sum(t.weight for t in terms if t.key in window) / total


def _kind_of_mismatch(claim_dim: Dimension, source_dim: Dimension) -> str | None:
    """Why two dimensions differ in a way worth telling the editor, or None if unrelated."""
    kinds = {claim_dim.kind, source_dim.kind}
    if kinds == {"percent", "percentage points"}:
        return "percent_vs_points"
    if claim_dim.kind == source_dim.kind == "money":
        return "currency"
    return None


def _candidates(
    claim: ClaimToVerify, quantity: Quantity, ranked: list[RankedPassage], text: str
) -> list[Candidate]:
    doc = document(text)
    years = claim_years(claim)
    claim_dim = dimension(quantity)
    found: list[Candidate] = []
    for position, item in enumerate(ranked):
        places = [(item.passage, 0.0), *((p, -0.1) for p in item.context)]
        for passage, penalty in places:
            reading = read(text, passage)
            for source in reading.quantities:
                source_dim = dimension(source)
                near_miss: str | None = None
                factor = 1.0
                comparison: Comparison | None = None
                if source_dim == claim_dim:
                    converted = conversion(source.unit, quantity.unit)
                    if converted is None:
                        continue
                    factor = converted
                    comparison = compare(quantity, source, factor)
                else:
                    near_miss = _kind_of_mismatch(claim_dim, source_dim)
                    if near_miss is None:
                        continue
                    if near_miss == "percent_vs_points":
                        comparison = compare(quantity, source)
                source_year = _year_for(text, reading, source, places)
                score = item.coverage - 0.05 * position + penalty
                score += 0.3 * _nearby_share(doc.lowered, source.start, source.end, claim)
                if comparison is not None and near_miss is None:
                    score += {"consistent": 0.3, "partial": 0.1}.get(comparison.outcome, 0.0)
                if near_miss is not None:
                    score -= 0.2
                if years and source_year is not None:
                    score += 0.3 if source_year in years else -0.3
                    if source_year not in years and near_miss is None:
                        near_miss = "wrong_year"
                found.append(
                    Candidate(
                        source, passage, item, comparison, near_miss, factor, source_year, score
                    )
                )
    found.sort(key=lambda c: -c.score)
    return found


def _year_for(
    text: str, reading: PassageReading, source: Quantity, places: list[tuple[Passage, float]]
) -> int | None:
    """The year the passage gives for the amount: the nearest one in its passage, else the one
    year its neighbours name (several years there would make the guess a coin toss)."""
    dated = nearest_year(reading, source.start, source.end)
    if dated is not None:
        return year_of(dated)
    years = {
        year
        for passage, _ in places
        for mention in read(text, passage).dates
        if (year := year_of(mention)) is not None
    }
    return years.pop() if len(years) == 1 else None


def _gap_words(comparison: Comparison) -> str:
    if comparison.gap is None:
        return "not a single figure"
    gap = abs(comparison.gap) * 100
    if gap < 0.05:
        return "the same amount"
    return f"{gap:.1f}% apart" if gap < 10 else f"{gap:.0f}% apart"


def _rule_name(quantity: Quantity) -> str:
    if quantity.qualifier:
        return f"'{quantity.qualifier}'"
    if quantity.value is None and quantity.low is not None and quantity.high is not None:
        return "the claimed range"
    return "rounding"


def _source_words(candidate: Candidate, claim_unit: str | None) -> str:
    said = one_line(candidate.source.text, 60)
    if candidate.factor != 1.0 and candidate.source.value is not None:
        said += f" ({format_amount(candidate.source.value * candidate.factor, claim_unit)})"
    if candidate.source_year is not None:
        said += f" for {candidate.source_year}"
    return said


def _finding(
    claim: ClaimToVerify, quantity: Quantity, candidate: Candidate, years: set[int]
) -> Finding:
    comparison = candidate.comparison
    said = _source_words(candidate, quantity.unit)
    claimed = one_line(quantity.text, 60)
    coverage = candidate.ranked.coverage
    details: dict[str, object] = {
        "claim_quantity": quantity.text,
        "source_quantity": candidate.source.text,
        "source_year": candidate.source_year,
        "claim_years": sorted(years),
        "near_miss": candidate.near_miss,
        "coverage": round(coverage, 3),
    }
    if comparison is not None:
        details.update(
            outcome=comparison.outcome,
            gap=None if comparison.gap is None else round(comparison.gap, 4),
            accepted=comparison.window.describe(lambda v: format_amount(v, quantity.unit)),
            rule=comparison.rule,
        )
    claim_year = ", ".join(str(y) for y in sorted(years))
    near_miss = candidate.near_miss
    if near_miss == "currency":
        stance, confidence = Stance.UNRELATED, 0.5
        explanation = (
            f"The source gives {said}; the claim says {claimed} in {quantity.unit}: amounts in "
            "different currencies are not comparable"
        )
    elif near_miss == "percent_vs_points":
        assert comparison is not None
        claim_dim = dimension(quantity).kind
        source_dim = dimension(candidate.source).kind
        if comparison.outcome == "inconsistent":
            stance, confidence = Stance.UNRELATED, 0.4
        else:
            stance, confidence = Stance.MIXED, 0.6
        explanation = (
            f"The source gives {said} ({source_dim}); the claim says {claimed} ({claim_dim}): "
            "a relative change in percent is not a change in percentage points"
        )
    elif near_miss == "wrong_year":
        assert comparison is not None
        if comparison.outcome == "inconsistent":
            stance, confidence = Stance.UNRELATED, 0.4
            explanation = (
                f"The source gives {said}; the claim says {claimed} for {claim_year}: the passage "
                "is about another year, so it does not test the claim"
            )
        else:
            stance, confidence = Stance.MIXED, 0.6
            explanation = (
                f"The source gives {said}, not {claim_year}; the claim says {claimed}: "
                "the right amount for the wrong year"
            )
    else:
        assert comparison is not None
        rule = _rule_name(quantity)
        base = 0.5 + 0.35 * min(1.0, coverage)
        if years and candidate.source_year is None:
            base -= 0.15  # the passage never says which year its figure is for
        if comparison.outcome == "consistent":
            stance, confidence = Stance.SUPPORTS, base
            verdict = f"consistent with {rule}"
        elif comparison.outcome == "partial":
            stance, confidence = Stance.MIXED, base - 0.1
            verdict = f"only partly within what {rule} allows"
        else:
            stance, confidence = Stance.CONTRADICTS, base
            window = comparison.window.describe(lambda v: format_amount(v, quantity.unit))
            verdict = f"outside what {rule} allows ({window})"
        explanation = (
            f"The source gives {said}; the claim says {claimed}: "
            f"{_gap_words(comparison)}, {verdict}"
        )
    return Finding(
        NAME,
        stance,
        round(max(0.0, min(1.0, confidence)), 3),
        candidate.passage.text,
        candidate.passage.start,
        candidate.passage.end,
        explanation,
        details,
    )


def verify_quantities(claim: ClaimToVerify, snapshot_text: str) -> list[Finding]:
    """One finding per amount in the claim: what the best matching source amount says of it."""
    owned = owned_durations(claim)
    quantities = [q for q in claim.quantities if _checkable(q, owned)][:MAX_CLAIM_QUANTITIES]
    if not quantities:
        return []
    ranked = relevant(claim, snapshot_text, TOP_PASSAGES)
    years = claim_years(claim)
    findings = []
    for quantity in quantities:
        candidates = _candidates(claim, quantity, ranked, snapshot_text) if ranked else []
        if not candidates:
            findings.append(
                Finding(
                    NAME,
                    Stance.UNRELATED,
                    0.5 if ranked else 0.7,
                    "",
                    0,
                    0,
                    f"No passage about the claim gives an amount comparable with "
                    f"{one_line(quantity.text, 60)} ({dimension(quantity).describe()})",
                    {"claim_quantity": quantity.text},
                )
            )
            continue
        findings.append(_finding(claim, quantity, candidates[0], years))
    return findings


__all__ = ["NAME", "claim_years", "verify_quantities"]
