"""Check a claim's dates, durations and "first ... in N years" against the dates a source gives.

Three questions, each answered from the passages most about the claim:
- "first in N years" / "first since YEAR": the most recent earlier year the passages give is the
  previous occasion; the gap to the claim's own date (or the article's publication) must fit N.
  Dates known only to the year can be a year off either way, so the window widens by one year.
- a dated event ("The bridge opened in 1989"): a passage date that agrees at the precision both
  give supports it; when the best passage dates things and none agrees, it contradicts.
- a duration ("the war lasted 12 years") against a date range in the source ("from 1990 to 2002").
"""

from __future__ import annotations

import math

from claims.extraction.model import DateMention, Quantity
from sources.verification.model import ClaimToVerify, Finding, Stance
from sources.verification.passages import Passage
from sources.verification.reading import read, year_of
from sources.verification.relevance import RankedPassage, relevant
from sources.verification.temporal import FirstSince, first_since
from sources.verification.text import one_line
from sources.verification.tolerance import window

NAME = "dates"
TOP_PASSAGES = 5
MAX_CLAIM_DATES = 3
YEAR_PRECISION = 1.0
TEMPORAL_KINDS = frozenset({"temporal", "interval"})


def applies(claim: ClaimToVerify) -> bool:
    if first_since(claim) is not None:
        return True
    if claim.kind in TEMPORAL_KINDS:
        return True
    # A dated statement without amounts is about when something happened; with amounts the
    # date only says which period the amount is for, and the quantities verifier checks that.
    return bool(claim.dates) and not claim.quantities


def _finding(
    stance: Stance,
    confidence: float,
    passage: Passage | None,
    explanation: str,
    **details: object,
) -> Finding:
    return Finding(
        NAME,
        stance,
        round(max(0.0, min(1.0, confidence)), 3),
        passage.text if passage else "",
        passage.start if passage else 0,
        passage.end if passage else 0,
        explanation,
        dict(details),
    )


def _places(item: RankedPassage) -> list[Passage]:
    return [item.passage, *item.context]


def _reference_year(claim: ClaimToVerify, found: FirstSince) -> int | None:
    years = [y for d in claim.dates if (y := year_of(d)) is not None and y != found.since_year]
    if years:
        return max(years)
    return claim.published.year if claim.published else None


def _previous_occasion(
    claim: ClaimToVerify, text: str, reference: int
) -> tuple[int, Passage, RankedPassage] | None:
    """The most recent year before `reference` that the passages about the event give.

    Passages that are about the event by their own words come first; a neighbour's years count
    only when none of those gives one, since the sentence next door is often about something
    else ("Dredging cost $412 million in 2019. The last royal visit was in 2010.").
    """
    ranked = relevant(claim, text, TOP_PASSAGES)
    tiers = (
        [(item.passage, item) for item in ranked if item.relevant_alone],
        [(item.passage, item) for item in ranked if not item.relevant_alone],
        [(p, item) for item in ranked for p in item.context],
    )
    for tier in tiers:
        previous: tuple[int, Passage, RankedPassage] | None = None
        for passage, item in tier:
            for mention in read(text, passage).dates:
                year = year_of(mention)
                if (
                    year is not None
                    and year < reference
                    and (previous is None or year > previous[0])
                ):
                    previous = (year, passage, item)
        if previous is not None:
            return previous
    return None


def _first_since(claim: ClaimToVerify, found: FirstSince, text: str) -> Finding:
    reference = _reference_year(claim, found)
    phrase = one_line(found.phrase, 80)
    if reference is None:
        return _finding(
            Stance.UNRELATED, 0.3, None,
            f"'{phrase}' needs the claim's date, and neither the claim nor its article gives one",
        )  # fmt: skip
    previous = _previous_occasion(claim, text, reference)
    if previous is None:
        return _finding(
            Stance.UNRELATED, 0.5, None,
            f"No passage about the claim gives an earlier date to test '{phrase}'",
            reference_year=reference,
        )  # fmt: skip
    year, passage, item = previous
    gap = reference - year
    details: dict[str, object] = {
        "reference_year": reference,
        "previous_year": year,
        "gap_years": gap,
        "coverage": round(item.coverage, 3),
    }
    confidence = 0.45 + 0.35 * item.coverage
    if found.since_year is not None:
        details["claimed_since"] = found.since_year
        if year == found.since_year:
            stance, verdict = Stance.SUPPORTS, "as the claim says"
        elif year > found.since_year:
            stance, verdict = Stance.CONTRADICTS, f"later than {found.since_year}"
        else:
            stance, verdict = Stance.MIXED, f"even earlier than {found.since_year}"
        explanation = (
            f"The source dates the previous occasion to {year}, {verdict}: "
            f"checked against '{phrase}'"
        )
        return _finding(stance, confidence, passage, explanation, **details)
    assert found.years is not None
    accepted = window(found.years)
    if accepted is None:
        return _finding(Stance.UNRELATED, 0.3, passage, f"Could not read the span in '{phrase}'")
    interval, _ = accepted
    low = interval.low - YEAR_PRECISION if not math.isinf(interval.low) else interval.low
    high = interval.high + YEAR_PRECISION if not math.isinf(interval.high) else interval.high
    details["accepted_gap"] = [None if math.isinf(low) else low, None if math.isinf(high) else high]
    span = f"{year}, {gap} year{'s' if gap != 1 else ''} before {reference}"
    if low <= gap <= high:
        stance = Stance.SUPPORTS
        explanation = (
            f"The source dates the previous occasion to {span}: consistent with '{phrase}'"
        )
    elif gap < low:
        stance = Stance.CONTRADICTS
        explanation = (
            f"The source mentions an occasion in {span}, more recent than '{phrase}' allows"
        )
    else:
        stance = Stance.MIXED
        explanation = (
            f"The source's last earlier occasion is in {span}: longer ago than '{phrase}' says"
        )
    return _finding(stance, confidence, passage, explanation, **details)


def _agrees(claimed: str, given: str) -> bool:
    common = min(len(claimed), len(given))
    return claimed[:common] == given[:common]


def _dated_event(claim: ClaimToVerify, mention: DateMention, text: str) -> Finding:
    claimed = mention.value or ""
    ranked = relevant(claim, text, TOP_PASSAGES)
    first_dated: tuple[DateMention, Passage, RankedPassage] | None = None
    for item in ranked:
        for passage in _places(item):
            dated = [d for d in read(text, passage).dates if year_of(d) is not None and d.value]
            for given in dated:
                assert given.value is not None
                if _agrees(claimed, given.value):
                    coarser = len(given.value) < len(claimed)
                    confidence = 0.5 + 0.35 * item.coverage - (0.15 if coarser else 0.0)
                    note = f" (the source gives only {given.value})" if coarser else ""
                    return _finding(
                        Stance.SUPPORTS, confidence, passage,
                        f"The source gives {one_line(given.text, 40)} for it; the claim says "
                        f"{one_line(mention.text, 40)}{note}",
                        claim_date=claimed, source_date=given.value,
                        coverage=round(item.coverage, 3),
                    )  # fmt: skip
            if dated and first_dated is None and passage is item.passage:
                first_dated = (dated[0], passage, item)
    if first_dated is None:
        return _finding(
            Stance.UNRELATED, 0.5 if ranked else 0.7, None,
            f"No passage about the claim gives a date to test {one_line(mention.text, 40)}",
            claim_date=claimed,
        )  # fmt: skip
    given, passage, item = first_dated
    assert given.value is not None
    off = abs(int(given.value[:4]) - int(claimed[:4])) if claimed[:4].isdigit() else None
    note = " (a year off)" if off == 1 else ""
    return _finding(
        Stance.CONTRADICTS, 0.35 + 0.35 * item.coverage, passage,
        f"The most relevant passage gives {one_line(given.text, 40)}; the claim says "
        f"{one_line(mention.text, 40)}{note}",
        claim_date=claimed, source_date=given.value, coverage=round(item.coverage, 3),
    )  # fmt: skip


def _range_years(text: str, passage: Passage) -> list[tuple[int, int, Passage]]:
    reading = read(text, passage)
    found = []
    for start, end in reading.ranges:
        inside = [d for d in reading.dates if start <= d.start and d.end <= end]
        # The extractor gives a range as one interval ("1990/2002"): its ends are the years.
        years = [
            int(part[:4])
            for d in inside
            for part in (d.value or "").split("/")
            if part[:4].isdigit()
        ]
        if len(years) >= 2:
            found.append((years[0], years[-1], passage))
    return found


def _duration(claim: ClaimToVerify, quantity: Quantity, text: str) -> Finding | None:
    accepted = window(quantity, 1.0 / 365.25 if quantity.unit == "day" else 1.0)
    if quantity.unit != "year" or accepted is None:
        return None
    interval, _ = accepted
    for item in relevant(claim, text, TOP_PASSAGES):
        for passage in _places(item):
            for first, last, where in _range_years(text, passage):
                length = last - first
                low = interval.low - YEAR_PRECISION
                high = interval.high + YEAR_PRECISION
                stance = Stance.SUPPORTS if low <= length <= high else Stance.CONTRADICTS
                relation = "consistent with" if stance is Stance.SUPPORTS else "not"
                return _finding(
                    stance, 0.4 + 0.35 * item.coverage, where,
                    f"The source gives {first} to {last}, {length} years: {relation} "
                    f"{one_line(quantity.text, 40)}",
                    claim_quantity=quantity.text, source_years=[first, last],
                )  # fmt: skip
    return None


def verify_dates(claim: ClaimToVerify, snapshot_text: str) -> list[Finding]:
    """Findings on the claim's "first in N years", dated events and durations."""
    if not applies(claim):
        return []
    found = first_since(claim)
    if found is not None:
        return [_first_since(claim, found, snapshot_text)]
    findings = []
    for mention in claim.dates[:MAX_CLAIM_DATES]:
        if mention.value and year_of(mention) is not None:
            findings.append(_dated_event(claim, mention, snapshot_text))
    for quantity in claim.quantities:
        if quantity.unit == "year" and claim.kind in TEMPORAL_KINDS:
            duration = _duration(claim, quantity, snapshot_text)
            if duration is not None:
                findings.append(duration)
    if not findings:
        findings.append(
            _finding(Stance.UNRELATED, 0.4, None, "The claim gives no date the source could test")
        )
    return findings
