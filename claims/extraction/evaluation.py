"""Matching extracted claims against hand-labelled gold claims (used by tests and `make eval`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from claims.extraction.model import Claim, ExtractionResult, Quantity


def _same_number(expected: Any, actual: float | None) -> bool:
    if expected is None:
        return actual is None
    return actual is not None and math.isclose(float(expected), actual, rel_tol=1e-6)


def _quantity_matches(expected: Mapping[str, Any], quantity: Quantity) -> bool:
    for key, want in expected.items():
        if key in ("value", "low", "high"):
            if not _same_number(want, getattr(quantity, key)):
                return False
        elif getattr(quantity, key) != want:
            return False
    return True


def claim_matches(gold: Mapping[str, Any], claim: Claim, quote_start: int, quote_end: int) -> bool:
    """A claim matches a gold entry when its span overlaps the gold quote and its values agree."""
    if not (claim.start < quote_end and quote_start < claim.end):
        return False
    if "kind" in gold and str(claim.kind) != gold["kind"]:
        return False
    if "speaker" in gold and (claim.speaker or "").casefold() != str(gold["speaker"]).casefold():
        return False
    if "quantity" in gold and not any(
        _quantity_matches(gold["quantity"], q) for q in claim.quantities
    ):
        return False
    for want in gold.get("dates", []):
        if not any(
            d.value == want["value"] and d.text.casefold() == str(want["text"]).casefold()
            for d in claim.dates
        ):
            return False
    return True


def gold_misses(result: ExtractionResult, gold_claims: list[Mapping[str, Any]]) -> list[str]:
    """The gold quotes that no extracted claim matches (empty when every one is found)."""
    misses = []
    for gold in gold_claims:
        quote = str(gold["quote"])
        start = result.clean_text.find(quote)
        if start < 0:
            misses.append(f"{quote!r} (not in the clean text)")
            continue
        end = start + len(quote)
        if not any(claim_matches(gold, claim, start, end) for claim in result.claims):
            misses.append(quote)
    return misses


def claims_in(result: ExtractionResult, line: str) -> list[Claim]:
    """Claims whose span overlaps any occurrence of `line` in the clean text."""
    found: list[Claim] = []
    start = result.clean_text.find(line)
    while start >= 0:
        end = start + len(line)
        found.extend(c for c in result.claims if c.start < end and start < c.end)
        start = result.clean_text.find(line, end)
    return found
