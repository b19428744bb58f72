"""The rating scale: every verdict, its place on the scale and what it means, defined once.

The desk's choices, the public pages, the methodology page, the API's `rating_value` and the
ClaimReview's `ratingValue` all read this module, so a verdict cannot mean one thing on the page
and another in the markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Verdict(models.TextChoices):
    """The verdicts an editor rules, best first; `verdict_point` gives each one's rating."""

    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    HALF_TRUE = "half_true", "Half true"
    MISLEADING = "misleading", "Misleading"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


@dataclass(frozen=True, slots=True)
class ScalePoint:
    """One verdict as readers see it: its rating (None: off the scale) and its meaning."""

    verdict: Verdict
    rating: int | None
    meaning: str

    @property
    def label(self) -> str:
        return str(self.verdict.label)


# Each point has a number of its own: a reader (or a search engine) ranking by `ratingValue`
# must never see two verdicts as equal. Unverifiable is not a degree of truth, so it has none.
SCALE: tuple[ScalePoint, ...] = (
    ScalePoint(
        Verdict.TRUE,
        6,
        "What the claim says is accurate, and nothing it leaves out changes that.",
    ),
    ScalePoint(
        Verdict.MOSTLY_TRUE,
        5,
        "The claim is accurate in substance but needs a correction of detail or some context.",
    ),
    ScalePoint(
        Verdict.HALF_TRUE,
        4,
        "Part of the claim is accurate and part is not, or it omits something that matters.",
    ),
    ScalePoint(
        Verdict.MISLEADING,
        3,
        "The facts in the claim may be right, but it is put so as to give a wrong impression.",
    ),
    ScalePoint(
        Verdict.MOSTLY_FALSE,
        2,
        "The claim holds a grain of truth but gets the facts that matter wrong.",
    ),
    ScalePoint(
        Verdict.FALSE,
        1,
        "The claim is not accurate: the evidence contradicts it.",
    ),
    ScalePoint(
        Verdict.UNVERIFIABLE,
        None,
        "The evidence that can be obtained neither confirms nor refutes the claim.",
    ),
)

_BY_VERDICT = {point.verdict.value: point for point in SCALE}
BEST_RATING = max(point.rating for point in SCALE if point.rating is not None)
WORST_RATING = min(point.rating for point in SCALE if point.rating is not None)


def verdict_point(verdict: str) -> ScalePoint | None:
    """The scale point of a verdict value ("mostly_true"); None for no verdict or an unknown one."""
    return _BY_VERDICT.get(verdict)


def verdict_rating(verdict: str) -> int | None:
    """The verdict's `ratingValue` (BEST_RATING best), or None when it has no place on the scale."""
    point = verdict_point(verdict)
    return point.rating if point is not None else None
