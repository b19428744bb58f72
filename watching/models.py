"""Watched outlets and what their feeds brought."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.models import Article
from watching.topics import terms_parse

MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 1440


class FeedKind(models.TextChoices):
    UNKNOWN = "", "Not polled yet"
    RSS = "rss", "RSS"
    ATOM = "atom", "Atom"
    SITEMAP = "sitemap", "News sitemap"


class FeedStatus(models.TextChoices):
    NEW = "new", "New"
    OK = "ok", "OK"
    FAILING = "failing", "Failing"


class WatchedFeed(models.Model):
    """An outlet's RSS or Atom feed or news sitemap, polled for new articles."""

    Kind = FeedKind
    Status = FeedStatus

    url = models.URLField(max_length=2000, unique=True, help_text="Normalized as page URLs are.")
    outlet = models.CharField(max_length=200, help_text="Given to every article the feed brings.")
    language = models.CharField(max_length=16, default="en")
    interval_minutes = models.PositiveIntegerField(
        default=30,
        help_text=f"How often it is polled, {MIN_INTERVAL_MINUTES} to {MAX_INTERVAL_MINUTES}"
        " minutes (longer while it fails).",
    )
    enabled = models.BooleanField(default=True)
    kind = models.CharField(max_length=8, choices=FeedKind.choices, blank=True, default="")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=8, choices=FeedStatus.choices, default=FeedStatus.NEW)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    articles_brought = models.PositiveIntegerField(default=0)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set while a poll runs, so that two workers never poll one feed at once; a poll whose
    # worker died is taken over once this is older than a poll can last.
    poll_started_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outlet", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=MIN_INTERVAL_MINUTES)
                & Q(interval_minutes__lte=MAX_INTERVAL_MINUTES),
                name="watchedfeed_interval_in_range",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FeedKind.values), name="watchedfeed_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FeedStatus.values), name="watchedfeed_status_valid"
            ),
            models.CheckConstraint(condition=~Q(outlet=""), name="watchedfeed_outlet_given"),
            models.CheckConstraint(condition=~Q(url=""), name="watchedfeed_url_given"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.url}"


class SkipReason(models.TextChoices):
    NONE = "", "Ingested"
    DUPLICATE_URL = "duplicate_url", "Duplicate URL"
    DUPLICATE_TEXT = "duplicate_text", "Duplicate text"
    REFUSED_URL = "refused_url", "Refused URL"
    FETCH_FAILED = "fetch_failed", "Fetch failed"


class FeedEntry(models.Model):
    """One entry a feed listed: the article it became, or why it was skipped."""

    SkipReason = SkipReason

    feed = models.ForeignKey(WatchedFeed, on_delete=models.CASCADE, related_name="entries")
    url = models.CharField(max_length=2000, db_index=True, help_text="Normalized when it could be.")
    guid = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_entries"
    )
    skip_reason = models.CharField(
        max_length=16, choices=SkipReason.choices, blank=True, default=""
    )
    skip_detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-first_seen_at", "-pk"]
        verbose_name_plural = "feed entries"
        constraints = [
            models.UniqueConstraint(fields=["feed", "url"], name="feedentry_unique_feed_url"),
            models.CheckConstraint(
                condition=Q(skip_reason__in=SkipReason.values), name="feedentry_skip_reason_valid"
            ),
            models.CheckConstraint(condition=~Q(url=""), name="feedentry_url_given"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Topic(models.Model):
    """A subject the desk follows: claims whose words include one of its terms are about it."""

    name = models.CharField(max_length=100, unique=True)
    terms = models.TextField(
        help_text="Words and phrases, one a line. Whole words, any case; a plural is another"
        " word (list both)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="topic_name_given")]

    def __str__(self) -> str:
        return self.name

    @property
    def term_list(self) -> list[str]:
        return terms_parse(self.terms)


class DigestSubscription(models.Model):
    """An editor who gets the morning list by e-mail (of the topics chosen, or all of it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    active = models.BooleanField(default=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="subscriptions", help_text="None: the whole list."
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"Morning list for {self.user}"
