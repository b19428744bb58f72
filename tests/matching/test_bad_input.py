"""Matching takes whatever a database row or an API query holds, and never raises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claims.matching import compare, features_from_claim, features_from_text, search_text
from claims.matching.features import MAX_TEXT_CHARS
from tests.scaling import LINEAR, growth

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "x" * 100_000,
        "Trade was $800 million in 2020. " * 3_200,
        "\x00\x01\x02\xff\ufffd" * 2_000,
        "Экспорт вырос на 12% в 2020 году, сообщил министр.",
        "中国的出口在2020年增长了12%。",
        "ارتفعت الصادرات بنسبة 12% في عام 2020",
        "9" * 5_000 + " percent",
        "$" + "9" * 400 + " billion in 2020",
        "between 1 and " + "9" * 400 + " percent",
        "1e309 people, NaN dollars, -0 percent",
    ],
    ids=lambda text: repr(text[:20]),
)
def test_free_text_of_any_shape_gives_features(text: str) -> None:
    features = features_from_text(text)
    comparison = compare(features, features)
    search_text(features)
    assert 0.0 <= comparison.score <= 1.0
    # Matching reads at most MAX_TEXT_CHARS of any text, so no text costs more than that much.
    assert features_from_text(text[:MAX_TEXT_CHARS]) == features


@pytest.mark.parametrize(
    "unit",
    [
        "x",
        "x y ",
        "Trade was $800 million in 2020. ",
        "\x00\x01\x02\xff\ufffd",
        "9",
        "$9 ",
        "1 and ",
    ],
    ids=repr,
)
def test_matching_takes_time_in_proportion_to_the_text_it_reads(unit: str) -> None:
    def make(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    def run(text: str) -> None:
        for _ in range(50):  # enough work to time
            features = features_from_text(text)
            compare(features, features)
            search_text(features)

    n = MAX_TEXT_CHARS // 4
    ratio = growth(make, run, n)
    assert ratio < LINEAR, f"{4 * n} characters took {ratio:.1f}x as long as {n}"


@pytest.mark.parametrize(
    "normalized",
    [
        None,
        {},
        {"quantities": None, "dates": None},
        {"quantities": "800", "dates": 2020},
        {"quantities": [None, 1, "a", []], "dates": [None, "2020", 7]},
        {"quantities": [{}], "dates": [{}]},
        {"quantities": [{"value": None, "low": None, "high": None}]},
        {"quantities": [{"value": "abc", "unit": 5, "approximate": "yes", "qualifier": 7}]},
        {"quantities": [{"value": "1,200", "unit": "USD"}]},
        {"quantities": [{"value": float("nan")}, {"value": float("inf")}, {"value": True}]},
        {"quantities": [{"value": 1e308, "low": -1e308, "high": 1e308, "qualifier": "over"}]},
        {"quantities": [{"value": 5, "low": 10, "high": 1, "unit": "year"}]},
        {"quantities": [{"text": None, "value": 3, "unit": "USD"}]},
        {"dates": [{"value": None}, {"value": "abcd"}, {"value": "--13-40"}, {"value": 12}]},
    ],
)
def test_malformed_normalized_values_never_raise(normalized: Any) -> None:
    features = features_from_claim("Trade was nearly $800 million in 2020.", normalized)
    other = features_from_text("Trade was about $0.8bn in 2020.")
    comparison = compare(features, other)
    assert 0.0 <= comparison.score <= 1.0
    assert compare(other, features).score == comparison.score


def test_a_stored_claim_without_normalized_values_reads_them_from_its_text() -> None:
    features = features_from_claim("Trade was nearly $800 million in 2020.", None)
    assert features.years == frozenset({2020})
    assert [q.unit for q in features.quantities] == ["USD"]


def test_non_string_text_gives_empty_features() -> None:
    bad: Any = None
    features = features_from_claim(bad, {"quantities": [], "dates": []})
    assert features.tokens == frozenset()
    assert compare(features, features).score == 0.0


def test_the_library_never_imports_django() -> None:
    code = "import claims.matching, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
