"""What the extractor reads from single sentences: kinds, spans and normalized values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from claims.extraction import Claim, ClaimKind, extract
from tests.extraction.conftest import KeywordScorer
from tests.extraction.pages import news_page

PUBLISHED = date(2023, 9, 14)


def _claims(text: str, published: date | None = PUBLISHED) -> list[Claim]:
    return list(extract(text, published=published, scorer=KeywordScorer()).claims)


def _find(claims: list[Claim], fragment: str) -> Claim:
    for claim in claims:
        if fragment in claim.text:
            return claim
    raise AssertionError(f"no claim contains {fragment!r}: {[c.text for c in claims]}")


QUANTITIES: list[tuple[str, str, ClaimKind, dict[str, Any]]] = [
    ("The port handled nearly $800 million in cargo.", "$800 million", ClaimKind.STATISTICAL,
     {"value": 800_000_000, "unit": "USD", "approximate": True, "qualifier": "nearly"}),
    ("The council sent a 13-member delegation to Brasco.", "13-member delegation",
     ClaimKind.STATISTICAL, {"value": 13, "unit": None}),
    ("The envoy began a two-day visit to Kelmar.", "two-day visit", ClaimKind.TEMPORAL,
     {"value": 2, "unit": "day"}),
    ("Thousands of workers marched through Ostrava Nova.", "Thousands of workers",
     ClaimKind.STATISTICAL, {"value": None, "low": 1000, "approximate": True}),
    ("They asked for a three- to six-month delay.", "three- to six-month", ClaimKind.INTERVAL,
     {"low": 3, "high": 6, "unit": "month"}),
    ("Support stood between 5 and 7% in the poll.", "5 and 7%", ClaimKind.INTERVAL,
     {"low": 5, "high": 7, "unit": "percent"}),
    ("Unemployment reached 5.4 percent.", "5.4 percent", ClaimKind.STATISTICAL,
     {"value": 5.4, "unit": "percent"}),
    ("The bridge cost €1.2 billion to build.", "€1.2 billion", ClaimKind.STATISTICAL,
     {"value": 1_200_000_000, "unit": "EUR"}),
    ("The club paid £45m for the striker.", "£45m", ClaimKind.STATISTICAL,
     {"value": 45_000_000, "unit": "GBP"}),
    ("Farmers lost Rs 500 crore to the floods.", "Rs 500 crore", ClaimKind.STATISTICAL,
     {"value": 5_000_000_000, "unit": "INR"}),
    ("The new line runs 42 km across the valley.", "42 km", ClaimKind.STATISTICAL,
     {"value": 42, "unit": "km"}),
    ("The mill produced 18,000 tonnes of flour.", "18,000 tonnes", ClaimKind.STATISTICAL,
     {"value": 18_000, "unit": "tonne"}),
    ("One hundred and sixty-three thousand jobs were lost.", "sixty-three thousand",
     ClaimKind.STATISTICAL, {"value": 163_000}),
    ("They owe half a trillion dollars.", "half a trillion dollars", ClaimKind.STATISTICAL,
     {"value": 500_000_000_000, "unit": "USD"}),
    ("More than 3,000 monkeys were tested.", "3,000", ClaimKind.STATISTICAL,
     {"value": 3000, "low": 3000, "qualifier": "more than"}),
    ("Children aged five to 11 were offered the dose.", "five to 11", ClaimKind.INTERVAL,
     {"low": 5, "high": 11}),
    ("The plan costs $5-7 million a year.", "$5-7 million", ClaimKind.INTERVAL,
     {"low": 5_000_000, "high": 7_000_000, "unit": "USD"}),
    ("A fifth of pupils missed school.", "A fifth", ClaimKind.STATISTICAL,
     {"value": 20, "unit": "percent"}),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "fragment", "kind", "expected"), QUANTITIES)
def test_it_reads_normalized_quantities(
    sentence: str, fragment: str, kind: ClaimKind, expected: dict[str, Any]
) -> None:
    claim = _find(_claims(sentence), fragment)
    assert claim.kind is kind
    quantity = claim.quantities[0]
    for key, want in expected.items():
        got = getattr(quantity, key)
        assert got == pytest.approx(want) if isinstance(want, float | int) else got == want, key


DATES: list[tuple[str, str, str]] = [
    ("The treaty was signed in February, 1989.", "February, 1989", "1989-02"),
    ("The ferry sank on March 18, 2021.", "March 18, 2021", "2021-03-18"),
    ("The mine closed on 4 July 2019.", "4 July 2019", "2019-07-04"),
    ("Prices rose sharply last year.", "last year", "2022"),
    ("The mayor resigned last month.", "last month", "2023-08"),
    ("The dam was finished five years ago.", "five years ago", "2018"),
    ("The governor spoke on Tuesday about the floods.", "Tuesday", "2023-09-12"),
    ("The company was founded in 1957.", "1957", "1957"),
    ("The report came out yesterday.", "yesterday", "2023-09-13"),
]


@pytest.mark.parametrize(("sentence", "date_text", "value"), DATES)
def test_it_resolves_dates(sentence: str, date_text: str, value: str) -> None:
    claims = _claims(sentence)
    dates = [d for c in claims for d in c.dates if d.text == date_text]
    assert dates, [c.dates for c in claims]
    assert dates[0].value == value


def test_it_resolves_later_against_an_earlier_date_in_the_article() -> None:
    text = "The treaty was signed in May, 2001.\n\nFour years later the treaty collapsed."
    claim = _find(_claims(text), "Four years later")
    assert claim.kind is ClaimKind.TEMPORAL
    assert [d.value for d in claim.dates] == ["2005"]


def test_it_leaves_relative_dates_unresolved_without_a_published_date() -> None:
    claim = _find(_claims("The mayor resigned last month.", published=None), "last month")
    assert claim.dates[0].value is None


COMPARISONS = [
    ("It was the first visit by a Kelmari president in nine years.", "first visit"),
    ("The drought is the worst on record, officials said.", "the worst"),
    ("Exports rose by 12 percent in the spring.", "rose by 12 percent"),
    ("There was a spike in burglaries across the city.", "spike in burglaries"),
    ("Twice as many voters turned out in Vell.", "Twice as many"),
    ("The town spends more on roads than on schools.", "more on roads than"),
    ("Ferries are 3 times more likely to be late.", "3 times more likely"),
]


@pytest.mark.parametrize(("sentence", "fragment"), COMPARISONS)
def test_it_finds_comparisons(sentence: str, fragment: str) -> None:
    assert _find(_claims(sentence), fragment).kind is ClaimKind.COMPARISON


QUOTES = [
    ('"The harbour will reopen next spring," said Mayor Ines Torva.', "Ines Torva"),
    ("“We have no money left for repairs,” Torva said on Monday.", "Torva"),
    (
        'A statement from the Kelmar Port Authority said "all ships will be inspected twice".',
        "Kelmar Port Authority",
    ),
    (
        "According to Dr. Amal Sorensen, “the vaccine trial enrolled every volunteer we had.”",
        "Amal Sorensen",
    ),
]


@pytest.mark.parametrize(("sentence", "speaker"), QUOTES)
def test_it_attributes_quotes_before_or_after(sentence: str, speaker: str) -> None:
    quotes = [c for c in _claims(sentence) if c.kind is ClaimKind.QUOTE]
    assert len(quotes) == 1
    assert quotes[0].speaker == speaker


def test_it_finds_factual_events_without_numbers() -> None:
    claim = _find(
        _claims("The minister, who recently recovered from malaria, flew home."),
        "recently recovered from malaria",
    )
    assert claim.kind is ClaimKind.FACTUAL


def test_a_claim_reads_as_its_clause_and_holds_all_its_values_of_its_kind() -> None:
    claims = _claims("After a 10-year war and thousands of deaths, the talks ended in June, 1995.")
    text = "After a 10-year war and thousands of deaths, the talks ended in June, 1995"
    assert {c.text for c in claims} == {text}
    by_kind = {str(c.kind): c for c in claims}
    assert sorted(by_kind) == ["statistical", "temporal"]
    assert [q.text for q in by_kind["temporal"].quantities] == ["10-year"]
    assert [d.value for d in by_kind["temporal"].dates] == ["1995-06"]
    assert [q.text for q in by_kind["statistical"].quantities] == ["thousands of"]


def test_values_of_different_kinds_in_one_clause_stay_claims_of_their_own() -> None:
    claims = _claims("In 1992 the regime, which had only one minister, fell.")
    assert sorted(str(c.kind) for c in claims) == ["statistical", "temporal"]
    assert {c.text for c in claims} == {"In 1992 the regime, which had only one minister, fell"}


def test_a_rank_that_places_the_clause_s_figures_joins_their_claim() -> None:
    claims = _claims("Officials expect between 40,000 and 55,000 trips a day in the first year.")
    assert len(claims) == 1, claims
    assert str(claims[0].kind) == "interval"
    assert [(q.low, q.unit) for q in claims[0].quantities] == [(40000, None), (None, "rank")]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            "Bilateral trade reached nearly $800 million last year, the ministry said.",
            "Bilateral trade reached nearly $800 million last year",
        ),
        (
            "The county's caseload is nearly 58,300, of whom 2,917 have died.",
            "The county's caseload is nearly 58,300, of whom 2,917 have died",
        ),
        (
            "According to the council, the bridge cost $42 million.",
            "the bridge cost $42 million",
        ),
        (
            "But the line, which cost about $3.2bn, opened two years late.",
            "the line, which cost about $3.2bn, opened two years late",
        ),
        (
            "Officials met on Monday in the capital after weeks of talks that had been delayed by"
            " the flooding in the north, by a strike of the ferry crews and by a long dispute over"
            " who should chair them; the budget for the programme was cut to $45 million.",
            "the budget for the programme was cut to $45 million",
        ),
        (
            "Ferry traffic across the bay has fallen steadily since the new bridge opened to cars"
            " and buses in the spring, and more than 3,000 daily crossings have been lost, which"
            " the operator blames on the tolls, the long queues at the terminal and the late"
            " timetable changes.",
            "more than 3,000 daily crossings have been lost",
        ),
        (
            "Although the council had promised for years that the depot would be rebuilt before"
            " the next winter and that the drivers would be consulted about it at every step of"
            " the way, the town spent 2.4 million euros on a temporary shed and a new fence"
            " without asking anyone at all.",
            "Although the council had promised for years that the depot would be rebuilt before"
            " the next winter and that the drivers would be consulted about it at every step of"
            " the way, the town spent 2.4 million euros on a temporary shed and a new fence"
            " without asking anyone at all",
        ),
    ],
)
def test_a_claims_text_is_a_clause_that_stands_on_its_own(sentence: str, text: str) -> None:
    assert text in {c.text for c in _claims(sentence) if c.kind is not ClaimKind.QUOTE}


def test_claim_spans_index_the_clean_text() -> None:
    result = extract("Top Stories\n\nThe levy raised $4 billion in 2020.", scorer=KeywordScorer())
    for claim in result.claims:
        assert result.clean_text[claim.start : claim.end] == claim.text


def test_names_with_digits_are_not_amounts() -> None:
    claims = _claims("She recovered from COVID-19 and praised the 5G network.")
    assert all(not c.quantities for c in claims)


def test_checkworthiness_is_a_probability_and_follows_the_threshold() -> None:
    for claim in _claims("The levy raised $4 billion. He smiled at the crowd, who cheered."):
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert claim.checkworthy == (claim.checkworthiness >= KeywordScorer.threshold)


class _GenreScorer(KeywordScorer):
    """Scores every sentence 0.4: a claim for transcripts (cut 0.3), not for articles (0.5)."""

    def scores(self, sentences: Sequence[str]) -> list[float]:
        return [0.4 for _ in sentences]

    def threshold_for(self, genre: str) -> float:
        return {"transcript": 0.3}.get(genre, self.threshold)


def test_a_transcript_is_cut_at_its_own_threshold() -> None:
    text = "The senator resigned after the vote on the farm bill."
    article = extract(text, scorer=_GenreScorer())
    transcript = extract(text, scorer=_GenreScorer(), genre="transcript")
    assert not any(c.checkworthy for c in article.claims)
    assert all(c.checkworthy for c in transcript.claims)


@pytest.mark.parametrize(
    ("canonical", "unit"),
    [
        ("https://news.kelmar.example/harbour/strike-ends", "USD"),
        ("https://www.kelmarherald.ca/harbour/strike-ends", "CAD"),
        ("https://kelmar-observer.com.au/harbour/strike-ends", "AUD"),
    ],
)
def test_a_pages_dollar_is_the_currency_of_its_outlet(canonical: str, unit: str) -> None:
    result = extract(news_page(canonical=canonical), scorer=KeywordScorer())
    money = {q.unit for c in result.claims for q in c.quantities if "$" in q.text}
    assert money == {unit}
