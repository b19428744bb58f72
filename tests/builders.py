"""Small builders for rows the tests need."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from claims.models import Article, Claim
from claims.services import content_hash
from sources.models import Source, SourceSnapshot, VerificationRun

_counter = itertools.count(1)


def article_build(**fields: Any) -> Article:
    n = next(_counter)
    text = fields.pop("clean_text", f"Article number {n} says 42 things.")
    defaults: dict[str, Any] = {
        "title": f"Article {n}",
        "raw_input": text,
        "clean_text": text,
        "content_hash": content_hash(text),
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


def article_extracted_build(text: str, **fields: Any) -> Article:
    """An article ingested and extracted in this process (no worker): real claims and values."""
    from claims.services import article_extract, article_ingest

    fields.setdefault("published_on", dt.date(2021, 3, 1))
    article = article_ingest(raw_input=text, queue_extraction=False, **fields).article
    outcome = article_extract(article_id=article.pk)
    assert outcome.succeeded, outcome
    return article


def claim_build(article: Article | None = None, **fields: Any) -> Claim:
    article = article or article_build()
    n = next(_counter)
    defaults: dict[str, Any] = {
        "article": article,
        "start": n,
        "end": n + 10,
        "sentence": "Exports rose by 12% last year.",
        "text": "exports rose by 12%",
        "kind": Claim.Kind.COMPARISON,
        "checkworthiness": 0.8,
    }
    defaults.update(fields)
    if defaults.get("verdict"):  # a ruled claim is worded, as the Rule form asks
        defaults.setdefault("published_text", str(defaults["text"])[:300])
    return Claim.objects.create(**defaults)


def source_build(**fields: Any) -> Source:
    n = next(_counter)
    defaults: dict[str, Any] = {"url": f"https://stats.example.org/report-{n}"}
    defaults.update(fields)
    return Source.objects.create(**defaults)


def run_with_finding_build(claim: Claim, *, passage: str, **finding: Any) -> VerificationRun:
    """A succeeded run whose one finding quotes `passage` from a fresh source's snapshot."""
    source = source_build()
    snapshot = SourceSnapshot.objects.create(
        source=source, fetched_at=claim.created_at, content_hash="h", text=passage
    )
    found = {"source": source.pk, "snapshot": snapshot.pk, "passage": passage, **finding}
    return VerificationRun.objects.create(
        claim=claim, verifier="v", status="succeeded", result={"findings": [found]}
    )


# --- a long news text, for the tests at the largest accepted article ---

_PLACES = ("Kelmar", "Ostrava", "Brindle County", "the northern province", "Varna", "Port Ellis")
_SPEAKERS = (
    "the finance ministry",
    "Mayor Ana Ruiz",
    "the port authority",
    "the statistics office",
    "opposition leader Tom Berger",
    "the central bank",
    "Health Minister Lena Ortiz",
)
_CHECKABLE = (
    "Unemployment in {place} fell to {pct}% in {year}, {who} said.",
    "{Who} said the harbour handled {n:,} containers in {month} {year}, up {pct}% on a year "
    "earlier.",
    "Spending on schools in {place} rose by ${m} million to ${m2} million last year.",
    '"We have built {n:,} new homes since {year}," {who} said on Tuesday.',
    "Reported burglaries in {place} dropped by {pct} percent between {year} and {year2}.",
    "Exports from {place} doubled in {year}, reaching {m} million euros.",
    "{Who} claimed that {pct}% of households in {place} now have broadband, twice the share of "
    "{year}.",
    "The hospital in {place} treated {n:,} patients in {year}, {who} said.",
)
_FILLER = (
    "Residents gathered near the market square as the rain eased.",
    "The meeting lasted well into the evening.",
    "Several reporters asked about the timetable, but no answer came.",
    "Local shops reopened after the holiday weekend.",
    "Critics and supporters alike waited for the full report.",
    "A small crowd followed the delegation along the river path.",
)
_MONTHS = ("January", "March", "May", "July", "September", "November")


def news_text_build(chars: int, *, checkable: float = 0.12, seed: int = 1) -> str:
    """A news text of exactly `chars` characters: a headline, then paragraphs of six sentences,
    about `checkable` of them stating figures, dates and who said so, the rest colour."""
    import random

    pick = random.Random(seed)
    headline = "Harbour towns report a year of change\n\n"
    parts = [headline]
    size = len(headline)
    while size < chars:
        sentences = []
        for _ in range(6):
            if pick.random() >= checkable:
                sentences.append(pick.choice(_FILLER))
                continue
            who = pick.choice(_SPEAKERS)
            sentences.append(
                pick.choice(_CHECKABLE).format(
                    place=pick.choice(_PLACES),
                    pct=pick.randint(2, 60),
                    year=pick.randint(1995, 2024),
                    year2=pick.randint(2025, 2030),
                    who=who,
                    Who=who[0].upper() + who[1:],
                    n=pick.randint(100, 90_000),
                    month=pick.choice(_MONTHS),
                    m=pick.randint(2, 900),
                    m2=pick.randint(901, 2000),
                )
            )
        paragraph = " ".join(sentences) + "\n\n"
        parts.append(paragraph)
        size += len(paragraph)
    text = "".join(parts)[:chars]
    # Cut at the last sentence end, then pad with colour, so the text ends cleanly at `chars`.
    text = text[: text.rstrip().rfind(".") + 1]
    pad = "\n\nThe meeting ended."
    while len(text) + len(pad) <= chars:
        text += pad
        pad = " The meeting ended."
    return text + " " * (chars - len(text))


# Values a `Claim.normalized` column may hold that no writer of today produces: JSON null, other
# JSON types, wrongly typed keys and items, rows from before a field existed, numbers no reader
# can use. NaN is left out: PostgreSQL's jsonb refuses it (SQLite stores it; the codec's own
# tests cover it).
MALFORMED_NORMALIZED: list[Any] = [
    None,
    [],
    "800",
    7,
    {"quantities": "x", "dates": {"value": "2020"}},
    {"quantities": [None, 1, "a", [], {}], "dates": [None, 7, {}]},
    {"quantities": [{"text": None, "value": None, "unit": None, "qualifier": None}]},
    {"quantities": [{"value": "NaN", "unit": 5}, {"value": "inf", "low": [], "high": {}}]},
    {"quantities": [{"value": 3}], "dates": [{"value": "2020"}]},  # before "text" existed
    {"quantities": [{"text": "a dozen", "value": "None"}], "dates": [{"text": None, "value": 12}]},
]


def claim_normalized_store(claim: Claim, value: Any) -> Claim:
    """Write `value` into the claim's `normalized` column as it is, JSON null included."""
    from django.db.models import JSONField, Value

    stored = Value(None, JSONField()) if value is None else value
    Claim.objects.filter(pk=claim.pk).update(normalized=stored)
    claim.refresh_from_db()
    return claim
