"""Sentence splitting on news prose."""

from __future__ import annotations

import pytest

from claims.extraction.sentences import split_sentences

SPLITS = [
    ("Gen. Qamar Bajwa met Mr. Torva. We ate.", ["Gen. Qamar Bajwa met Mr. Torva.", "We ate."]),
    ("The U.S. has agreed. The U.K. has not.", ["The U.S. has agreed.", "The U.K. has not."]),
    ("It cost $1.2 billion. Nobody paid.", ["It cost $1.2 billion.", "Nobody paid."]),
    ("George W. Bush spoke on Jan. 6 in Texas.", ["George W. Bush spoke on Jan. 6 in Texas."]),
    ("“Is it over?” she asked. “Yes,” he said.", ["“Is it over?” she asked.", "“Yes,” he said."]),
    ("Talks stall in Kelmar\nThe envoy left.", ["Talks stall in Kelmar", "The envoy left."]),
    ("Sanctions hit the U.S. The markets fell.", ["Sanctions hit the U.S.", "The markets fell."]),
    ("A line wrapped\nin two. It ended.", ["A line wrapped\nin two.", "It ended."]),
    ("In 2004, then-Rep. Jo Vale ran. She lost.", ["In 2004, then-Rep. Jo Vale ran.", "She lost."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_text() -> None:
    text = "First one here.  Second one there!\n\nThird."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_huge_line_is_cut_into_bounded_pieces() -> None:
    sentences = split_sentences("word " * 100_000)
    assert len(sentences) > 100
    assert max(len(s.text) for s in sentences) <= 1_700
