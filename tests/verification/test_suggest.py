from __future__ import annotations

import pytest

from sources.verification import Finding, suggest


def finding(
    stance: str, confidence: float = 0.8, verifier: str = "quantities", near_miss: str | None = None
) -> Finding:
    return Finding(verifier, stance, confidence, "", 0, 0, f"{verifier} says {stance}",
                   {"near_miss": near_miss})  # fmt: skip


@pytest.mark.parametrize(
    ("findings", "stance", "verdict"),
    [
        ([finding("supports", 0.9)], "supports", "true"),
        ([finding("supports", 0.5)], "supports", "mostly_true"),
        ([finding("supports", 0.9), finding("mixed", 0.5)], "supports", "mostly_true"),
        ([finding("contradicts", 0.9)], "contradicts", "false"),
        ([finding("contradicts", 0.5)], "contradicts", "mostly_false"),
        ([finding("contradicts", 0.9), finding("supports", 0.4)], "contradicts", "mostly_false"),
        ([finding("supports", 0.6), finding("contradicts", 0.6)], "mixed", "half_true"),
        ([finding("mixed", 0.6)], "mixed", "half_true"),
        ([finding("mixed", 0.6, near_miss="wrong_year")], "mixed", "misleading"),
        ([finding("mixed", 0.7, "quotes", near_miss="other_speaker")], "mixed", "misleading"),
        ([finding("mixed", 0.6, near_miss="percent_vs_points")], "mixed", "misleading"),
        # specific verifiers outweigh word overlap
        ([finding("supports", 0.6, "relevance"), finding("contradicts", 0.8)],
         "contradicts", "false"),
        # word overlap alone never gives a firm verdict
        ([finding("supports", 0.6, "relevance")], "supports", "mostly_true"),
        ([finding("mixed", 0.3, "relevance")], "mixed", "unverifiable"),
        # "unrelated" findings do not count
        ([finding("unrelated", 0.9), finding("supports", 0.9)], "supports", "true"),
        ([finding("unrelated", 0.9, "relevance")], "unrelated", ""),
        ([], "unrelated", ""),
    ],
)  # fmt: skip
def test_suggest_maps_findings_to_a_stance_and_verdict(
    findings: list[Finding], stance: str, verdict: str
) -> None:
    suggestion = suggest(findings)
    assert (suggestion.stance, suggestion.verdict) == (stance, verdict)
    assert 0.0 <= suggestion.confidence <= 1.0
    assert suggestion.explanation


def test_the_suggestion_explains_with_the_strongest_finding() -> None:
    suggestion = suggest([finding("contradicts", 0.6), finding("contradicts", 0.9, "dates")])
    assert suggestion.explanation.startswith("dates says contradicts")


def test_relevance_alone_caps_the_confidence() -> None:
    assert suggest([finding("supports", 0.6, "relevance")]).confidence <= 0.5
