"""The values `Claim.normalized` holds, as typed frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoredQuantity:
    """One amount of a claim as stored.

    `value` is the figure; a range sets `low` and `high` with no `value`; a bound sets `value` and
    the bound it is ("more than 1,200": value 1200, low 1200); a vague amount ("thousands of")
    sets only `low`. Numbers are finite, an integral one an int (as the JSON shows it). `unit` is
    None for a plain count; `qualifier` is the word that qualifies the figure ("nearly").
    """

    text: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approximate: bool = False
    qualifier: str | None = None

    @property
    def has_number(self) -> bool:
        return self.value is not None or self.low is not None or self.high is not None


@dataclass(frozen=True, slots=True)
class StoredDate:
    """A date as written and its ISO value ("2020", "2021-03-18", "--03-18", "1990/1999").

    `value` is None when the text could not be resolved ("last week").
    """

    text: str = ""
    value: str | None = None


@dataclass(frozen=True, slots=True)
class NormalizedValues:
    """The whole stored value: a claim's amounts and dates, in the order the claim gives them."""

    quantities: tuple[StoredQuantity, ...] = ()
    dates: tuple[StoredDate, ...] = ()
