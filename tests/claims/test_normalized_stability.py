"""Stored claims keep their fingerprints and matching features whoever reads `normalized`.

The expected figures in data/normalized_golden.json were written by the code that stored today's
rows; a reader that interprets a stored value differently shows up here as a changed row.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from claims import extraction
from claims.models import Article
from claims.services.extraction import claim_row
from claims.services.matches import claim_features

GOLDEN = Path(__file__).parent / "data" / "normalized_golden.json"

# Sentences whose extracted amounts and dates cover what the extractor writes: money, percents,
# percentage points, ranges, bounds, vague amounts, ranks, lengths, masses, durations, whole and
# partial dates, intervals, seasons and unresolved dates.
ARTICLE_TEXT = "\n".join(
    [
        "The city spent nearly $800 million on roads in 2020, officials said on 18 March 2021.",
        "Unemployment fell from 5.1% to 4.3% between January and June 2019.",
        "More than 1,200 people were evacuated last year, up 12 percent on 2018.",
        "Between 5 and 10 percent of voters stayed home in the 1990s, the survey found.",
        "The bridge is 1.6 km long and weighs at least 3,000 tonnes, the third largest in Europe.",
        "Thousands of residents waited 18 months for repairs, and prices rose by 2.5 percentage"
        " points on 14 July.",
        "At most 50 schools closed for a week in spring 2020, about a quarter of the total.",
    ]
)

# Rows no extractor writes today but a database may hold: hand edits, older shapes, bad values.
LEGACY_ROWS: list[Any] = [
    None,
    {},
    [],
    "800",
    {"quantities": None, "dates": None},
    {"quantities": "800", "dates": 2020},
    {"quantities": [None, 1, "a", []], "dates": [None, "2020", 7]},
    {"quantities": [{}], "dates": [{}]},
    {"quantities": [{"value": 3, "unit": "USD"}]},  # before "text", "approximate", "qualifier"
    {"quantities": [{"value": "abc", "unit": 5, "approximate": "yes", "qualifier": 7}]},
    {"quantities": [{"value": "1,200", "unit": " USD "}]},
    {"quantities": [{"value": "nan"}, {"value": "inf"}, {"value": True}, {"low": 4, "high": 2}]},
    {"quantities": [{"value": 1e308, "low": -1e308, "high": 1e308, "qualifier": "over"}]},
    {"quantities": [{"value": 5, "low": 10, "high": 1, "unit": "year"}]},
    {"quantities": [{"text": None, "value": 3, "unit": "USD", "qualifier": " Only "}]},
    {"quantities": [{"text": "x", "value": 7, "qualifier": ""}, {"value": 2, "approximate": 1}]},
    {"dates": [{"value": None}, {"value": "abcd"}, {"value": "--13-40"}, {"value": 12}]},
    {"dates": [{"text": "18 March", "value": "--03-18"}, {"value": " 2019-02 "}]},
    {"dates": [{"value": "1990/1999"}, {"value": "1900/2000"}, {"value": "2019-01/2019-06"}]},
]


def _number(value: float) -> Any:
    return value if math.isfinite(value) else repr(value)


def features_snapshot(text: str, sentence: str, normalized: Any) -> dict[str, Any]:
    """The features of one stored claim as plain JSON values, sets sorted."""
    features = claim_features(text, sentence, normalized)
    return {
        "tokens": sorted(features.tokens),
        "quantities": [
            [
                a.text,
                _number(a.low),
                _number(a.high),
                a.unit,
                a.kind,
                a.approximate,
                _number(a.slack),
                a.shown,
            ]
            for a in features.quantities
        ],
        "years": sorted(features.years),
        "months": sorted(features.months),
        "days": sorted(features.days),
        "directions": sorted(features.directions),
        # A sum over a set: its last digits depend on the order the set happens to iterate in.
        "weight": round(features.weight, 9),
        "terms": list(features.terms),
        "direction_words": list(features.direction_words),
    }


def current_snapshot() -> dict[str, Any]:
    article = Article(clean_text=ARTICLE_TEXT)
    extracted = []
    for claim in extraction.extract(ARTICLE_TEXT).claims:
        row = claim_row(article, claim)
        extracted.append(
            {
                "text": row.text,
                "normalized": row.normalized,
                "fingerprint": row.fingerprint,
                "features": features_snapshot(row.text, row.sentence, row.normalized),
            }
        )
    legacy = [
        features_snapshot("Trade was nearly $800 million in 2020.", "", row) for row in LEGACY_ROWS
    ]
    return {"extracted": extracted, "legacy": legacy}


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def test_extracted_claims_keep_their_stored_shape_and_fingerprints(golden: dict[str, Any]) -> None:
    now = current_snapshot()["extracted"]
    assert [(c["text"], c["normalized"], c["fingerprint"]) for c in now] == [
        (c["text"], c["normalized"], c["fingerprint"]) for c in golden["extracted"]
    ]


def test_extracted_claims_keep_their_matching_features(golden: dict[str, Any]) -> None:
    now = current_snapshot()["extracted"]
    assert [c["features"] for c in now] == [c["features"] for c in golden["extracted"]]


@pytest.mark.parametrize("index", range(len(LEGACY_ROWS)))
def test_legacy_and_malformed_rows_keep_their_matching_features(
    golden: dict[str, Any], index: int
) -> None:
    assert current_snapshot()["legacy"][index] == golden["legacy"][index]


def test_the_golden_file_covers_every_row() -> None:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(data["legacy"]) == len(LEGACY_ROWS)
    assert len(data["extracted"]) >= 10
