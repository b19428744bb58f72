"""The public face shows a published claim whose stored `normalized` value is malformed: page,
API and ClaimReview answer, the API in the documented shape."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from claims import normalized_codec
from claims.models import Claim
from tests.builders import MALFORMED_NORMALIZED, claim_normalized_store
from tests.public.conftest import published_claim_build

pytestmark = pytest.mark.django_db


def _claim(stored: Any) -> Claim:
    return claim_normalized_store(published_claim_build(), stored)


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_the_public_claim_page_answers_for_a_malformed_stored_value(
    client: Client, stored: Any
) -> None:
    claim = _claim(stored)
    response = client.get(f"/claims/{claim.pk}/")
    assert response.status_code == 200
    assert "None" not in response.content.decode()


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_the_api_shows_a_malformed_stored_value_in_the_documented_shape(
    client: Client, stored: Any
) -> None:
    claim = _claim(stored)
    detail = client.get(f"/api/v1/claims/{claim.pk}/")
    listing = client.get("/api/v1/claims/")
    assert detail.status_code == 200
    assert listing.status_code == 200
    assert "None" not in detail.content.decode()
    shown = detail.json()["normalized"]
    assert shown == normalized_codec.clean(stored)
    assert set(shown) == {"quantities", "dates"}
    assert [row["normalized"] for row in listing.json()["results"]] == [shown]


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_claimreview_answers_for_a_malformed_stored_value(client: Client, stored: Any) -> None:
    claim = _claim(stored)
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview")
    assert response.status_code == 200
    assert "None" not in response.content.decode()
    assert response.json()["claimReviewed"] == claim.text


def test_the_api_keeps_what_it_can_read_of_a_legacy_row(client: Client) -> None:
    claim = _claim({"quantities": [{"value": "1,200", "unit": "USD"}, None], "dates": [7]})
    shown = client.get(f"/api/v1/claims/{claim.pk}/").json()["normalized"]
    assert shown == {
        "quantities": [{"text": "", "value": 1200, "low": None, "high": None, "unit": "USD",
                        "approximate": False, "qualifier": None}],
        "dates": [],
    }  # fmt: skip
