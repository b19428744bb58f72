"""Turn findings into one suggested stance and verdict for the editor.

Findings that compare something specific (amounts, dates, quotations) decide; the relevance
verifier's word-overlap findings only count when nothing specific bears on the claim, and then
never reach "true" or "false". Each finding weighs its confidence; shares of the total weight:

- supports >= 80% of the weight: supports; "true" if its strongest finding has confidence
  >= 0.7, else "mostly_true".
- contradicts >= 80%: contradicts; "false" likewise, else "mostly_false".
- supports ahead of contradicts and >= 50%: supports, "mostly_true".
- contradicts ahead of supports and >= 50%: contradicts, "mostly_false".
- otherwise: mixed; "misleading" when the heaviest mixed finding is a near miss of context
  (right amount for the wrong year, percent for percentage points, another speaker), else
  "half_true".
- only relevance findings: at most "mostly_true"/"mostly_false", "unverifiable" when mixed.
- nothing relevant: stance "unrelated", verdict "" (no suggestion).
"""

from __future__ import annotations

from collections.abc import Sequence

from sources.verification.model import Finding, Stance, Suggestion, Verdict

RELEVANCE = "relevance"
DECISIVE = 0.8
MAJORITY = 0.5
STRONG = 0.7
RELEVANCE_CAP = 0.5
MISLEADING_NEAR_MISSES = frozenset({"wrong_year", "percent_vs_points", "other_speaker"})


def _weights(findings: Sequence[Finding]) -> dict[str, float]:
    totals = {Stance.SUPPORTS: 0.0, Stance.CONTRADICTS: 0.0, Stance.MIXED: 0.0}
    for finding in findings:
        if finding.stance in totals:
            totals[Stance(finding.stance)] += max(0.0, min(1.0, finding.confidence))
    return {str(k): v for k, v in totals.items()}


def _strongest(findings: Sequence[Finding], stance: str) -> Finding | None:
    chosen = [f for f in findings if f.stance == stance]
    return max(chosen, key=lambda f: f.confidence) if chosen else None


def _summary(weights: dict[str, float], counts: dict[str, int]) -> str:
    parts = [f"{counts[s]} {s.replace('supports', 'support')}" for s in weights if counts.get(s)]
    return ", ".join(parts)


def suggest(findings: Sequence[Finding]) -> Suggestion:
    """The stance and verdict the findings point to, with a confidence and a reason."""
    relevant = [f for f in findings if f.stance != Stance.UNRELATED]
    specific = [f for f in relevant if f.verifier != RELEVANCE]
    pool = specific or relevant
    if not pool:
        return Suggestion(
            str(Stance.UNRELATED), "", 0.0, "No passage of the sources bears on the claim"
        )
    only_relevance = not specific
    weights = _weights(pool)
    total = sum(weights.values()) or 1.0
    share = {stance: weight / total for stance, weight in weights.items()}
    counts = {s: sum(1 for f in pool if f.stance == s) for s in weights}
    supports, contradicts = share[Stance.SUPPORTS], share[Stance.CONTRADICTS]
    if supports >= DECISIVE or (supports > contradicts and supports >= MAJORITY):
        stance = Stance.SUPPORTS
        top = _strongest(pool, stance)
        strong = supports >= DECISIVE and top is not None and top.confidence >= STRONG
        verdict = Verdict.TRUE if strong else Verdict.MOSTLY_TRUE
    elif contradicts >= DECISIVE or (contradicts > supports and contradicts >= MAJORITY):
        stance = Stance.CONTRADICTS
        top = _strongest(pool, stance)
        strong = contradicts >= DECISIVE and top is not None and top.confidence >= STRONG
        verdict = Verdict.FALSE if strong else Verdict.MOSTLY_FALSE
    else:
        stance = Stance.MIXED
        top = _strongest(pool, stance) or max(pool, key=lambda f: f.confidence)
        near_miss = top.details.get("near_miss") if top.stance == Stance.MIXED else None
        verdict = Verdict.MISLEADING if near_miss in MISLEADING_NEAR_MISSES else Verdict.HALF_TRUE
    assert top is not None
    confidence = share[str(stance)] * top.confidence
    if only_relevance:
        # Word overlap cannot tell "raised" from "cut": never a firm verdict on it alone.
        confidence = min(confidence, RELEVANCE_CAP)
        verdict = {
            Verdict.TRUE: Verdict.MOSTLY_TRUE,
            Verdict.FALSE: Verdict.MOSTLY_FALSE,
        }.get(verdict, verdict)
        if stance == Stance.MIXED:
            verdict = Verdict.UNVERIFIABLE
    explanation = f"{top.explanation} ({_summary(weights, counts)})"
    return Suggestion(str(stance), str(verdict), round(confidence, 3), explanation)
