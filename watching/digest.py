"""The morning list ("To check today"): reads only.

The claims of articles that watched feeds brought, made since a given time, ranked for the
desk: check-worthy first, then by check-worthiness. A claim that says again what the desk has
checked already (a repeat alert for it, a match with a published claim, or marked a duplicate)
is not new work: it goes to a group of its own, after the new work, with the fact-check it
repeats. Published and dismissed claims are not listed: there is nothing left to check.

The list is bounded (MORNING_LIMIT claims) and never loads an article's body; the desk page,
the e-mail and the `digest` command all read it from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from claims.models import Claim, ClaimMatch, RepeatAlert
from claims.selectors import without_bodies
from watching.models import FeedEntry, Topic
from watching.topics import topics_matched

MORNING_LIMIT = 200
DEFAULT_SPAN = dt.timedelta(hours=24)
# Topics are matched word by word here, not in SQL (a database's case-insensitive substring test
# knows neither word boundaries nor, in SQLite, case beyond ASCII); so the rows read to fill one
# list are bounded too, and a list that reached the bound says it is truncated.
_SCAN_BATCH = 500
_SCAN_LIMIT = 5000
_TOPICS_LIMIT = 500


@dataclass(frozen=True)
class MorningItem:
    """One claim of the list, with what the desk shows beside it."""

    claim: Claim
    outlet: str
    topics: list[str]
    fact_check: Claim | None = None  # the checked claim it repeats, if it is a repeat

    @property
    def is_repeat(self) -> bool:
        return self.fact_check is not None

    @property
    def fact_check_verdict(self) -> str:
        """The verdict readers see on the fact-check it repeats (else the one ruled, or "")."""
        checked = self.fact_check
        if checked is None:
            return ""
        return str(checked.get_published_verdict_display() or checked.get_verdict_display())


@dataclass
class MorningList:
    since: dt.datetime
    new: list[MorningItem] = field(default_factory=list)
    repeats: list[MorningItem] = field(default_factory=list)
    truncated: bool = False  # more claims matched than the bound lets through

    def __len__(self) -> int:
        return len(self.new) + len(self.repeats)

    @property
    def items(self) -> list[MorningItem]:
        return [*self.new, *self.repeats]


def morning_since(now: dt.datetime | None = None) -> dt.datetime:
    """The default start of the list: a day ago."""
    return (now or timezone.now()) - DEFAULT_SPAN


def morning_claims(
    *, since: dt.datetime, until: dt.datetime | None = None, outlet: str = "", kind: str = ""
) -> QuerySet[Claim]:
    """The ranked claims from watched feeds made since `since` (and before `until`), before
    topics and grouping."""
    from_feeds = FeedEntry.objects.filter(article=OuterRef("article"))
    claims = Claim.objects.filter(Exists(from_feeds), created_at__gte=since).exclude(
        status__in=[Claim.Status.PUBLISHED, Claim.Status.DISMISSED]
    )
    if until is not None:
        claims = claims.filter(created_at__lt=until)
    if outlet:
        claims = claims.filter(Exists(from_feeds.filter(feed__outlet__iexact=outlet.strip())))
    if kind:
        claims = claims.filter(kind=kind)
    return (
        claims.select_related("article", "duplicate_of")
        .defer(*without_bodies("article"), "duplicate_of__sentence", "duplicate_of__rationale")
        .annotate(
            feed_outlet=Subquery(
                from_feeds.order_by("first_seen_at", "pk").values("feed__outlet")[:1]
            )
        )
        .order_by("-checkworthy", "-checkworthiness", "-created_at", "-pk")
    )


def morning_list(
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    outlet: str = "",
    topics: Sequence[Topic] = (),
    kind: str = "",
    limit: int = MORNING_LIMIT,
) -> MorningList:
    """The morning list; with `topics`, only the claims about one of them. An e-mail gives
    `until` (the time it claimed the sending), so that the next one, starting there, repeats
    nothing."""
    since = since or morning_since()
    result = MorningList(since=since)
    every_topic = {t.name: t.term_list for t in Topic.objects.all()[:_TOPICS_LIMIT]}
    wanted = {t.name: t.term_list for t in topics}
    claims = morning_claims(since=since, until=until, outlet=outlet, kind=kind)
    picked: list[tuple[Claim, list[str]]] = []
    scanned = 0
    # Without a topic every row read is listed: one more than the bound tells it was reached.
    batch_size = _SCAN_BATCH if wanted else limit + 1
    while len(picked) <= limit and scanned < _SCAN_LIMIT:
        batch = list(claims[scanned : scanned + batch_size])
        scanned += len(batch)
        for claim in batch:
            texts = (claim.text, claim.sentence)
            if wanted and not topics_matched(texts, wanted):
                continue
            picked.append((claim, topics_matched(texts, every_topic)))
        if len(batch) < batch_size:
            break
    if len(picked) > limit or scanned >= _SCAN_LIMIT:
        result.truncated = True
    picked = picked[:limit]
    checked = _repeated_fact_checks([claim for claim, _ in picked])
    for claim, names in picked:
        outlet_name = getattr(claim, "feed_outlet", "") or claim.article.outlet
        fact_check = checked.get(claim.pk)
        item = MorningItem(claim=claim, outlet=outlet_name, topics=names, fact_check=fact_check)
        (result.repeats if fact_check else result.new).append(item)
    return result


def _repeated_fact_checks(claims: list[Claim]) -> dict[int, Claim]:
    """For each claim that repeats checked work, the claim it repeats: the fact-check of its
    repeat alert (the best scored), else its published match, else what it duplicates."""
    ids = [claim.pk for claim in claims]
    found: dict[int, Claim] = {}
    if not ids:
        return found
    alerts = (
        RepeatAlert.objects.filter(claim_id__in=ids)
        .select_related("fact_check")
        .defer("fact_check__sentence", "fact_check__rationale")
        .order_by("claim_id", "-score", "pk")
    )
    for alert in alerts:
        found.setdefault(alert.claim_id, alert.fact_check)
    matches = (
        ClaimMatch.objects.filter(
            claim_id__in=[pk for pk in ids if pk not in found],
            earlier__status=Claim.Status.PUBLISHED,
        )
        .exclude(state=ClaimMatch.State.REJECTED)
        .select_related("earlier")
        .defer("earlier__sentence", "earlier__rationale")
        .order_by("claim_id", "-score", "pk")
    )
    for match in matches:
        found.setdefault(match.claim_id, match.earlier)
    for claim in claims:
        if claim.pk not in found and claim.duplicate_of is not None:
            found[claim.pk] = claim.duplicate_of
    return found
