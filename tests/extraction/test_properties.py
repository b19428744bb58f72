"""Whatever the text, the extractor returns well-formed spans or raises its own error."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extraction import ExtractionError, extract
from tests.extraction.conftest import KeywordScorer

_NEWSY = st.sampled_from(
    [
        "$",
        "€",
        "1,200",
        "3.5",
        "million",
        "billion",
        "percent",
        "%",
        "nearly",
        "between",
        " and ",
        " to ",
        "-",
        "year",
        "years",
        "later",
        "ago",
        "last month",
        "February",
        "1989",
        "May 17,",
        "2021",
        "“",
        "”",
        '"',
        ",",
        ".",
        " said ",
        "Mr.",
        "U.S.",
        "\n",
        "\n\n",
        "thousands of",
        "two-day",
        "first",
        "in nine years",
        "largest",
        "rose by",
        " ",
        "Top Stories",
        "<p>",
        "</p>",
        "COVID-19",
        "three- to six-month",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_NEWSY, st.text(max_size=8)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
@example("0 ”")  # a stray closing quote dropped from a claim's end leaves no space behind
def test_spans_always_index_the_clean_text(text: str) -> None:
    try:
        result = extract(text, scorer=KeywordScorer())
    except ExtractionError as error:
        assert str(error)  # noqa: PT017 - arbitrary text may legitimately be refused
        return
    clean = result.clean_text
    for claim in result.claims:
        assert 0 <= claim.start < claim.end <= len(clean)
        assert claim.text == " ".join(clean[claim.start : claim.end].split())
        assert claim.text in claim.sentence or claim.kind == "quote"
        assert 0.0 <= claim.checkworthiness <= 1.0
        for mention in (*claim.quantities, *claim.dates):
            assert clean[mention.start : mention.end] == mention.text
