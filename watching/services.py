"""Every write about watched feeds: adding and changing them, and polling them for articles.

A poll is a row-level job without a job row of its own: the feed is taken with a conditional
update of `poll_started_at` (so two workers never poll one feed at once, and a poll whose
worker died is taken over once it is older than POLL_LEASE), and the feed's own fields say how
it ended. Each entry is ingested in a transaction of its own, so a poll holds no lock while it
fetches, and a failure half way keeps what was done.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

import fetching
from claims import services as claims_services
from claims.models import Article
from fetching.urls import shown
from jobs.queueing import enqueue_on_commit
from watching.models import (
    MAX_INTERVAL_MINUTES,
    MIN_INTERVAL_MINUTES,
    DigestSubscription,
    FeedEntry,
    SkipReason,
    Topic,
    WatchedFeed,
)
from watching.parsing import FeedItem, FeedParseError, feed_parse
from watching.topics import TERM_LIMIT, TERMS_LIMIT, term_words, terms_parse

logger = logging.getLogger(__name__)

# Longer than a poll can last (the fetch's deadline, then a bounded number of entries, each
# checked within the connect timeout) and than the task's hard time limit.
POLL_LEASE = dt.timedelta(minutes=15)
MAX_BACKOFF = dt.timedelta(minutes=MAX_INTERVAL_MINUTES)
_OUTLET_LIMIT = 200
_LANGUAGE_LIMIT = 16


class FeedInputError(ValueError):
    """A feed that cannot be watched as given; the message says why."""


class FeedTakenError(FeedInputError):
    """The URL is watched already."""

    def __init__(self, feed: WatchedFeed) -> None:
        super().__init__(f"{feed.url} is watched already, as feed #{feed.pk} ({feed.outlet})")
        self.feed = feed


@dataclass
class PollOutcome:
    """What one poll did, for the task's result, the command and the desk's message."""

    feed_id: int
    new: int = 0  # entries that became articles
    skipped: int = 0  # entries recorded, not ingested (seen before, refused)
    waiting: int = 0  # new entries left for the next poll by the per-poll bound
    not_modified: bool = False
    error: str = ""
    busy: bool = False  # another poll of this feed was running
    article_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "feed_id": self.feed_id,
            "new": self.new,
            "skipped": self.skipped,
            "waiting": self.waiting,
            "not_modified": self.not_modified,
            "error": self.error,
            "busy": self.busy,
        }

    def __str__(self) -> str:
        if self.busy:
            return "already being polled"
        if self.error:
            return f"failed: {self.error}"
        if self.not_modified:
            return "not modified since the last poll"
        text = f"{self.new} new article(s), {self.skipped} skipped"
        return text + (f", {self.waiting} left for the next poll" if self.waiting else "")


def feed_url_check(url: str) -> str:
    """The feed's URL normalized, or FeedInputError when it can never be fetched."""
    try:
        return fetching.url_check(url)
    except fetching.FetchError as exc:
        raise FeedInputError(f"the feed's URL cannot be used: {exc}") from None


def _checked(*, outlet: str, language: str, interval_minutes: int) -> tuple[str, str]:
    outlet = " ".join(outlet.split())
    language = language.strip() or "en"
    if not outlet:
        raise FeedInputError("the outlet's name is required: every article it brings gets it")
    if len(outlet) > _OUTLET_LIMIT:
        raise FeedInputError(
            f"the outlet's name is {len(outlet):,} characters long; at most {_OUTLET_LIMIT}"
        )
    if len(language) > _LANGUAGE_LIMIT:
        raise FeedInputError(f"the language is too long (at most {_LANGUAGE_LIMIT} characters)")
    if not MIN_INTERVAL_MINUTES <= interval_minutes <= MAX_INTERVAL_MINUTES:
        raise FeedInputError(
            f"the poll interval must be {MIN_INTERVAL_MINUTES} to {MAX_INTERVAL_MINUTES}"
            f" minutes, got {interval_minutes}"
        )
    return outlet, language


def feed_existing(*, url: str) -> WatchedFeed | None:
    """The feed watched at `url` once normalized, if any (None too for an unusable URL)."""
    try:
        return WatchedFeed.objects.filter(url=fetching.normalize_url(url)).first()
    except fetching.FetchError:
        return None


def feed_add(
    *,
    url: str,
    outlet: str,
    language: str = "en",
    interval_minutes: int = 30,
    enabled: bool = True,
) -> WatchedFeed:
    """Watch a feed; it is due at once. FeedTakenError for a URL watched already."""
    normalized = feed_url_check(url)
    outlet, language = _checked(outlet=outlet, language=language, interval_minutes=interval_minutes)
    taken = WatchedFeed.objects.filter(url=normalized).first()
    if taken is not None:
        raise FeedTakenError(taken)
    try:
        with transaction.atomic():
            return WatchedFeed.objects.create(
                url=normalized,
                outlet=outlet,
                language=language,
                interval_minutes=interval_minutes,
                enabled=enabled,
                next_poll_at=timezone.now(),
            )
    except IntegrityError:  # added by someone else a moment ago
        taken = WatchedFeed.objects.filter(url=normalized).first()
        if taken is None:
            raise
        raise FeedTakenError(taken) from None


def feed_update(
    *,
    feed: WatchedFeed,
    outlet: str,
    language: str,
    interval_minutes: int,
    enabled: bool,
    url: str | None = None,
) -> WatchedFeed:
    """Change what an editor may change of a feed; a new URL starts it afresh (no validators)."""
    outlet, language = _checked(outlet=outlet, language=language, interval_minutes=interval_minutes)
    fields: dict[str, object] = {
        "outlet": outlet,
        "language": language,
        "interval_minutes": interval_minutes,
        "enabled": enabled,
    }
    current = WatchedFeed.objects.get(pk=feed.pk)
    if url is not None and url.strip() and url.strip() != current.url:
        normalized = feed_url_check(url)
        if normalized != current.url:
            taken = WatchedFeed.objects.filter(url=normalized).exclude(pk=feed.pk).first()
            if taken is not None:
                raise FeedTakenError(taken)
            # Another document: what was known of the old one no longer says anything.
            fields.update(
                url=normalized,
                kind=WatchedFeed.Kind.UNKNOWN,
                etag="",
                last_modified="",
                status=WatchedFeed.Status.NEW,
                last_error="",
                consecutive_failures=0,
                next_poll_at=timezone.now(),
            )
    if enabled and not current.enabled:
        fields["next_poll_at"] = timezone.now()  # switched back on: due at once
    try:
        with transaction.atomic():
            WatchedFeed.objects.filter(pk=feed.pk).update(**fields, updated_at=timezone.now())
    except IntegrityError:
        taken = WatchedFeed.objects.filter(url=fields.get("url", "")).first()
        if taken is None:
            raise
        raise FeedTakenError(taken) from None
    feed.refresh_from_db()
    return feed


def polls_due(*, now: dt.datetime | None = None) -> QuerySet[WatchedFeed]:
    """Enabled feeds whose next poll is due and which no live poll holds, oldest due first."""
    now = now or timezone.now()
    return (
        WatchedFeed.objects.filter(enabled=True, next_poll_at__lte=now)
        .filter(Q(poll_started_at__isnull=True) | Q(poll_started_at__lt=now - POLL_LEASE))
        .order_by("next_poll_at", "pk")
    )


def feed_poll_dispatch(*, feed_id: int, due_at: dt.datetime | None) -> bool:
    """Move a due feed's next poll past the lease before its job is sent, so that beat sends one
    job per poll, not one a minute while the job waits; False when another beat took it."""
    due = WatchedFeed.objects.filter(pk=feed_id, next_poll_at=due_at)
    return bool(due.update(next_poll_at=timezone.now() + POLL_LEASE))


def feed_poll_queue(*, feed: WatchedFeed) -> None:
    """Queue a poll of the feed now (the desk's "Poll now"), sent once the transaction commits.

    Its next poll moves past the lease as beat's dispatch does, so beat sends no second job; a
    message the broker could not take is made up for when the lease is over.
    """
    from watching.tasks import poll_feed

    WatchedFeed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now() + POLL_LEASE)
    enqueue_on_commit(poll_feed, feed.pk)


def _take(feed_id: int, now: dt.datetime) -> bool:
    free = Q(poll_started_at__isnull=True) | Q(poll_started_at__lt=now - POLL_LEASE)
    return bool(WatchedFeed.objects.filter(free, pk=feed_id).update(poll_started_at=now))


def backoff(*, interval_minutes: int, failures: int) -> dt.timedelta:
    """How long a failing feed waits: its interval doubled for each failure, at most a day."""
    exponent = min(max(failures, 1), 16)  # 2**16 intervals exceed the cap whatever the interval
    wait: dt.timedelta = dt.timedelta(minutes=interval_minutes) * (2**exponent)
    return min(wait, MAX_BACKOFF)


def feed_poll(*, feed: WatchedFeed) -> PollOutcome:
    """Poll one feed now: fetch it (conditionally), record its new entries, ingest a bounded
    number of them by URL. A feed that cannot be read is marked failing and backed off; no
    error about the feed leaves this function (a bug or the database going away does)."""
    outcome = PollOutcome(feed.pk)
    started = timezone.now()
    if not _take(feed.pk, started):
        outcome.busy = True
        return outcome
    try:
        try:
            feed.refresh_from_db()
        except WatchedFeed.DoesNotExist:  # deleted by an editor since the poll was queued
            outcome.error = "the feed was deleted"
            return outcome
        feed_entries_settle(feed=feed)
        try:
            document = fetching.fetch(
                feed.url,
                etag=feed.etag,
                last_modified=feed.last_modified,
                accepted=fetching.FEED_TYPES,
            )
            if document.not_modified:
                outcome.not_modified = True
                _poll_succeeded(feed, started, kind=feed.kind)
                return outcome
            parsed = feed_parse(document.text, base_url=document.final_url)
        except (fetching.FetchError, FeedParseError) as exc:
            outcome.error = str(exc)[:2000]
            _poll_failed(feed, started, outcome.error)
            return outcome
        _entries_take(feed, parsed.items, outcome)
        # Entries left by the bound are read from the next answer: a 304 would hide them.
        complete = not outcome.waiting
        _poll_succeeded(
            feed,
            started,
            kind=parsed.kind,
            etag=document.etag if complete else "",
            last_modified=document.last_modified if complete else "",
        )
        return outcome
    finally:
        WatchedFeed.objects.filter(pk=feed.pk, poll_started_at=started).update(poll_started_at=None)


def feed_poll_fail(*, feed_id: int, message: str) -> None:
    """A poll ended by an error nobody foresaw: the feed says so and is backed off."""
    feed = WatchedFeed.objects.filter(pk=feed_id).first()
    if feed is not None:
        _poll_failed(feed, timezone.now(), message[:2000])
        WatchedFeed.objects.filter(pk=feed_id).update(poll_started_at=None)


def _poll_succeeded(
    feed: WatchedFeed,
    started: dt.datetime,
    *,
    kind: str,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    now = timezone.now()
    fields: dict[str, object] = {
        "kind": kind,
        "status": WatchedFeed.Status.OK,
        "last_error": "",
        "consecutive_failures": 0,
        "last_polled_at": started,
        "next_poll_at": now + dt.timedelta(minutes=feed.interval_minutes),
        "updated_at": now,
    }
    if etag is not None:  # a 200: its validators (or none) are the ones to send next time
        fields.update(etag=etag, last_modified=last_modified or "")
    WatchedFeed.objects.filter(pk=feed.pk).update(**fields)


def _poll_failed(feed: WatchedFeed, started: dt.datetime, message: str) -> None:
    failures = feed.consecutive_failures + 1
    now = timezone.now()
    WatchedFeed.objects.filter(pk=feed.pk).update(
        status=WatchedFeed.Status.FAILING,
        last_error=message,
        consecutive_failures=F("consecutive_failures") + 1,
        last_polled_at=started,
        next_poll_at=now + backoff(interval_minutes=feed.interval_minutes, failures=failures),
        updated_at=now,
    )
    logger.info("feed %s failed (%d in a row): %s", feed.pk, failures, message)


def _normalized(url: str) -> tuple[str, str]:
    """(the entry's URL as stored, why it is refused or "")."""
    try:
        return fetching.url_check(url), ""
    except fetching.FetchError as exc:
        try:
            stored = fetching.normalize_url(url)
        except fetching.FetchError:
            stored = url.strip()
        return stored[:2000] or "(empty)", str(exc)


def _entries_take(feed: WatchedFeed, items: Iterable[FeedItem], outcome: PollOutcome) -> None:
    """Record the entries this feed has not listed before, at most the per-poll bound of them."""
    limit = int(settings.FACTCHECK_WATCH_MAX_ENTRIES_PER_POLL)
    fresh: dict[str, FeedItem] = {}
    for item in items:
        try:
            key = fetching.normalize_url(item.url)
        except fetching.FetchError:
            key = item.url.strip()[:2000]
        fresh.setdefault(key, item)
    known = set(
        FeedEntry.objects.filter(feed=feed, url__in=list(fresh)).values_list("url", flat=True)
    )
    pending = [(key, item) for key, item in fresh.items() if key not in known]
    outcome.waiting = max(0, len(pending) - limit)
    for _key, item in pending[:limit]:
        _entry_take(feed, item, outcome)


def _entry_take(feed: WatchedFeed, item: FeedItem, outcome: PollOutcome) -> None:
    url, refusal = _normalized(item.url)
    entry = FeedEntry(
        feed=feed,
        url=url,
        guid=item.guid,
        title=item.title,
        published_at=item.published,
    )
    if refusal:
        _entry_skipped(entry, FeedEntry.SkipReason.REFUSED_URL, refusal, outcome)
        return
    seen = FeedEntry.objects.filter(url=url).select_related("feed").first()
    if seen is not None:
        detail = f"listed before by feed #{seen.feed_id} ({seen.feed.outlet})"
        _entry_skipped(entry, FeedEntry.SkipReason.DUPLICATE_URL, detail, outcome)
        return
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        detail = f"already article #{existing.pk} ('{str(existing)[:80]}')"
        _entry_skipped(entry, FeedEntry.SkipReason.DUPLICATE_URL, detail, outcome)
        return
    try:
        with transaction.atomic():
            result = claims_services.article_import_url(
                url=url,
                title=item.title,
                outlet=feed.outlet,
                language=feed.language,
                published_on=item.published.date() if item.published else None,
            )
            if not result.created:  # imported by an editor a moment ago
                entry.skip_reason = FeedEntry.SkipReason.DUPLICATE_URL
                entry.skip_detail = f"already article #{result.article.pk}"
            else:
                entry.article = result.article
            entry.save()
            if result.created:
                WatchedFeed.objects.filter(pk=feed.pk).update(
                    articles_brought=F("articles_brought") + 1
                )
    except IntegrityError:
        # The same URL listed twice under spellings that normalize alike, or this entry
        # recorded by another poll meanwhile: either way it is known now.
        outcome.skipped += 1
        return
    except (fetching.FetchError, claims_services.ArticleInputError) as exc:
        _entry_skipped(entry, FeedEntry.SkipReason.REFUSED_URL, str(exc), outcome)
        return
    if entry.article_id is not None:
        outcome.new += 1
        outcome.article_ids.append(entry.article_id)
    else:
        outcome.skipped += 1


def _entry_skipped(entry: FeedEntry, reason: SkipReason, detail: str, outcome: PollOutcome) -> None:
    entry.skip_reason = reason
    entry.skip_detail = detail[:2000]
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        pass  # recorded by another poll meanwhile
    outcome.skipped += 1
    logger.debug("feed %s skipped %s: %s", entry.feed_id, shown(entry.url), detail)


def feed_entries_settle(*, feed: WatchedFeed) -> int:
    """Say on the entries whose article could not be made why: the page's text was another
    article's (the content hash caught it) or its page could not be fetched. Returns how many."""
    settled = 0
    failed = FeedEntry.objects.filter(
        feed=feed,
        skip_reason="",
        article__extraction_status=Article.ExtractionStatus.FAILED,
    ).select_related("article")
    for entry in failed:
        assert entry.article is not None  # the filter follows the link
        error = entry.article.extraction_error
        reason = (
            FeedEntry.SkipReason.DUPLICATE_TEXT
            if "is the same as" in error
            else FeedEntry.SkipReason.FETCH_FAILED
        )
        with transaction.atomic():
            changed = FeedEntry.objects.filter(pk=entry.pk, skip_reason="").update(
                skip_reason=reason, skip_detail=error[:2000]
            )
            if changed and reason == FeedEntry.SkipReason.DUPLICATE_TEXT:
                # Not an article brought: the outlet's page was one we had already.
                WatchedFeed.objects.filter(pk=feed.pk, articles_brought__gt=0).update(
                    articles_brought=F("articles_brought") - 1
                )
        settled += changed
    return settled


# --- topics and the morning list's subscriptions ---------------------------------------------

_TOPIC_NAME_LIMIT = 100


class TopicInputError(ValueError):
    """A topic that cannot be saved as given; the message says why."""


def _topic_checked(*, name: str, terms: str, pk: int | None) -> tuple[str, str]:
    name = " ".join(name.split())
    if not name:
        raise TopicInputError("the topic's name is required")
    if len(name) > _TOPIC_NAME_LIMIT:
        raise TopicInputError(f"the name is {len(name):,} characters long; at most 100")
    same_name = Topic.objects.filter(name__iexact=name)
    if (same_name.exclude(pk=pk) if pk is not None else same_name).exists():
        raise TopicInputError(f"a topic is named {name!r} already")
    parsed = terms_parse(terms)
    if not parsed:
        raise TopicInputError("give at least one term: a word or phrase a line")
    if len(parsed) > TERMS_LIMIT:
        raise TopicInputError(f"{len(parsed):,} terms; a topic has at most {TERMS_LIMIT}")
    for term in parsed:
        if len(term) > TERM_LIMIT:
            raise TopicInputError(f"the term {term[:40]!r}… is longer than {TERM_LIMIT} characters")
        if not term_words(term):
            raise TopicInputError(f"the term {term!r} has no letter or digit: it can match nothing")
    return name, "\n".join(parsed)


def topic_save(*, name: str, terms: str, topic: Topic | None = None) -> Topic:
    """Add a topic, or change `topic`; its terms are stored one a line, tidied."""
    name, cleaned = _topic_checked(name=name, terms=terms, pk=topic.pk if topic else None)
    topic = topic or Topic()
    topic.name, topic.terms = name, cleaned
    try:
        with transaction.atomic():
            topic.save()
    except IntegrityError:  # the same name saved by someone else a moment ago
        raise TopicInputError(f"a topic is named {name!r} already") from None
    return topic


def digest_subscription_set(
    *, user: User, active: bool, topics: Iterable[Topic] | None = None
) -> DigestSubscription:
    """Start or stop the morning e-mail for `user`; `topics` (when given) narrows it."""
    subscription, _ = DigestSubscription.objects.get_or_create(
        user=user, defaults={"active": active}
    )
    if subscription.active != active:
        subscription.active = active
        subscription.save(update_fields=["active"])
    if topics is not None:
        subscription.topics.set(list(topics))
    return subscription
