"""The desk shows a claim whose stored `normalized` value is malformed: its pages answer, and
what cannot be read is left out rather than shown as "None" or "nan"."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from claims.models import Claim
from desk import rendering
from tests.builders import MALFORMED_NORMALIZED, article_build, claim_build, claim_normalized_store

pytestmark = pytest.mark.django_db

TEXT = "The port handled 12 million tonnes in 2020, officials said."


def _claim(stored: Any) -> Claim:
    article = article_build(clean_text=TEXT)
    claim = claim_build(article, start=0, end=len(TEXT), text=TEXT, sentence=TEXT)
    return claim_normalized_store(claim, stored)


def _shows_nothing_unreadable(html: str) -> None:
    for word in ("None", "nan", "NaN", "inf"):
        assert word not in html, word


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_the_claim_page_answers_for_a_malformed_stored_value(
    admin_client: Client, stored: Any
) -> None:
    claim = _claim(stored)
    response = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    _shows_nothing_unreadable(response.content.decode())


@pytest.mark.parametrize("stored", MALFORMED_NORMALIZED)
def test_the_article_page_tooltip_answers_for_a_malformed_stored_value(
    admin_client: Client, stored: Any
) -> None:
    claim = _claim(stored)
    response = admin_client.get(reverse("admin:claims_article_change", args=[claim.article_id]))
    assert response.status_code == 200
    # The page's help texts may say "None"; the tooltip is what the stored value feeds.
    tip = rendering.claim_tip(claim)
    assert escape(tip) in response.content.decode()
    _shows_nothing_unreadable(tip)


def test_the_summary_keeps_what_it_can_read_of_a_malformed_value() -> None:
    stored = {
        "quantities": [None, {"value": "NaN"}, {"text": "12 million tonnes", "value": 12000000,
                                                "unit": "tonne"}, {"text": "dozens"}],
        "dates": [7, {"text": "in 2020", "value": "2020"}, {"text": "last week", "value": 5}],
    }  # fmt: skip
    assert rendering.normalized_summary(stored) == (
        "12 million tonnes = 12000000 tonne; dozens (no value); in 2020 = 2020;"
        " last week (date not resolved)"
    )
