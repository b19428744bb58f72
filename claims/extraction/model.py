"""Frozen values the extraction library returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ClaimKind(StrEnum):
    STATISTICAL = "statistical"
    TEMPORAL = "temporal"
    INTERVAL = "interval"
    COMPARISON = "comparison"
    QUOTE = "quote"
    FACTUAL = "factual"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A normalized amount. Ranges set low and high; vague amounts set low and approximate."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approximate: bool = False
    qualifier: str | None = None

    @property
    def is_duration(self) -> bool:
        return self.unit in TIME_UNITS

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None


TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written and its ISO value.

    An ISO prefix ("1989", "1989-02", "2021-03-18"); "--MM-DD" or "--MM" when the text gives no
    year and nothing to infer one from; None when it cannot be resolved at all ("last week").
    """

    text: str
    start: int
    end: int
    value: str | None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement: `clean_text[start:end]` is its span, `text` that span on one line."""

    text: str
    sentence: str
    start: int
    end: int
    kind: ClaimKind
    checkworthiness: float
    checkworthy: bool
    speaker: str | None = None
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What an HTML page says about itself; None where it says nothing usable.

    `language` is the primary language subtag ("en"), `url` the page's canonical address.
    """

    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """`metadata` is set for HTML input only: plain text carries none."""

    clean_text: str
    claims: tuple[Claim, ...]
    sentences: tuple[Sentence, ...] = ()
    metadata: PageMetadata | None = None
