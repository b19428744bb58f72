"""Build claims the way extraction hands them over: amounts and dates read by its recognisers."""

from __future__ import annotations

from datetime import date

from claims.extraction.dates import DateContext, find_dates
from claims.extraction.quantities import find_quantities
from sources.verification import ClaimToVerify, Finding

PUBLISHED = date(2021, 3, 20)


def claim(
    text: str,
    kind: str = "statistical",
    *,
    sentence: str | None = None,
    speaker: str | None = None,
    published: date | None = PUBLISHED,
) -> ClaimToVerify:
    dates, _ = find_dates(text, 0, len(text), DateContext(published))
    quantities = find_quantities(text, 0, len(text), [(d.start, d.end) for d in dates])
    return ClaimToVerify(
        text=text,
        sentence=sentence or text,
        kind=kind,
        quantities=tuple(quantities),
        dates=tuple(dates),
        speaker=speaker,
        published=published,
    )


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def assert_offsets(findings: list[Finding], snapshot: str) -> None:
    for finding in findings:
        assert snapshot[finding.passage_start : finding.passage_end] == finding.passage
