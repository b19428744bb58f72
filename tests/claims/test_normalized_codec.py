"""The `Claim.normalized` codec: what the writer encodes reads back the same, and no stored value
makes a reader raise."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import extraction, normalized_codec
from claims.extraction.serialize import claim_to_dict
from claims.normalized_codec import NormalizedValues, StoredDate, StoredQuantity, decode, encode

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "data" / "normalized_golden.json"

# (sentence, what of its extracted values shows the kind of amount or date it stands for)
EXTRACTED = [
    ("The city spent nearly $800 million on roads last year.", "USD"),
    ("Unemployment fell from 5.1% to 4.3% in 2019.", "percent"),
    ("Prices rose by 2.5 percentage points in 2021.", "percentage point"),
    ("Between 5 and 10 percent of voters stayed home in the 1990s.", "1990/1999"),
    ("More than 1,200 people were evacuated in 2018.", "more than"),
    ("At most 50 schools closed in spring 2020.", "at most"),
    ("Thousands of residents waited for repairs in 2017.", "Thousands of"),
    ("The bridge is 1.6 km long and the third largest in Europe.", "rank"),
    ("The bridge is 1.6 km long and the third largest in Europe.", "km"),
    ("The plant emits 4 million tonnes a year, about 2% of the total.", "tonne"),
    ("Residents waited 18 months for repairs after the flood of 2019.", "month"),
    ("Sales fell 20-30% over two decades.", "year"),
    ("Rents rose by a third between 2010 and 2015.", "2010/2015"),
    ("The minister promised on 18 March that 40 clinics would open.", "--03-18"),
    ("The city spent $3 million on roads, officials said on 18 March 2021.", "2021-03-18"),
    ("Unemployment fell from 5.1% to 4.3% between January and June 2019.", "--01"),
    (
        "The city spent $8 million in 2020.\nUnemployment fell from 5.1% to 4.3% between January"
        " and June 2019.",
        "2019-01/2019-06",
    ),
    ("More than 1,200 people were evacuated last year, up 12 percent.", None),
]


def _extracted_values(sentence: str) -> list[NormalizedValues]:
    claims = extraction.extract(sentence).claims
    return [normalized_codec.from_extraction(c.quantities, c.dates) for c in claims]


def _shows(values: NormalizedValues, marker: str | None) -> bool:
    seen: set[str | None] = {d.value for d in values.dates}
    for q in values.quantities:
        seen |= {q.unit, q.qualifier, q.text}
    return marker in seen


@pytest.mark.parametrize(("sentence", "marker"), EXTRACTED)
def test_what_the_extractor_finds_reads_back_the_same_after_storing(
    sentence: str, marker: str | None
) -> None:
    found = _extracted_values(sentence)
    assert any(_shows(values, marker) for values in found), "the case no longer covers its kind"
    for values in found:
        stored = json.loads(json.dumps(encode(values), allow_nan=False))
        assert decode(stored) == values
        assert encode(decode(stored)) == stored


@pytest.mark.parametrize(("sentence", "marker"), EXTRACTED[:6])
def test_the_command_line_shows_amounts_and_dates_in_the_stored_shape(
    sentence: str, marker: str | None
) -> None:
    for claim in extraction.extract(sentence).claims:
        shown = claim_to_dict(claim)
        values = normalized_codec.from_extraction(claim.quantities, claim.dates)
        assert encode(values) == {"quantities": shown["quantities"], "dates": shown["dates"]}


def test_rows_written_today_decode_and_encode_to_the_same_json() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for row in golden["extracted"]:
        assert encode(decode(row["normalized"])) == row["normalized"]


def test_a_stored_amount_carries_every_field_of_the_shape() -> None:
    stored = {
        "quantities": [
            {"text": "more than 1,200", "value": 1200, "low": 1200, "high": None,
             "unit": "USD", "approximate": True, "qualifier": "more than"},
        ],
        "dates": [{"text": "in 2020", "value": "2020"}],
    }  # fmt: skip
    assert decode(stored) == NormalizedValues(
        quantities=(
            StoredQuantity(
                text="more than 1,200", value=1200, low=1200, high=None, unit="USD",
                approximate=True, qualifier="more than",
            ),
        ),
        dates=(StoredDate(text="in 2020", value="2020"),),
    )  # fmt: skip


MALFORMED: list[Any] = [
    None,
    [],
    [{"value": 3}],
    "",
    '{"quantities": []}',
    7,
    True,
    {},
    {"quantities": None, "dates": None},
    {"quantities": "800", "dates": 2020},
    {"quantities": {"value": 3}, "dates": {"value": "2020"}},
    {"quantities": [None, 1, "a", [], True], "dates": [None, "2020", 7, []]},
    {"quantities": [{}], "dates": [{}]},
    {"quantities": [{"text": None, "value": None, "low": None, "high": None}]},
    {"quantities": [{"value": "abc", "unit": 5, "approximate": "yes", "qualifier": 7}]},
    {"quantities": [{"value": float("nan")}, {"value": float("inf")}, {"low": -float("inf")}]},
    {"quantities": [{"value": "NaN"}, {"value": "inf"}, {"value": "-Infinity"}, {"value": True}]},
    {"quantities": [{"value": 10**400, "low": [], "high": {}, "text": 5}]},
    {"quantities": [{"value": 1e308, "low": -1e308, "high": 1e308, "qualifier": "over"}]},
    {"dates": [{"value": None}, {"value": "abcd"}, {"value": "--13-40"}, {"value": 12}]},
    {"dates": [{"text": None, "value": None}, {"text": ["x"], "value": {"y": 1}}]},
    {"quantities": [{"value": n} for n in range(500)], "dates": [{"value": "2020"}] * 500},
]


@pytest.mark.parametrize("stored", MALFORMED)
def test_any_stored_value_decodes_without_raising_to_clean_json(stored: Any) -> None:
    values = decode(stored)
    assert len(values.quantities) <= normalized_codec.MAX_ITEMS
    assert len(values.dates) <= normalized_codec.MAX_ITEMS
    for q in values.quantities:
        assert isinstance(q.text, str)
        assert q.unit is None or isinstance(q.unit, str)
        assert all(n is None or math.isfinite(n) for n in (q.value, q.low, q.high))
    assert all(d.value is None or isinstance(d.value, str) for d in values.dates)
    cleaned = normalized_codec.clean(stored)
    json.dumps(cleaned, allow_nan=False)  # valid JSON: no NaN or infinity left
    assert normalized_codec.clean(cleaned) == cleaned


_JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_FIELD = st.sampled_from(["text", "value", "low", "high", "unit", "approximate", "qualifier"])
_ITEM = st.dictionaries(_FIELD, _JSON, max_size=7) | _JSON
_ROW = st.fixed_dictionaries(
    {}, optional={"quantities": st.lists(_ITEM, max_size=5) | _JSON,
                  "dates": st.lists(_ITEM, max_size=5) | _JSON}
) | _JSON  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_ROW)
def test_no_json_value_makes_decode_raise_and_cleaning_is_stable(stored: Any) -> None:
    cleaned = normalized_codec.clean(stored)
    json.dumps(cleaned, allow_nan=False)
    assert normalized_codec.clean(cleaned) == cleaned
    assert decode(cleaned) == decode(stored)


def test_what_cannot_be_read_is_dropped_and_the_rest_kept() -> None:
    stored = {
        "quantities": [
            None,
            {"value": "nan", "text": ""},
            {"value": "1,200", "unit": " USD ", "approximate": "yes"},
            {"text": "dozens"},
            {"value": 10**400},
        ],
        "dates": [7, {"value": " 2019-02 "}, {"text": "last week", "value": None}, {}],
    }
    assert decode(stored) == NormalizedValues(
        quantities=(
            StoredQuantity(value=1200, unit="USD", approximate=False),
            StoredQuantity(text="dozens"),
        ),
        dates=(StoredDate(value="2019-02"), StoredDate(text="last week")),
    )


def test_a_row_from_before_a_field_existed_reads_the_field_as_its_default() -> None:
    values = decode({"quantities": [{"value": 12.5, "unit": "percent"}], "dates": []})
    assert values.quantities == (StoredQuantity(value=12.5, unit="percent"),)
    assert encode(values)["quantities"] == [
        {"text": "", "value": 12.5, "low": None, "high": None, "unit": "percent",
         "approximate": False, "qualifier": None},
    ]  # fmt: skip


def test_integral_numbers_are_stored_as_ints_and_others_kept() -> None:
    values = decode({"quantities": [{"value": 800000000.0, "low": 2.5, "high": "3"}]})
    (quantity,) = values.quantities
    assert (quantity.value, quantity.low, quantity.high) == (800000000, 2.5, 3)
    assert isinstance(quantity.value, int)
    assert isinstance(quantity.high, int)


def test_the_codec_imports_neither_django_nor_the_extractor() -> None:
    code = (
        "import claims.normalized_codec, sys; "
        "assert 'django' not in sys.modules, 'django'; "
        "assert 'claims.extraction' not in sys.modules, 'extraction'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
