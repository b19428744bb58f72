"""A verification run reads the claim's stored amounts and dates through the codec: a malformed
stored value ends in a finished run, not a failed one."""

from __future__ import annotations

from typing import Any

import pytest

from sources import services
from sources.models import ClaimSource, RunStatus, VerificationRun
from tests.builders import MALFORMED_NORMALIZED, claim_build, claim_normalized_store, source_build

pytestmark = pytest.mark.django_db

SENTENCE = "Bilateral trade between Pakistan and Russia was nearly $800 million in 2020."
SOURCE_TEXT = (
    "Bilateral trade between Pakistan and Russia amounted to $790 million in 2020, according "
    "to the bureau's annual report."
)


def _verified(stored: Any) -> VerificationRun:
    claim = claim_build(text=SENTENCE, sentence=SENTENCE, kind="statistical")
    claim_normalized_store(claim, stored)
    source = source_build()
    ClaimSource.objects.create(claim=claim, source=source)
    services.source_upload(source=source, text=SOURCE_TEXT)
    run = VerificationRun.objects.get(claim=claim, status=RunStatus.QUEUED)
    assert services.verification_run_claim(run_id=run.pk)
    return services.claim_verify(run_id=run.pk)


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_a_malformed_stored_value_is_verified_without_failing(stored: Any) -> None:
    run = _verified(stored)
    assert (run.status, run.error) == (RunStatus.SUCCEEDED, "")


def test_the_readable_part_of_an_odd_row_is_still_checked() -> None:
    stored = {
        "quantities": [
            "junk",
            {"text": "nearly $800 million", "value": "800,000,000", "unit": "USD",
             "approximate": True, "qualifier": "nearly", "start": "not an offset"},
        ],
        "dates": [{"text": "in 2020", "value": "2020"}, 7],
    }  # fmt: skip
    run = _verified(stored)
    assert run.status == RunStatus.SUCCEEDED
    assert run.suggested_verdict not in ("", "unverifiable")
