"""Claim extraction: article text (or an HTML page) in, checkable claims out.

A pure library: no Django, no I/O. `extract()` is the entry point; `python -m claims.extraction`
is the command-line form.
"""

from __future__ import annotations

from claims.extraction.errors import (
    BinaryInputError,
    EmptyInputError,
    ExtractionError,
    InputTooLargeError,
    NoArticleTextError,
    UndecodableInputError,
)
from claims.extraction.model import (
    Claim,
    ClaimKind,
    DateMention,
    ExtractionResult,
    PageMetadata,
    Quantity,
    Sentence,
)
from claims.extraction.pipeline import DEFAULT_MAX_CHARS, Document, extract, extract_many
from claims.extraction.scoring import SentenceScorer
from claims.extraction.serialize import claim_to_dict, result_to_dict, to_json

__all__ = [
    "DEFAULT_MAX_CHARS",
    "BinaryInputError",
    "Claim",
    "ClaimKind",
    "DateMention",
    "Document",
    "EmptyInputError",
    "ExtractionError",
    "ExtractionResult",
    "InputTooLargeError",
    "NoArticleTextError",
    "PageMetadata",
    "Quantity",
    "Sentence",
    "SentenceScorer",
    "UndecodableInputError",
    "claim_to_dict",
    "extract",
    "extract_many",
    "result_to_dict",
    "to_json",
]
