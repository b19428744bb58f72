"""Matching reads earlier claims' stored `normalized` through the codec: a malformed value, on
either side of a comparison, neither breaks a lookup nor blocks the match its words make."""

from __future__ import annotations

from typing import Any

import pytest

from claims import normalized_codec
from claims.match_candidates import match_candidates
from claims.match_candidates import postgresql as pg_module
from claims.services.matches import matches_for_claim
from tests.builders import MALFORMED_NORMALIZED, claim_build, claim_normalized_store

pytestmark = pytest.mark.django_db

COCOA = "Exports of cocoa from Ghana rose to $800 million in 2021, the trade minister said"
REWORDED = "Ghana's cocoa exports rose to $800 million in 2021, the trade minister said"


@pytest.fixture(autouse=True)
def _fresh_term_stats() -> None:
    pg_module._stats_cache.clear()


# A JSON string that is not itself JSON text: PostgreSQL hands it to raw SQL as a plain str.
@pytest.mark.parametrize("stored", [*MALFORMED_NORMALIZED, "not json {"])
def test_a_candidate_with_a_malformed_stored_value_is_found_and_read(stored: Any) -> None:
    earlier = claim_normalized_store(claim_build(text=COCOA, sentence=COCOA), stored)

    (found,) = match_candidates(COCOA)

    assert found.id == earlier.id
    assert found.normalized == normalized_codec.decode(stored)


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_a_claim_with_a_malformed_stored_value_is_matched_by_its_words(stored: Any) -> None:
    earlier = claim_normalized_store(claim_build(text=COCOA, sentence=COCOA), stored)
    later = claim_normalized_store(claim_build(text=REWORDED, sentence=REWORDED), stored)

    found = matches_for_claim(later)

    assert [f.candidate.id for f in found] == [earlier.id]
