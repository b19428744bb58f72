"""Claim matching: has this claim been made, or checked, before?

Candidates come from the database's own index (`claims.match_candidates`); the pure library
`claims.matching` scores them, with the claims' sentence vectors when semantic matching is on
(`claims.services.vectors`), letting numbers and years that disagree block a match. Matches at
or above the suggest threshold are stored for editors; the best one at or above the auto threshold
links the claim as a duplicate by itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims import matching, normalized_codec, workflow
from claims.match_candidates import Candidate, match_candidates
from claims.models import Article, Claim, ClaimMatch
from claims.services import vectors
from claims.services.repeats import Repeat, repeat_alerts_raise
from jobs.chunks import chunked
from jobs.queueing import enqueue_on_commit
from jobs.recovery import lost_if_running_since

if TYPE_CHECKING:
    from claims.matching.semantic import Array

logger = logging.getLogger(__name__)

# How many index candidates the scorer looks at for one claim; the index orders them by text
# similarity, so the right one is near the top when it exists at all.
CANDIDATES = 50
# Claims whose matches are written in one transaction; each is looked up before it (see
# jobs.chunks), so the transaction holds a few dozen short writes.
CLAIMS_PER_WRITE = 20


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
    # A row holding no object at all is read from its words, as features_from_claim does with
    # None; whatever an object holds is the codec's to read.
    if isinstance(normalized, normalized_codec.NormalizedValues | dict):
        return matching.features_from_claim(sentence or text, normalized)
    return matching.features_from_claim(sentence or text, None)


def _scored(
    features: matching.MatchFeatures,
    candidates: list[Candidate],
    *,
    threshold: float,
    vector: Array | None = None,
    store_vectors: bool = False,
) -> list[FoundMatch]:
    """The candidates that match at or above `threshold`, best first.

    With the query's `vector`, each candidate's own (stored, or computed now and, with
    `store_vectors`, kept) joins the comparison.
    """
    theirs = (
        vectors.claim_vectors(((c.id, c.text, c.sentence) for c in candidates), store=store_vectors)
        if vector is not None and candidates
        else {}
    )
    found = []
    for candidate in candidates:
        comparison = matching.compare(
            features,
            claim_features(candidate.text, candidate.sentence, candidate.normalized),
            semantic=vectors.cosine(vector, theirs.get(candidate.id)),
        )
        if comparison.blocked_by is None and comparison.score >= threshold:
            found.append(FoundMatch(candidate, comparison))
    found.sort(key=lambda f: (-f.score, f.candidate.id))
    return found


def matches_for_claim(claim: Claim, *, store_vectors: bool = False) -> list[FoundMatch]:
    """Claims of other articles that say what `claim` says, best first.

    Reads only, unless `store_vectors`: then the sentence vectors computed on the way (the
    claim's, its candidates') are kept for the next lookup, as a matching job does.
    """
    features = claim_features(claim.text, claim.sentence, claim.normalized)
    vector = vectors.claim_vectors(
        [(claim.pk, claim.text, claim.sentence)], store=store_vectors
    ).get(claim.pk)
    candidates: dict[int, Candidate] = {}
    # Published checks are looked up on their own as well, so that many unpublished lookalikes
    # cannot crowd out the one that was actually checked. Both lists are scored together: one
    # read of their vectors, one comparison for a claim found by both.
    for published_only in (False, True):
        for candidate in match_candidates(
            claim.sentence or claim.text,
            limit=CANDIDATES,
            exclude_article_id=claim.article_id,
            published_only=published_only,
        ):
            candidates.setdefault(candidate.id, candidate)
    return _scored(
        features,
        list(candidates.values()),
        threshold=settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD,
        vector=vector,
        store_vectors=store_vectors,
    )


def _imported_first(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # (article id, claim id): articles are numbered as they are imported, while their claims are
    # numbered as workers happen to finish extracting them.
    return a < b


@dataclass(frozen=True)
class _ClaimPairs:
    """What matching found for one claim, worked out before anything is written."""

    claim: Claim
    pairs: list[tuple[int, int, FoundMatch]]  # (later claim, earlier claim, match), best first


def _claim_pairs(claim: Claim) -> _ClaimPairs:
    found = matches_for_claim(claim, store_vectors=True)
    here = (claim.article_id, claim.pk)
    pairs: list[tuple[int, int, FoundMatch]] = []
    for item in found:
        there = (item.candidate.article_id, item.candidate.id)
        if _imported_first(there, here):
            pairs.append((claim.pk, item.candidate.id, item))
        else:
            pairs.append((item.candidate.id, claim.pk, item))
    return _ClaimPairs(claim, pairs)


def _pairs_store(found: list[_ClaimPairs]) -> tuple[int, int]:
    """Write what matching found for some claims: the writes only, in the caller's transaction.

    Returns (matches stored, links made now).
    """
    rows: dict[tuple[int, int], ClaimMatch] = {}
    for item in found:
        ClaimMatch.objects.filter(claim=item.claim, state=ClaimMatch.State.SUGGESTED).exclude(
            earlier_id__in=[earlier for later, earlier, _ in item.pairs if later == item.claim.pk]
        ).delete()
        for later, earlier, match in item.pairs:
            rows.setdefault(
                (later, earlier),
                ClaimMatch(
                    claim_id=later,
                    earlier_id=earlier,
                    score=round(min(max(match.score, 0.0), 1.0), 4),
                    text_similarity=round(match.comparison.text_similarity, 4),
                    agreements=list(match.comparison.agreements),
                ),
            )
    if rows:
        # An upsert: a pair stored before keeps its state (a rejection stays), its scores change.
        ClaimMatch.objects.bulk_create(
            list(rows.values()),
            update_conflicts=True,
            unique_fields=["claim", "earlier"],
            update_fields=["score", "text_similarity", "agreements", "updated_at"],
        )
    repeat_alerts_raise(_repeats(found))
    linked = 0
    for item in found:
        best_for: dict[int, int] = {}  # later claim -> its best earlier claim above auto
        for later, earlier, match in item.pairs:  # pairs are best first
            if match.score >= settings.FACTCHECK_MATCH_AUTO_THRESHOLD:
                best_for.setdefault(later, earlier)
        linked += sum(_auto_link(later, earlier) for later, earlier in best_for.items())
    return sum(len(item.pairs) for item in found), linked


def _repeats(found: list[_ClaimPairs]) -> list[Repeat]:
    """The matches that say again what a published fact-check checked, either way round."""
    repeats = []
    for item in found:
        for _later, _earlier, match in item.pairs:
            other = match.candidate
            if other.status == Claim.Status.PUBLISHED and other.published_at is not None:
                repeats.append(Repeat(other.id, item.claim.pk, item.claim.status, match.score))
            elif item.claim.status == Claim.Status.PUBLISHED and item.claim.published_at:
                repeats.append(Repeat(item.claim.pk, other.id, other.status, match.score))
    return repeats


def claim_matches_store(*, claim: Claim) -> tuple[int, int]:
    """Store the claim's matches, drop its suggestions that no longer hold, auto-link the best.

    A match always points from the claim of the later-imported article to the earlier one,
    whichever of the two articles a worker extracted first: a pair found while matching the
    earlier article is stored for the later claim. Returns (matches stored, links made now).
    Matches an editor ruled out stay ruled out; a linked or published claim is not re-linked.
    The matches are looked up before the transaction that writes them.
    """
    found = _claim_pairs(claim)
    with transaction.atomic():
        return _pairs_store([found])


def _auto_link(later_id: int, earlier_id: int) -> bool:
    """Link a claim to the earlier one it repeats, unless it is linked, published or ruled out."""
    later = Claim.objects.filter(pk=later_id).first()
    if later is None or later.duplicate_of_id is not None or later.status == Claim.Status.PUBLISHED:
        return False
    if ClaimMatch.objects.filter(
        claim_id=later_id, earlier_id=earlier_id, state=ClaimMatch.State.REJECTED
    ).exists():
        return False
    try:
        workflow.claim_mark_duplicate(
            claim=later, of=Claim.objects.get(pk=earlier_id), by=None, automatic=True
        )
    except workflow.TransitionError as exc:  # e.g. the earlier claim leads back to this one
        logger.info("claim %s not linked automatically: %s", later_id, exc)
        return False
    return True


def _claims_match(claims: Iterable[Claim], article_id: int = 0) -> MatchOutcome:
    count = matches = linked = 0
    for chunk in chunked(claims, CLAIMS_PER_WRITE):
        found = [_claim_pairs(claim) for claim in chunk]
        with transaction.atomic():
            stored, links = _pairs_store(found)
        count += len(chunk)
        matches += stored
        linked += links
    return MatchOutcome(article_id, claims=count, matches=matches, linked=linked)


def article_claims_match(*, article_id: int) -> MatchOutcome:
    """Match every claim of an article now, in the calling process (commands and tests)."""
    article_matching_queue(article_id=article_id, send=False)
    article_matching_claim(article_id=article_id)
    return article_matching_batch(article_id=article_id, seconds=float("inf"))


def article_matching_queue(*, article_id: int, send: bool = True) -> None:
    """Start matching the article's claims again from the first, in batches a worker runs.

    A batch already running for it stops at its end (its progress no longer counts).
    """
    now = timezone.now()
    total = Claim.objects.filter(article_id=article_id).count()
    Article.objects.filter(pk=article_id).update(
        matching_status=Article.MatchingStatus.QUEUED,
        matching_state_at=now,
        matching_total=total,
        matching_done=0,
        matching_cursor=0,
        matching_error="",
    )
    if send:
        article_matching_send(article_id)


def article_matching_send(article_id: int) -> None:
    """Send the message for the article's next matching batch once the transaction commits."""
    from claims.tasks import match_article_claims

    def not_sent(reason: str) -> None:
        Article.objects.filter(pk=article_id, matching_status=Article.MatchingStatus.QUEUED).update(
            matching_error=f"waiting for a worker: {reason}; it is sent again automatically"
        )

    enqueue_on_commit(match_article_claims, article_id, on_failure=not_sent)


def article_matching_claim(*, article_id: int, retrying: bool = False) -> bool:
    """Take the article's next matching batch for this task (False: taken, or nothing to do)."""
    running = Q(matching_status=Article.MatchingStatus.RUNNING)
    takeable = Q(matching_status=Article.MatchingStatus.QUEUED) | (
        running if retrying else running & Q(matching_state_at__lt=lost_if_running_since())
    )
    return bool(
        Article.objects.filter(takeable, pk=article_id).update(
            matching_status=Article.MatchingStatus.RUNNING,
            matching_state_at=timezone.now(),
            matching_error="",
        )
    )


def article_matching_batch(*, article_id: int, seconds: float) -> MatchOutcome:
    """Match the article's next claims for about `seconds`, record the progress, queue the rest.

    Claims are taken in id order after the article's cursor, CLAIMS_PER_WRITE at a time: their
    matches are looked up first, then written in one short transaction that also moves the
    cursor on, if the batch still has the article (RUNNING, at the cursor it started from). So
    a batch run twice (a redelivered message) goes on from the last chunk written, and a batch
    whose matching was started again meanwhile stops without writing.
    """
    article = (
        Article.objects.only("matching_cursor", "matching_done", "matching_total")
        .filter(pk=article_id)
        .first()
    )
    if article is None:  # deleted meanwhile: nothing left to match
        return MatchOutcome(article_id)
    ends = time.monotonic() + seconds
    count = matches = linked = 0
    cursor, done = article.matching_cursor, article.matching_done
    more = True
    while more:
        chunk = list(
            Claim.objects.filter(article_id=article_id, pk__gt=cursor).order_by("pk")[
                : CLAIMS_PER_WRITE + 1
            ]
        )
        if not chunk:
            more = False
            break
        found = []
        for claim in chunk[:CLAIMS_PER_WRITE]:
            found.append(_claim_pairs(claim))
            if time.monotonic() >= ends:
                break
        more = len(chunk) > len(found)
        chunk = chunk[: len(found)]
        with transaction.atomic():
            ours = Article.objects.filter(
                pk=article_id,
                matching_status=Article.MatchingStatus.RUNNING,
                matching_cursor=cursor,
            ).update(
                matching_state_at=timezone.now(),  # also says the batch is alive
                matching_done=min(article.matching_total, done + len(chunk)),
                matching_cursor=chunk[-1].pk,
            )
            if not ours:
                return MatchOutcome(article_id, claims=count, matches=matches, linked=linked)
            stored, links = _pairs_store(found)
        count, matches, linked = count + len(chunk), matches + stored, linked + links
        cursor, done = chunk[-1].pk, min(article.matching_total, done + len(chunk))
        if time.monotonic() >= ends:
            break
    with transaction.atomic():
        progressed = Article.objects.filter(
            pk=article_id, matching_status=Article.MatchingStatus.RUNNING, matching_cursor=cursor
        ).update(
            matching_status=(
                Article.MatchingStatus.QUEUED if more else Article.MatchingStatus.SUCCEEDED
            ),
            matching_state_at=timezone.now(),
            matching_done=done if more else article.matching_total,
        )
        if progressed and more:
            article_matching_send(article_id)
    return MatchOutcome(article_id, claims=count, matches=matches, linked=linked)


def article_matching_fail(*, article_id: int, message: str) -> None:
    """End the article's matching with a reason an editor can read (its matches so far stay)."""
    Article.objects.filter(pk=article_id).update(
        matching_status=Article.MatchingStatus.FAILED,
        matching_state_at=timezone.now(),
        matching_error=message[:2000],
    )


def claims_match_all() -> MatchOutcome:
    """Match every claim, oldest first: for claims stored before matching existed."""
    return _claims_match(_claims_in_pages(Claim.objects.order_by("pk")))


def _claims_in_pages(claims: QuerySet[Claim], size: int = 500) -> Iterator[Claim]:
    # Read a page at a time, each read to its end before anything is written: on SQLite a read
    # left open (a server-side cursor) holds an old snapshot, and the connection's next write
    # then fails at once with "database is locked" when another process wrote meanwhile.
    after = 0
    while page := list(claims.filter(pk__gt=after)[:size]):
        yield from page
        after = page[-1].pk


def published_matches_for_text(*, text: str, limit: int = 5) -> list[FoundMatch]:
    """The published fact-checks nearest to a free-text claim, for "has anyone checked this?".

    The text is often a pasted post: it is cleaned as the matching CLI cleans its queries (no
    links, handles and hashtags as words, no embed signature), so a signature's date cannot
    block the check the post repeats. An empty cleaned text (only a link) finds nothing. With
    semantic matching on, the text's vector is computed here and compared with the checks'.
    """
    cleaned = matching.clean_post(text)
    features = matching.features_from_text(cleaned)
    encoding = vectors.query_vector_soon(cleaned) if vectors.semantic_on() else None
    candidates = match_candidates(cleaned, limit=CANDIDATES, published_only=True)
    vector = encoding.result() if encoding is not None and candidates else None
    found = _scored(
        features,
        candidates,
        threshold=settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD,
        vector=vector,
    )
    return found[:limit]
