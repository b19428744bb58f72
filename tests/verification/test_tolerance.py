from __future__ import annotations

import pytest

from claims.extraction.model import Quantity
from sources.verification.tolerance import compare, window


def amount(text: str, value: float | None, qualifier: str | None = None, **kw: float) -> Quantity:
    return Quantity(text, 0, len(text), value, qualifier=qualifier, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("claimed", "source_value", "outcome"),
    [
        (amount("nearly 800", 800, "nearly"), 720, "consistent"),
        (amount("nearly 800", 800, "nearly"), 808, "consistent"),
        (amount("nearly 800", 800, "nearly"), 715, "inconsistent"),
        (amount("nearly 800", 800, "nearly"), 820, "inconsistent"),
        (amount("about 800", 800, "about"), 880, "consistent"),
        (amount("about 800", 800, "about"), 890, "inconsistent"),
        (amount("over 800", 800, "over"), 801, "consistent"),
        (amount("over 800", 800, "over"), 800, "partial"),
        (amount("at least 800", 800, "at least"), 800, "consistent"),
        (amount("fewer than 800", 800, "fewer than"), 799, "consistent"),
        (amount("up to 800", 800, "up to"), 800, "consistent"),
        (amount("up to 800", 800, "up to"), 801, "inconsistent"),
        (amount("800", 800), 760, "consistent"),
        (amount("800", 800), 750, "inconsistent"),
        (amount("790", 790), 794, "consistent"),
        (amount("790", 790), 796, "inconsistent"),
        (amount("5.25", 5.25), 5.254, "consistent"),
        (amount("5.25", 5.25), 5.26, "inconsistent"),
        (amount("exactly 800", 800, "exactly"), 803, "consistent"),
        (amount("exactly 800", 800, "exactly"), 805, "inconsistent"),
        (amount("nine", 9), 9.4, "consistent"),
        (amount("300 to 400", None, low=300, high=400), 410, "consistent"),
        (amount("300 to 400", None, low=300, high=400), 450, "inconsistent"),
        (amount("thousands of", None, low=1000), 4000, "consistent"),
        (amount("thousands of", None, low=1000), 400, "inconsistent"),
    ],
)
def test_each_qualifier_sets_its_documented_window(
    claimed: Quantity, source_value: float, outcome: str
) -> None:
    comparison = compare(claimed, amount(str(source_value), source_value))
    assert comparison is not None
    assert comparison.outcome == outcome, comparison.window


def test_a_source_bound_inside_the_claims_window_agrees_and_one_across_it_is_partial() -> None:
    claimed = amount("more than 700", 700, "more than")
    assert compare(claimed, amount("more than 800", 800, "more than")).outcome == "consistent"  # type: ignore[union-attr]
    nearly = amount("nearly 800", 800, "nearly")
    assert compare(nearly, amount("more than 800", 800, "more than")).outcome == "partial"  # type: ignore[union-attr]


def test_an_amount_without_any_value_has_no_window() -> None:
    assert window(amount("some", None)) is None
