"""Fixtures for the public API and pages: published and unpublished claims side by side."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims.models import Article, Claim, ClaimCorrection
from public.versioning import publication_version_forget
from sources.models import ClaimSource, Evidence, Source
from tests.builders import article_build, article_extracted_build, claim_build, source_build

# Planted in everything the public must never see; no response may contain it.
SECRET = "ZZSECRETZZ"


@pytest.fixture(autouse=True)
def _no_throttling(settings: Any) -> None:
    # Tests send many requests from one address; the throttling test sets its own rate.
    settings.FACTCHECK_API_ANON_RATE = ""
    settings.FACTCHECK_MATCH_ANON_RATE = ""


@pytest.fixture(autouse=True)
def _fresh_publication_version() -> None:
    # Each test's database makes a version of its own; what a thread remembers of the last
    # test's (whose rows had the same ids) must not be used.
    publication_version_forget()


def published_claim_build(article: Article | None = None, **fields: Any) -> Claim:
    """A published fact-check (verdict, rationale, publication time)."""
    defaults: dict[str, Any] = {
        "status": Claim.Status.PUBLISHED,
        "verdict": Claim.Verdict.FALSE,
        "rationale": "The statistics office reports a fall of 3%.",
        "published_at": timezone.now() - dt.timedelta(hours=1),
    }
    defaults.update(fields)
    return claim_build(article, **defaults)


_people = itertools.count(1)


def correct(claim: Claim, *, note: str = "Corrected.", **changes: Any) -> Claim:
    """Publish a correction of a published claim the way the desk does: through the services,
    proposed by an editor and published by a chief editor (new users each time)."""
    from claims.corrections import claim_correction_propose, claim_correction_publish
    from tests.claims.conftest import staff_in_role

    claim.refresh_from_db()
    n = next(_people)
    proposer = staff_in_role(f"proposer{n}", "Editor")
    publisher = staff_in_role(f"publisher{n}", "Chief editor")
    values: dict[str, Any] = {
        "wording": claim.published_text or claim.text,
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "claimed_in": claim.claimed_in,
        "claimed_on": claim.claimed_on,
        **changes,
    }
    correction = claim_correction_propose(claim=claim, by=proposer, note=note, **values)
    claim_correction_publish(correction=correction, by=publisher)
    claim.refresh_from_db()
    return claim


def link(claim: Claim, source: Source) -> ClaimSource:
    return ClaimSource.objects.create(claim=claim, source=source)


class World:
    """Published and unpublished claims, with articles and sources public and private."""

    def __init__(self) -> None:
        editor = get_user_model().objects.create_user(f"editor{SECRET}", password="x")
        self.public_article = article_build(
            title="Trade figures", outlet="Daily Ledger", url="https://news.example.com/trade"
        )
        self.published = published_claim_build(
            self.public_article,
            text="exports rose by 12%",
            sentence="The minister said exports rose by 12% last year.",
            speaker="Jane Minister",
            assignee=editor,
            reviewer=editor,
        )
        self.public_source = source_build(
            title="Trade bulletin",
            reliability_note=f"editorial {SECRET}",
            fetch_error=f"timeout {SECRET}",
            created_by=editor,
        )
        link(self.published, self.public_source)
        Evidence.objects.create(
            claim=self.published,
            source=self.public_source,
            passage="Exports fell by 3% in 2020.",
            stance=Evidence.Stance.CONTRADICTS,
            note=f"internal {SECRET}",
            added_by=editor,
        )
        # Unpublished claims in the same article and in an article of their own.
        self.draft_same_article = claim_build(
            self.public_article,
            text=f"imports doubled {SECRET}",
            sentence=f"Imports doubled {SECRET}.",
            verdict=Claim.Verdict.FALSE,
            rationale=f"draft {SECRET}",
            status=Claim.Status.REVIEWED,
        )
        self.private_article = article_build(title=f"Private {SECRET}", outlet=f"Hidden {SECRET}")
        self.drafts = [
            claim_build(
                self.private_article,
                text=f"{status} claim {SECRET}",
                speaker=f"Speaker {SECRET}",
                status=status,
                verdict=Claim.Verdict.FALSE if status != Claim.Status.NEW else "",
            )
            for status in (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.REVIEWED)
        ]
        self.private_source = source_build(title=f"Private source {SECRET}")
        for claim in [*self.drafts, self.draft_same_article]:
            link(claim, self.private_source)
        self.evidence_only_source = source_build(title=f"Evidence only {SECRET}")
        Evidence.objects.create(
            claim=self.draft_same_article, source=self.evidence_only_source, passage="x"
        )
        # A correction of the published claim that waits for its second editor, and one of a
        # claim since withdrawn: readers see neither.
        ClaimCorrection.objects.create(
            claim=self.published,
            kind=ClaimCorrection.Kind.CORRECTED,
            state=ClaimCorrection.State.PROPOSED,
            note=f"proposed {SECRET}",
            proposed={"published_text": f"reworded {SECRET}"},
            changes=[
                {"field": "published_text", "label": "the claim", "before": "", "after": SECRET}
            ],
            created_by=editor,
        )
        ClaimCorrection.objects.create(
            claim=self.draft_same_article,
            kind=ClaimCorrection.Kind.UNPUBLISHED,
            note=f"withdrawn {SECRET}",
            published_at=timezone.now(),
        )


@pytest.fixture
def world(db: None) -> World:
    return World()


# Two articles for the match lookups: one claim published, one ruled but not published.
PUBLISHED_TEXT = (
    "Officials met on Monday. Bilateral trade between the two countries was nearly "
    "$800 million in 2020, the ministry said."
)
# A post pasted from its embed that repeats the published check: a handle, a link, a hashtag and
# a signature dated the year after the claim's 2020, a year the post itself never names.
PASTED_POST = (
    "Bilateral trade between the two countries was nearly $800 million, says @TradeMinistry "
    "https://t.co/AbC123 #BilateralTrade \u2014 Trade Watch (@tradewatch) January 28, 2021"
)
UNPUBLISHED_TEXT = (
    "Officials met on Friday. Rice exports to the region fell to about 40,000 tonnes in 2019, "
    f"the {SECRET} agency said."
)


def claim_about(article_text: str, word: str, **fields: Any) -> Claim:
    """The first non-temporal claim extracted from `article_text` whose sentence has `word`."""
    article = article_extracted_build(article_text, outlet="Daily Ledger", title="Trade talks")
    claim = (
        Claim.objects.filter(article=article, sentence__icontains=word)
        .exclude(kind="temporal")
        .order_by("pk")
        .first()
    )
    assert claim is not None
    if fields.get("verdict"):  # a ruled claim is worded, as the Rule form asks
        fields.setdefault("published_text", claim.text)
    Claim.objects.filter(pk=claim.pk).update(**fields)
    claim.refresh_from_db()
    return claim


@pytest.fixture
def checks(db: None) -> dict[str, Claim]:
    """A published check of a trade figure, and an unpublished one of a rice export figure."""
    published = claim_about(
        PUBLISHED_TEXT,
        "trade",
        status=Claim.Status.PUBLISHED,
        verdict=Claim.Verdict.MOSTLY_TRUE,
        rationale="Customs put it at $795 million.",
        published_at=timezone.now() - dt.timedelta(days=3),
    )
    unpublished = claim_about(
        UNPUBLISHED_TEXT,
        "rice",
        status=Claim.Status.REVIEWED,
        verdict=Claim.Verdict.FALSE,
        rationale=f"internal {SECRET}",
    )
    return {"published": published, "unpublished": unpublished}
