"""Amounts read together: ranges ("5 to 7%"), changes and levels ("down by 75,000 to 738,000"),
tallies ("voted 7-2"), scores ("won 3-1"), and a unit written once for two amounts."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from dataclasses import replace

from claims.extraction.cues import TREND_STARTS
from claims.extraction.model import TIME_UNITS, Quantity
from claims.extraction.quantities.base import Found, tidy

_RANGE_GAP = re.compile(r"\A-?\s*(?:-|–|—|to|and|or|through)\s*\Z", re.I)
_DASH_GAP = re.compile(r"\A\s*[-–—]\s*\Z")
_AND_GAP = re.compile(r"\A\s+and\s+\Z", re.I)
_LIST_GAP = re.compile(r"\A(?:,?\s+(?:and|or)\s+|,\s+)\Z", re.I)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:\S+\s+)?\Z", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+\Z", re.I)
_BY_BEFORE = re.compile(r"\bby\s+\Z", re.I)
# "fell from 16% to 2.5%": the verbs of change the comparison cues know, and the plain ones that
# also take "from ... to" ("changed", "moved").
_FROM_TO_VERBS = TREND_STARTS | {
    "changed", "moved", "increase", "decrease", "drop", "decline", "grow", "slid"
}  # fmt: skip
_TREND_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_FROM_TO_VERBS))})\b", re.I)
# "the Senate voted 51-49", "a 10-2 majority verdict": two counts, never a range.
_TALLY_CUES = frozenset(
    {"vote", "votes", "voted", "voting", "verdict", "majority", "tally", "ballot", "ballots",
     "jury", "jurors", "ruled", "ruling", "decision", "approved", "rejected", "passed",
     "senate", "senators", "justices", "judges", "councillors", "council", "committee",
     "board", "margin"}
)  # fmt: skip
# "won 3-1", "a 2-2 draw": scores are not amounts.
_SCORE_CUES = frozenset(
    {"won", "win", "wins", "winning", "beat", "beats", "beaten", "defeated", "defeat",
     "defeats", "lost", "lose", "loses", "losing", "drew", "draw", "victory", "score",
     "scored", "scoreline", "goal", "goals", "match", "game", "final", "semi-final",
     "semi-finals", "innings", "league", "cup", "halftime", "half-time", "aggregate",
     "thrashed", "thrashing", "edged", "lead", "led", "series", "tie", "tied", "loss",
     "playoff", "playoffs", "derby", "fixture", "scorer"}
)  # fmt: skip
_CUE_WORD = re.compile(r"[a-z][a-z-]*")
_CUE_REACH = 50
# Words after a bare number that show it stands for the amount just named ("up from the
# 31,204 she logged on Tuesday"), not for a count of something new.
_ELLIPSIS_AFTER = re.compile(
    r"\s*(?:[,.;:)]|\Z|\s(?:he|she|they|it|we|i|you|in|on|at|by|for|from|to|with|and|or|but|"
    r"according|last|this|that|than|as|while|when|during|compared|after|before|since|earlier|"
    r"later|previously|respectively|a\s+year|the\s+year)\b)",
    re.I,
)
# Only amounts of like size share a unit: "28,615 MW ... 31,204" yes, "5% of 20" no.
_INHERIT_RATIO = 4.0


def _cue_words(text: str, a: Quantity, b: Quantity) -> set[str]:
    around = text[max(0, a.start - _CUE_REACH) : b.end + _CUE_REACH].lower()
    return set(_CUE_WORD.findall(around))


def _leading_scale(value: float) -> float:
    for scale in (1e12, 1e9, 1e6, 1e3):
        if value >= scale:
            return scale
    return 1.0


def pair(text: str, a: Found, b: Found) -> list[Quantity] | None:
    """What two neighbouring amounts are together: [range], [] (a score: neither), or None
    when each stands alone."""
    qa, qb = a.quantity, b.quantity
    gap = text[qa.end : qb.start]
    if not _RANGE_GAP.match(gap) or qa.value is None or qb.value is None:
        return None
    lowered = gap.strip(" -").lower()
    dash = bool(_DASH_GAP.match(gap))
    if dash and qa.unit is None and qb.unit is None and qa.value.is_integer():
        cues = _cue_words(text, qa, qb) if qb.value.is_integer() else set()
        if not cues.isdisjoint(_TALLY_CUES):
            return None
        if not cues.isdisjoint(_SCORE_CUES):
            return []
    before = text[max(0, qa.start - 20) : qa.start]
    listed = lowered in ("and", "or") and not (a.suspended or _BETWEEN_BEFORE.search(before))
    if listed and (lowered == "and" or qa.unit is not None):
        return None  # "5 and 7" without "between" lists two amounts
    if _FROM_BEFORE.search(before) and _TREND_BEFORE.search(text[max(0, qa.start - 60) : qa.start]):
        return None  # "fell from 16% to 2.5%" is a change, not a range
    if _BY_BEFORE.search(before):
        return None  # "down by 75,000 to 738,000": the change, then the level
    if "rank" in (qa.unit, qb.unit):
        return None
    if qa.unit and qb.unit and qa.unit != qb.unit:
        return None
    money = qa.unit is not None and len(qa.unit) == 3 and qa.unit.isupper()
    if qa.unit and not qb.unit and b.scaled and not a.scaled and not money:
        return None  # "four months to 9.3 million": a level, not the top of a range
    low = qa.value
    if b.scaled and not a.scaled and qa.value < qb.value / 1000 and qb.value >= 1000:
        low = qa.value * _leading_scale(qb.value)
    if low >= qb.value:
        return None
    return [
        Quantity(
            text=text[qa.start : qb.end],
            start=qa.start,
            end=qb.end,
            value=None,
            low=tidy(low),
            high=qb.value,
            unit=qb.unit or qa.unit,
            approximate=qa.approximate or qb.approximate,
            qualifier=qa.qualifier,
        )
    ]


def _shareable(unit: str | None) -> bool:
    return unit is not None and unit not in TIME_UNITS and unit not in ("rank", "times")


def _like_sized(x: float | None, y: float | None) -> bool:
    if x is None or y is None or x == 0 or y == 0:
        return False
    ratio = abs(x) / abs(y)
    return 1 / _INHERIT_RATIO <= ratio <= _INHERIT_RATIO


def share_units(text: str, found: list[Found]) -> list[Found]:
    """A bare number takes the unit of a like-sized amount beside it: "28,615 megawatts, up
    from the 31,204 she logged", "from 54 to 35%"."""
    out = list(found)
    last_with_unit: Quantity | None = None  # the nearest amount before that names a unit
    for i, item in enumerate(out):
        if i > 0 and out[i - 1].quantity.unit is not None:
            last_with_unit = out[i - 1].quantity
        if not item.bare:
            continue
        q = item.quantity
        unit: str | None = None
        later = out[i + 1] if i + 1 < len(out) else None
        if (
            later is not None
            and (
                _shareable(later.quantity.unit)
                # "22 and 24 years old": ages and durations listed with one unit.
                or (
                    later.quantity.unit in TIME_UNITS
                    and _AND_GAP.match(text[q.end : later.quantity.start])
                )
            )
            and _RANGE_GAP.match(text[q.end : later.quantity.start])
            and _like_sized(q.value, later.quantity.value)
        ):
            unit = later.quantity.unit  # "from 54 to 35%"
        elif (
            i > 0
            and out[i - 1].quantity.unit not in (None, "rank")
            and _LIST_GAP.match(text[out[i - 1].quantity.end : q.start])
            and _ELLIPSIS_AFTER.match(text, q.end)
        ):
            unit = out[i - 1].quantity.unit  # "aged 5 and 8", "3% or 4"
        elif (
            last_with_unit is not None
            and _shareable(last_with_unit.unit)
            and _like_sized(q.value, last_with_unit.value)
            and _ELLIPSIS_AFTER.match(text, q.end)
        ):
            unit = last_with_unit.unit
        if unit is not None:
            out[i] = Found(replace(q, unit=unit), item.scaled, item.suspended, item.is_year)
    return out
