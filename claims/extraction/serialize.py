"""Plain-dict and JSON forms of results, in the shape the CLI and services exchange."""

from __future__ import annotations

import json
from typing import Any

from claims import normalized_codec
from claims.extraction.model import Claim, DateMention, ExtractionResult, PageMetadata, Quantity


# Amounts and dates take the shape a claim row stores, so the command line shows what is stored.
def quantity_to_dict(quantity: Quantity) -> dict[str, Any]:
    return normalized_codec.encode_quantity(normalized_codec.stored_quantity(quantity))


def date_to_dict(mention: DateMention) -> dict[str, Any]:
    return normalized_codec.encode_date(normalized_codec.stored_date(mention))


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "kind": str(claim.kind),
        "checkworthiness": claim.checkworthiness,
        "checkworthy": claim.checkworthy,
        "speaker": claim.speaker,
        "quantities": [quantity_to_dict(q) for q in claim.quantities],
        "dates": [date_to_dict(d) for d in claim.dates],
    }


def metadata_to_dict(metadata: PageMetadata) -> dict[str, Any]:
    return {
        "title": metadata.title,
        "author": metadata.author,
        "site_name": metadata.site_name,
        "published": metadata.published.isoformat() if metadata.published else None,
        "url": metadata.url,
        "language": metadata.language,
    }


def result_to_dict(result: ExtractionResult) -> dict[str, Any]:
    """The result as plain values; "metadata" only for HTML input, which has a page to read."""
    out: dict[str, Any] = {
        "clean_text": result.clean_text,
        "claims": [claim_to_dict(c) for c in result.claims],
    }
    if result.metadata is not None:
        out["metadata"] = metadata_to_dict(result.metadata)
    return out


def to_json(result: ExtractionResult, *, indent: int | None = None) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent)
