from __future__ import annotations

import pytest

from sources.verification.passages import Document
from sources.verification.relevance import rank, verify_relevance
from tests.verification.builders import assert_offsets, claim

NOISE = (
    "The council discussed parking fees and the city budget on Monday. "
    "Several residents asked about the budget for the new library. "
)


def test_it_ranks_the_passage_about_the_claim_first_in_a_long_source() -> None:
    target = "Road repairs in Kelmouth cost the city $790 million in 2020, the audit office found."
    snapshot = NOISE * 500 + target + " " + NOISE * 500
    ranked = rank(claim("The city spent nearly $800 million on road repairs in Kelmouth"), snapshot)
    assert ranked[0].passage.text == target
    assert snapshot[ranked[0].passage.start : ranked[0].passage.end] == target


@pytest.mark.parametrize(
    ("source", "stance"),
    [
        ("The Kelmouth council approved the new harbour wall on Monday.", "supports"),
        ("The Kelmouth council did not approve the new harbour wall on Monday.", "contradicts"),
        ("The Kelmouth council also debated parking near the harbour.", "mixed"),
        ("Rain is expected across the north at the weekend.", "unrelated"),
    ],
)
def test_word_overlap_gives_a_weak_stance(source: str, stance: str) -> None:
    snapshot = "Local news.\n" + source
    findings = verify_relevance(
        claim("The Kelmouth council approved the new harbour wall"), snapshot
    )
    assert findings[0].stance == stance, findings[0].explanation
    assert all(f.confidence <= 0.6 for f in findings if f.stance != "unrelated")
    assert_offsets(findings, snapshot)


def test_an_unrelated_source_gives_one_unrelated_finding_with_an_empty_passage() -> None:
    findings = verify_relevance(claim("The Kelmouth council approved the harbour wall"), NOISE)
    assert [(f.stance, f.passage, f.passage_start, f.passage_end) for f in findings] == [
        ("unrelated", "", 0, 0)
    ]


def test_passages_cover_the_text_without_splitting_at_titles_or_initials() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. capital. They spoke for an hour.\nA new paragraph."
    doc = Document(text)
    passages = [doc.passage(i).text for i in range(len(doc))]
    assert passages == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "They spoke for an hour.",
        "A new paragraph.",
    ]
    assert not doc.same_paragraph(1, 2)
    assert doc.same_paragraph(0, 1)


def test_a_huge_line_is_cut_into_bounded_passages() -> None:
    doc = Document("word " * 100_000)
    assert len(doc) > 300
    assert all(len(doc.passage(i).text) <= 1_500 for i in range(len(doc)))
