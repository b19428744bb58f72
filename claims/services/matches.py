"""Claim matching: has this claim been made, or checked, before?

Candidates come from the database's own index (`claims.match_candidates`); the pure library
`claims.matching` scores them, letting numbers and years that disagree block a match. Matches at
or above the suggest threshold are stored for editors; the best one at or above the auto threshold
links the claim as a duplicate by itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from claims import matching, workflow
from claims.match_candidates import Candidate, match_candidates
from claims.models import Article, Claim, ClaimMatch

logger = logging.getLogger(__name__)

# How many index candidates the scorer looks at for one claim; the index orders them by text
# similarity, so the right one is near the top when it exists at all.
CANDIDATES = 50


@dataclass(frozen=True)
class FoundMatch:
    candidate: Candidate
    comparison: matching.Comparison

    @property
    def score(self) -> float:
        return self.comparison.score


@dataclass(frozen=True)
class MatchOutcome:
    article_id: int
    claims: int = 0
    matches: int = 0
    linked: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "article_id": self.article_id,
            "claims": self.claims,
            "matches": self.matches,
            "linked": self.linked,
        }


def claim_features(text: str, sentence: str, normalized: object) -> matching.MatchFeatures:
    """What matching compares of a stored claim: the words of its sentence, its own values.

    A claim's text is often only its figure ("nearly $800 million last year"); the subject that
    makes two figures the same claim is in the sentence. The numbers and dates are the claim's
    own, so another figure of the same sentence neither blocks nor confirms a match.
    """
    values = normalized if isinstance(normalized, dict) else None
    return matching.features_from_claim(sentence or text, values)


def _scored(
    features: matching.MatchFeatures,
    candidates: list[Candidate],
    *,
    threshold: float,
) -> list[FoundMatch]:
    found = []
    for candidate in candidates:
        comparison = matching.compare(
            features,
            claim_features(candidate.text, candidate.sentence, candidate.normalized),
        )
        if comparison.blocked_by is None and comparison.score >= threshold:
            found.append(FoundMatch(candidate, comparison))
    found.sort(key=lambda f: (-f.score, f.candidate.id))
    return found


def matches_for_claim(claim: Claim) -> list[FoundMatch]:
    """Earlier claims of other articles that say what `claim` says, best first (reads only)."""
    features = claim_features(claim.text, claim.sentence, claim.normalized)
    best: dict[int, FoundMatch] = {}
    # Published checks are looked up on their own as well, so that many unpublished lookalikes
    # cannot crowd out the one that was actually checked.
    for published_only in (False, True):
        candidates = match_candidates(
            claim.sentence or claim.text,
            limit=CANDIDATES,
            exclude_article_id=claim.article_id,
            published_only=published_only,
            before_claim_id=claim.pk,
        )
        for found in _scored(
            features, candidates, threshold=settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD
        ):
            best[found.candidate.id] = found
    return sorted(best.values(), key=lambda f: (-f.score, f.candidate.id))


@transaction.atomic
def claim_matches_store(*, claim: Claim) -> tuple[int, bool]:
    """Store the claim's matches, drop suggestions that no longer hold, and auto-link the best.

    Returns (matches stored, whether the claim was linked as a duplicate now). Matches an editor
    ruled out stay ruled out; a claim that is linked already, or published, is not re-linked.
    """
    found = matches_for_claim(claim)
    rejected = set(
        ClaimMatch.objects.filter(claim=claim, state=ClaimMatch.State.REJECTED).values_list(
            "earlier_id", flat=True
        )
    )
    ClaimMatch.objects.filter(claim=claim, state=ClaimMatch.State.SUGGESTED).exclude(
        earlier_id__in=[f.candidate.id for f in found]
    ).delete()
    for item in found:
        ClaimMatch.objects.update_or_create(
            claim=claim,
            earlier_id=item.candidate.id,
            defaults={
                "score": round(min(max(item.score, 0.0), 1.0), 4),
                "text_similarity": round(item.comparison.text_similarity, 4),
                "agreements": list(item.comparison.agreements),
            },
        )
    auto = [
        f
        for f in found
        if f.score >= settings.FACTCHECK_MATCH_AUTO_THRESHOLD and f.candidate.id not in rejected
    ]
    linked = False
    if auto and claim.duplicate_of_id is None and claim.status != Claim.Status.PUBLISHED:
        earlier = Claim.objects.get(pk=auto[0].candidate.id)
        try:
            workflow.claim_mark_duplicate(claim=claim, of=earlier, by=None, automatic=True)
            linked = True
        except workflow.TransitionError as exc:  # e.g. the earlier claim leads back to this one
            logger.info("claim %s not linked automatically: %s", claim.pk, exc)
    return len(found), linked


def article_claims_match(*, article_id: int) -> MatchOutcome:
    """Match every claim of an article against earlier claims; run after extraction."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return MatchOutcome(article_id)
    claims = list(Claim.objects.filter(article=article).order_by("start", "pk"))
    matches = linked = 0
    for claim in claims:
        stored, made_link = claim_matches_store(claim=claim)
        matches += stored
        linked += made_link
    return MatchOutcome(article_id, claims=len(claims), matches=matches, linked=linked)


def claims_match_all(*, since: dt.datetime | None = None) -> MatchOutcome:
    """Match every claim (or those created since a time): for data imported before matching."""
    claims = Claim.objects.order_by("pk")
    if since is not None:
        claims = claims.filter(created_at__gte=since)
    count = matches = linked = 0
    for claim in claims.iterator(chunk_size=500):
        stored, made_link = claim_matches_store(claim=claim)
        count += 1
        matches += stored
        linked += made_link
    return MatchOutcome(0, claims=count, matches=matches, linked=linked)


def published_matches_for_text(*, text: str, limit: int = 5) -> list[FoundMatch]:
    """The published fact-checks nearest to a free-text claim, for "has anyone checked this?"."""
    features = matching.features_from_text(text)
    candidates = match_candidates(text, limit=CANDIDATES, published_only=True)
    found = _scored(features, candidates, threshold=settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD)
    return found[:limit]
