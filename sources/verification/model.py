"""The values verifiers take and return: a claim to check, findings, a suggested ruling."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from claims import normalized_codec
from claims.extraction.model import DateMention, Quantity
from claims.normalized_codec import StoredDate, StoredQuantity


class Stance(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    MIXED = "mixed"
    UNRELATED = "unrelated"


class Verdict(StrEnum):
    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    HALF_TRUE = "half_true"
    MISLEADING = "misleading"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _quantity(stored: StoredQuantity) -> Quantity:
    # Offsets into the claim's own text are not stored; verifiers read only the source's.
    return Quantity(
        text=stored.text,
        start=0,
        end=0,
        value=None if stored.value is None else float(stored.value),
        low=None if stored.low is None else float(stored.low),
        high=None if stored.high is None else float(stored.high),
        unit=stored.unit,
        approximate=stored.approximate,
        qualifier=stored.qualifier or None,
    )


def _date(stored: StoredDate) -> DateMention:
    return DateMention(text=stored.text, start=0, end=0, value=stored.value)


@dataclass(frozen=True, slots=True)
class ClaimToVerify:
    """A claim as the verifiers see it: its words, kind, amounts, dates and speaker."""

    text: str
    sentence: str
    kind: str
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    speaker: str | None = None
    published: date | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, published: date | None = None) -> ClaimToVerify:
        """Build from the stored JSON form (extraction's claim_to_dict); offsets default to 0.

        Its "quantities" and "dates" are read by the `Claim.normalized` codec.
        """
        raw_published = data.get("published")
        if published is None and isinstance(raw_published, str):
            try:
                published = date.fromisoformat(raw_published[:10])
            except ValueError:
                published = None
        elif published is None and isinstance(raw_published, date):
            published = raw_published
        values = normalized_codec.decode(data)
        return cls(
            text=str(data.get("text") or ""),
            sentence=str(data.get("sentence") or data.get("text") or ""),
            kind=str(data.get("kind") or "factual"),
            quantities=tuple(_quantity(q) for q in values.quantities),
            dates=tuple(_date(d) for d in values.dates),
            speaker=_str_or_none(data.get("speaker")),
            published=published,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """What one verifier concluded from one passage of a source.

    `snapshot[passage_start:passage_end] == passage`; `details` is JSON-serialisable.
    """

    verifier: str
    stance: str
    confidence: float
    passage: str
    passage_start: int
    passage_end: int
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verifier": self.verifier,
            "stance": str(self.stance),
            "confidence": self.confidence,
            "passage": self.passage,
            "passage_start": self.passage_start,
            "passage_end": self.passage_end,
            "explanation": self.explanation,
            "details": self.details,
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The ruling the findings point to; an editor decides. `verdict` is "" with no evidence."""

    stance: str
    verdict: str
    confidence: float
    explanation: str
