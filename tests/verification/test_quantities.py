from __future__ import annotations

import pytest

from sources.verification.quantities import verify_quantities
from tests.verification.builders import assert_offsets, claim, only

FILLER = (
    "The council met on Tuesday evening to discuss the new library. "
    "Residents asked about parking near the station.\n"
)


@pytest.mark.parametrize(
    ("claim_text", "source", "stance"),
    [
        # "nearly": at or a bit below
        ("The city spent nearly $800 million on roads in 2020",
         "In 2020 the city spent $790 million on road repairs.", "supports"),
        ("The city spent nearly $800 million on roads in 2020",
         "In 2020 the city spent $810 million on road repairs.", "contradicts"),
        ("The city spent nearly $800 million on roads in 2020",
         "In 2020 the city spent $650 million on road repairs.", "contradicts"),
        # "about": either side, within 10%
        ("The city spent about $800 million on roads in 2020",
         "In 2020 the city spent $850 million on road repairs.", "supports"),
        ("The city spent about $800 million on roads in 2020",
         "In 2020 the city spent $950 million on road repairs.", "contradicts"),
        # bounds
        ("The city spent more than $800 million on roads in 2020",
         "In 2020 the city spent $850 million on road repairs.", "supports"),
        ("The city spent more than $800 million on roads in 2020",
         "In 2020 the city spent $700 million on road repairs.", "contradicts"),
        ("The city spent more than $800 million on roads in 2020",
         "In 2020 the city spent $800 million on road repairs.", "mixed"),
        ("The city spent at least $800 million on roads in 2020",
         "In 2020 the city spent $800 million on road repairs.", "supports"),
        ("Unemployment in Lowmoor was less than 5% in 2019",
         "Unemployment in Lowmoor stood at 4.2% in 2019, the statistics office said.", "supports"),
        # exact amounts: within rounding as written
        ("Unemployment in Lowmoor was 5% in 2019",
         "Unemployment in Lowmoor stood at 5.4% in 2019, the statistics office said.", "supports"),
        ("Unemployment in Lowmoor was 5% in 2019",
         "Unemployment in Lowmoor stood at 6.1% in 2019, the statistics office said.",
         "contradicts"),
        ("Unemployment in Lowmoor was 5.2% in 2019",
         "Unemployment in Lowmoor stood at 5.4% in 2019, the statistics office said.",
         "contradicts"),
        # ranges
        ("Between 300 and 400 people attended the Lowmoor rally",
         "Police said about 350 people attended the rally in Lowmoor.", "supports"),
        ("Between 300 and 400 people attended the Lowmoor rally",
         "Police said 520 people attended the rally in Lowmoor.", "contradicts"),
        # units of one dimension convert
        ("The new Lowmoor tram line is 8 km long",
         "The Lowmoor tram line will be 5 miles long when finished.", "supports"),
    ],
)  # fmt: skip
def test_it_compares_amounts_with_the_tolerance_of_the_claims_qualifier(
    claim_text: str, source: str, stance: str
) -> None:
    snapshot = FILLER + source + "\n" + FILLER
    findings = verify_quantities(claim(claim_text), snapshot)
    assert only(findings).stance == stance, findings[0].explanation
    assert_offsets(findings, snapshot)
    assert findings[0].passage == source


@pytest.mark.parametrize(
    ("claim_text", "source", "stance", "near_miss"),
    [
        ("The city spent nearly $800 million on roads in 2020",
         "In 2019 the city spent $790 million on road repairs.", "mixed", "wrong_year"),
        ("The city spent nearly $800 million on roads in 2020",
         "In 2017 the city spent $400 million on road repairs.", "unrelated", "wrong_year"),
        ("The city spent nearly $800 million on roads in 2020",
         "In 2020 the city spent €790 million on road repairs.", "unrelated", "currency"),
        ("Unemployment in Lowmoor rose by 2 percentage points in 2019",
         "Unemployment in Lowmoor rose by 2 percent in 2019.", "mixed", "percent_vs_points"),
        ("Unemployment in Lowmoor rose by 2% in 2019",
         "Unemployment in Lowmoor rose by 2 percentage points in 2019.", "mixed",
         "percent_vs_points"),
    ],
)  # fmt: skip
def test_it_reports_near_misses_for_what_they_are(
    claim_text: str, source: str, stance: str, near_miss: str
) -> None:
    snapshot = FILLER + source
    finding = only(verify_quantities(claim(claim_text), snapshot))
    assert (finding.stance, finding.details["near_miss"]) == (stance, near_miss)
    assert finding.explanation


def test_it_prefers_the_amount_for_the_claims_year_when_the_source_gives_several() -> None:
    snapshot = (
        "Road spending has grown fast. The city spent $600 million on roads in 2018, "
        "$700 million in 2019 and $790 million in 2020."
    )
    finding = only(
        verify_quantities(claim("The city spent nearly $800 million on roads in 2020"), snapshot)
    )
    assert finding.stance == "supports"
    assert finding.details["source_quantity"] == "$790 million"
    assert finding.details["source_year"] == 2020


def test_it_picks_the_amount_whose_surroundings_name_the_claims_subject() -> None:
    snapshot = "In Lowmoor, inflation was 3.2% in 2019 while unemployment stood at 6.1% that year."
    finding = only(verify_quantities(claim("Unemployment in Lowmoor was 6% in 2019"), snapshot))
    assert finding.stance == "supports"
    assert finding.details["source_quantity"] == "6.1%"


def test_it_reads_the_year_from_the_neighbouring_sentence() -> None:
    snapshot = "The city published its 2020 road accounts. Spending on roads reached $790 million."
    finding = only(
        verify_quantities(claim("The city spent nearly $800 million on roads in 2020"), snapshot)
    )
    assert finding.stance == "supports"
    assert finding.details["source_year"] == 2020


def test_its_explanation_says_the_gap_and_the_rule() -> None:
    snapshot = "In 2020 the city spent $790 million on road repairs."
    finding = only(
        verify_quantities(claim("The city spent nearly $800 million on roads in 2020"), snapshot)
    )
    assert finding.explanation == (
        "The source gives $790 million for 2020; the claim says nearly $800 million: "
        "1.2% apart, consistent with 'nearly'"
    )


def test_it_finds_nothing_comparable_when_the_relevant_passage_has_no_such_amount() -> None:
    snapshot = "The city spent heavily on road repairs in 2020, officials said."
    finding = only(
        verify_quantities(claim("The city spent nearly $800 million on roads in 2020"), snapshot)
    )
    assert finding.stance == "unrelated"
    assert finding.passage == ""


def test_it_does_not_apply_to_a_claim_without_amounts() -> None:
    assert verify_quantities(claim("The mayor opened the bridge", "factual"), FILLER) == []


def test_it_leaves_first_in_n_years_to_the_dates_verifier() -> None:
    text = "It was the first royal visit to Kelmouth in nine years"
    assert verify_quantities(claim(text, "temporal"), "The last royal visit was in 2012.") == []
