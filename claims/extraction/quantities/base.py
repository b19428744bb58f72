"""What the quantity readers share: the sentence being read, a found amount, its qualifier."""

# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

from dataclasses import dataclass, field

from claims.extraction.lexicon import LOWER_BOUND_QUALIFIERS, QUALIFIERS, UPPER_BOUND_QUALIFIERS
from claims.extraction.model import Quantity
from claims.extraction.quantities.outlet import QuantityContext


@dataclass(slots=True)
class Window:
    """The sentence text[start:end] being read, and how its outlet writes amounts.

    `weather` and `scales` are worked out once per sentence, the first time a reader asks.
    """

    text: str
    start: int
    end: int
    context: QuantityContext
    weather: bool | None = None
    scales: list[tuple[int, str]] | None = None
    near_at: int = -1
    near: list[tuple[int, str]] = field(default_factory=list)


_OPENING_PUNCTUATION = "([{“‘\"'"
_NEAR_CHARS = 60
_NEAR_WORDS = 5


def words_before(w: Window, pos: int, count: int, reach: int = 40) -> list[tuple[int, str]]:
    """The last `count` words (at most five) starting within `reach` characters before `pos`,
    as (start, lower-cased word).

    Looking words up is much cheaper than searching the text before every number with a
    pattern anchored at its end, which the regex engine tries at each position; the readers of
    one number all ask about the same place, so the words are split once per place.
    """
    if w.near_at != pos:
        low = max(w.start, pos - _NEAR_CHARS)
        window = w.text[low:pos]
        found: list[tuple[int, str]] = []
        cursor = len(window)
        for part in reversed(window.split()[-_NEAR_WORDS:]):
            cursor = window.rfind(part, 0, cursor)
            found.append((low + cursor, part.lower()))
        found.reverse()
        w.near_at, w.near = pos, found
    floor = pos - reach
    return [word for word in w.near[-count:] if word[0] >= floor]


@dataclass(frozen=True, slots=True)
class Found:
    """An amount as read, with what the pass over the whole sentence needs to know about it.

    `scaled`: a scale word was applied ("7 million"), which ranges spread to a bare low end;
    `suspended`: "three- to six-month", whose unit comes later; `is_year`: "1989", for the date
    reader; `bare`: a plain number that may take the unit of an amount beside it ("44,947
    megawatts, more than the 46,797 of Friday").
    """

    quantity: Quantity
    scaled: bool = False
    suspended: bool = False
    is_year: bool = False
    bare: bool = False


_LONGEST_QUALIFIER = max(len(q.split()) for q in QUALIFIERS)
_QUALIFIER_ENDINGS = frozenset(q.split()[-1] for q in QUALIFIERS)


def qualifier_before(w: Window, start: int) -> tuple[str | None, bool, int]:
    """("more than", approximate, where it starts) for the qualifier just before `start`."""
    if start <= w.start:
        return None, False, start
    if w.text[start - 1] == "~":
        normal, approximate = QUALIFIERS["~"]
        return normal, approximate, start - 1
    if not w.text[start - 1].isspace():
        return None, False, start
    tail = w.text[max(w.start, start - 16) : start].split()
    if not tail or tail[-1].lower() not in _QUALIFIER_ENDINGS:
        return None, False, start  # the common case, settled without placing any word
    words = words_before(w, start, _LONGEST_QUALIFIER, 32)
    for size in range(min(len(words), _LONGEST_QUALIFIER), 0, -1):
        first_at, first = words[-size]
        opening = len(first) - len(first.lstrip(_OPENING_PUNCTUATION))
        rest = [word for _, word in words[len(words) - size + 1 :]]
        phrase = " ".join([first[opening:], *rest])
        if phrase in QUALIFIERS:
            normal, approximate = QUALIFIERS[phrase]
            return normal, approximate, first_at + opening
    return None, False, start


def tidy(value: float | None) -> float | None:
    """Drop the float noise of scaling: 8.2 * 1e6 is 8200000, not 8199999.999999999."""
    return None if value is None else float(f"{value:.12g}")


def build(
    text: str,
    begin: int,
    end: int,
    value: float | None,
    unit: str | None,
    qualifier: str | None = None,
    approximate: bool = False,
    low: float | None = None,
) -> Quantity:
    """A Quantity whose bounds follow its qualifier ("more than 5" is at least 5)."""
    value, low = tidy(value), tidy(low)
    high: float | None = None
    if qualifier in LOWER_BOUND_QUALIFIERS and value is not None:
        low = value
    elif qualifier in UPPER_BOUND_QUALIFIERS and value is not None:
        high = value
    return Quantity(
        text=text[begin:end],
        start=begin,
        end=end,
        value=value,
        low=low,
        high=high,
        unit=unit,
        approximate=approximate or (low is not None and value is None),
        qualifier=qualifier,
    )
