"""Claims dated by an interval ("between 2014 and 2021", "the 1990s") match on the years inside."""

from __future__ import annotations

import datetime

import pytest

from claims.matching import compare, features_from_text

PUBLISHED = datetime.date(2023, 11, 8)


def _blocked(a: str, b: str) -> str | None:
    return compare(
        features_from_text(a, reference_date=PUBLISHED),
        features_from_text(b, reference_date=PUBLISHED),
    ).blocked_by


@pytest.mark.parametrize(
    ("a", "b", "blocked"),
    [
        ("Between 2014 and 2021, 58 homes were built in Vell.", "Vell built 58 homes in 2021.",
         False),
        ("Unemployment in Vell was low in the 1990s.", "Unemployment in Vell was low in 1994.",
         False),
        ("Unemployment in Vell was low in the 1990s.", "Unemployment in Vell was low in 2004.",
         True),
        ("Vell's harbour froze last week.", "Vell's harbour froze on Thursday.", False),
    ],
)  # fmt: skip
def test_interval_dates_block_a_match_only_when_no_year_overlaps(
    a: str, b: str, blocked: bool
) -> None:
    assert (_blocked(a, b) is not None) is blocked
