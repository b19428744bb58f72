"""Reading a claim's "first ... in N years" and "first ... since YEAR" phrases.

These claims say when something last happened, so they are checked against the dates a source
gives (dates verifier), not against amounts (the quantities verifier leaves their durations alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.model import Quantity
from claims.extraction.quantities import find_quantities
from sources.verification.model import ClaimToVerify

_UNIT = r"(?:years?|decades?|months?)"
_FIRST_IN = re.compile(
    r"\bfirst\b(?P<event>[^.;]{0,80}?)\b(?:in|for)\s+(?P<span>(?:[\w-]+\s+){0,3}?" + _UNIT + r")\b",
    re.I,
)
_FIRST_SINCE = re.compile(
    r"\bfirst\b(?P<event>[^.;]{0,80}?)\bsince\s+(?:(?:early|late|mid)[\s-]+)?"
    r"(?P<year>(?:1[5-9]|20)\d\d)\b",
    re.I,
)
_ONE_UNIT = re.compile(r"\b(?P<qual>more than|over|nearly|almost|about|at least)?\s*\ban?\s+"
                       r"(?P<unit>year|decade|month)\b", re.I)  # fmt: skip
_MONTHS_PER = {"year": 12.0, "decade": 120.0, "month": 1.0}


@dataclass(frozen=True, slots=True)
class FirstSince:
    """The claim says the last time before this one was `years` ago (or in `since_year`)."""

    phrase: str
    event: str
    years: Quantity | None
    since_year: int | None


def _span_quantity(text: str, start: int, end: int) -> Quantity | None:
    found = [q for q in find_quantities(text, start, end, []) if q.unit in ("year", "month")]
    if found:
        q = found[-1]
        if q.unit == "month" and q.value is not None:
            # Months become fractions of a year so that every gap is counted in years.
            low = q.low / 12 if q.low is not None else None
            return Quantity(q.text, q.start, q.end, q.value / 12, low, None, "year",
                            q.approximate, q.qualifier)  # fmt: skip
        return q
    one = _ONE_UNIT.search(text, start, end)
    if one is None:
        return None  # "in recent years": no number to check
    qualifier = (one.group("qual") or "").lower() or None
    value = _MONTHS_PER[one.group("unit").lower()] / 12
    low = value if qualifier in ("more than", "over", "at least") else None
    return Quantity(one.group(0).strip(), one.start(), one.end(), value, low, None, "year",
                    qualifier is not None, qualifier)  # fmt: skip


def first_since(claim: ClaimToVerify) -> FirstSince | None:
    text = claim.text if "first" in claim.text.lower() else claim.sentence
    since = _FIRST_SINCE.search(text)
    if since:
        return FirstSince(
            since.group(0), since.group("event").strip(), None, int(since.group("year"))
        )
    match = _FIRST_IN.search(text)
    if match is None:
        return None
    quantity = _span_quantity(text, match.start("span"), match.end("span"))
    if quantity is None:
        return None
    return FirstSince(match.group(0), match.group("event").strip(), quantity, None)


def owned_durations(claim: ClaimToVerify) -> frozenset[str]:
    """Texts of the claim's durations that the dates verifier checks instead of the amounts one."""
    found = first_since(claim)
    if found is None or found.years is None:
        return frozenset()
    return frozenset({found.years.text.lower(), found.phrase.lower()})
