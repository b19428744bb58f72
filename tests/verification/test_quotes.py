from __future__ import annotations

import pytest

from sources.verification.quotes import verify_quotes
from tests.verification.builders import assert_offsets, claim, only

QUOTE = "We will not raise taxes this year, whatever happens"
SPEAKER = "Finance Minister Jane Holt"
LEAD = "The budget debate ran late into the night in the capital.\n"


@pytest.mark.parametrize(
    ("source", "stance", "speaker"),
    [
        # same words, same speaker; typographic quotes, case and spacing do not matter
        ("“We will not raise taxes this year, whatever happens,” said Jane Holt.",
         "supports", "same"),
        ('Jane Holt spoke first. "We  WILL not raise taxes this year -- whatever happens," '
         "she said.", "supports", "same"),
        # the source names the role, not the person
        ("“We will not raise taxes this year, whatever happens,” the finance minister said.",
         "supports", "same"),
        # a few words the claim leaves out without marking it
        ("“We will not, under any circumstances, raise taxes this year, whatever happens,” "
         "said Jane Holt.", "supports", "same"),
        # the words are there, said by someone else
        ("“We will not raise taxes this year, whatever happens,” said opposition leader "
         "Mark Brandt.", "mixed", "other"),
    ],
)  # fmt: skip
def test_a_quotation_is_found_and_its_speaker_checked(
    source: str, stance: str, speaker: str
) -> None:
    snapshot = LEAD + source
    findings = verify_quotes(claim(QUOTE, "quote", speaker=SPEAKER), snapshot)
    finding = only(findings)
    assert (finding.stance, finding.details["speaker"]) == (stance, speaker), finding.explanation
    assert_offsets(findings, snapshot)
    assert "raise taxes" in finding.passage


@pytest.mark.parametrize(
    "quoted",
    [
        "We will not raise taxes ... whatever happens",
        "We will not raise taxes … whatever happens",
        "We will not raise taxes [...] whatever happens",
    ],
)
def test_a_marked_elision_may_stand_for_many_words(quoted: str) -> None:
    source = (
        "“We will not raise taxes this year or next, and I want every family in this country to "
        "hear it clearly, whatever happens,” said Jane Holt."
    )
    finding = only(verify_quotes(claim(quoted, "quote", speaker="Jane Holt"), source))
    assert finding.stance == "supports"
    assert finding.details["match"] == "full"
    assert finding.details["elided"] is True


def test_many_unmarked_extra_words_make_only_a_partial_match() -> None:
    source = (
        "“We will not, now or at any point while this government holds office, raise taxes "
        "this year, whatever happens,” said Jane Holt."
    )
    finding = only(verify_quotes(claim(QUOTE, "quote", speaker="Jane Holt"), source))
    assert finding.stance == "mixed"
    assert finding.details["near_miss"] == "partial_quote"


def test_changed_words_make_a_partial_match() -> None:
    source = "“We will raise some taxes this year, whatever happens,” said Jane Holt."
    finding = only(verify_quotes(claim(QUOTE, "quote", speaker="Jane Holt"), source))
    assert finding.stance == "mixed"
    assert finding.details["match"] == "partial"


def test_absent_words_are_unrelated() -> None:
    finding = only(verify_quotes(claim(QUOTE, "quote", speaker=SPEAKER), LEAD * 3))
    assert finding.stance == "unrelated"
    assert (finding.passage, finding.passage_start, finding.passage_end) == ("", 0, 0)


def test_a_speaker_the_source_never_names_nearby_leaves_the_match_weaker() -> None:
    source = LEAD * 3 + "“We will not raise taxes this year, whatever happens.”"
    named = only(verify_quotes(claim(QUOTE, "quote", speaker="Jane Holt"), source + " Holt said."))
    unnamed = only(verify_quotes(claim(QUOTE, "quote", speaker="Jane Holt"), source))
    assert unnamed.stance == named.stance == "supports"
    assert unnamed.details["speaker"] == "unconfirmed"
    assert unnamed.confidence < named.confidence


def test_a_quotation_inside_another_kind_of_claim_is_checked() -> None:
    text = "Holt called the plan “a reckless gamble with public money”"
    source = "Jane Holt said the plan was “a reckless gamble with public money”, and left."
    finding = only(verify_quotes(claim(text, "factual", speaker="Jane Holt"), source))
    assert finding.stance == "supports"


def test_a_claim_without_a_quotation_is_not_checked() -> None:
    assert verify_quotes(claim("The city spent $5 million"), "The city spent $5 million.") == []


def test_it_finds_the_quotation_in_a_long_source() -> None:
    filler = "Officials debated the budget and the weather for hours on end. " * 2_000
    snapshot = filler + "“We will not raise taxes this year, whatever happens,” said Jane Holt. "
    snapshot += filler
    findings = verify_quotes(claim(QUOTE, "quote", speaker="Jane Holt"), snapshot)
    assert only(findings).stance == "supports"
    assert_offsets(findings, snapshot)
