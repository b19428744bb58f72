"""Admin for watched outlets: their feeds (added and changed through the services), the
entries each brought (read only), the topics the morning list marks, and who gets that list by
e-mail (superusers manage every subscription; an editor starts or stops their own with the
button on "To check today", desk/morning.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.selectors import without_bodies
from desk.refusals import RefusedSaveMixin
from jobs.queueing import queue_report, warn_if_not_queued
from watching import services
from watching.models import (
    MAX_INTERVAL_MINUTES,
    MIN_INTERVAL_MINUTES,
    DigestSubscription,
    FeedEntry,
    Topic,
    WatchedFeed,
)

EDITABLE_FIELDS = ["url", "outlet", "language", "interval_minutes", "enabled"]


class WatchedFeedForm(forms.ModelForm[WatchedFeed]):
    interval_minutes = forms.IntegerField(
        min_value=MIN_INTERVAL_MINUTES,
        max_value=MAX_INTERVAL_MINUTES,
        initial=30,
        label="Poll every (minutes)",
    )

    class Meta:
        model = WatchedFeed
        fields = EDITABLE_FIELDS

    def clean_url(self) -> str:
        url = str(self.cleaned_data["url"])
        if self.instance.pk is not None and url == self.instance.url:
            return url
        try:
            normalized = services.feed_url_check(url)
        except services.FeedInputError as exc:
            raise forms.ValidationError(str(exc)) from None
        existing = services.feed_existing(url=normalized)
        if existing is not None and existing.pk != self.instance.pk:
            raise forms.ValidationError(
                format_html(
                    'This feed is watched already: <a href="{}">{}</a>.',
                    reverse("admin:watching_watchedfeed_change", args=[existing.pk]),
                    existing,
                )
            )
        return normalized

    def validate_unique(self) -> None:
        # clean_url says it in words, with a link; the service holds the rule.
        pass


@admin.register(WatchedFeed)
class WatchedFeedAdmin(RefusedSaveMixin, admin.ModelAdmin[WatchedFeed]):
    form = WatchedFeedForm
    list_display = [
        "url",
        "outlet",
        "status",
        "last_polled_at",
        "next_poll_at",
        "error_line",
        "articles_brought",
    ]
    list_filter = ["status", "enabled", "kind"]
    search_fields = ["url", "outlet"]
    readonly_fields = [
        "kind",
        "status",
        "last_error",
        "consecutive_failures",
        "articles_brought",
        "entries_link",
        "last_polled_at",
        "next_poll_at",
        "etag",
        "last_modified",
        "created_at",
        "updated_at",
    ]
    actions = ["poll_now"]

    @admin.display(description="last error")
    def error_line(self, feed: WatchedFeed) -> str:
        return feed.last_error[:200]

    @admin.display(description="entries")
    def entries_link(self, feed: WatchedFeed) -> SafeString:
        url = reverse("admin:watching_feedentry_changelist") + f"?feed__id__exact={feed.pk}"
        return format_html('<a href="{}">{} entries</a>', url, feed.entries.count())

    def save_model(self, request: HttpRequest, obj: WatchedFeed, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
        try:
            if change:
                services.feed_update(feed=obj, **values)
            else:
                feed = services.feed_add(**values)
                # The admin goes on with this object (the log, the redirect): make it the row.
                obj.pk = feed.pk
                obj.refresh_from_db()
                obj._state.adding = False
        except services.FeedInputError as exc:
            self.save_refused(request, exc)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # no inlines, and nothing to save beside what the service saved

    @admin.action(description="Poll now")
    def poll_now(self, request: HttpRequest, queryset: QuerySet[WatchedFeed]) -> None:
        with queue_report() as not_queued:
            for feed in queryset:
                services.feed_poll_queue(feed=feed)
        self.message_user(
            request, f"Queued a poll of {queryset.count()} feed(s).", messages.SUCCESS
        )
        warn_if_not_queued(request, not_queued, "The polls")


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin[FeedEntry]):
    list_display = [
        "__str__",
        "feed",
        "article_link",
        "skip_reason",
        "published_at",
        "first_seen_at",
    ]
    list_filter = ["feed", "skip_reason"]
    list_select_related = ["feed", "article"]
    search_fields = ["url", "title"]
    readonly_fields = [
        "feed",
        "url",
        "guid",
        "title",
        "published_at",
        "first_seen_at",
        "article",
        "skip_reason",
        "skip_detail",
    ]
    fields = tuple(readonly_fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[FeedEntry]:
        # The list names each entry's article: never read the article bodies for it.
        return super().get_queryset(request).defer(*without_bodies("article"))

    @admin.display(description="article")
    def article_link(self, entry: FeedEntry) -> SafeString | str:
        if entry.article is None:
            return entry.get_skip_reason_display() if entry.skip_reason else "—"
        url = reverse("admin:claims_article_change", args=[entry.article.pk])
        return format_html('<a href="{}">#{} {}</a>', url, entry.article.pk, entry.article)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(RefusedSaveMixin, admin.ModelAdmin[Topic]):
    list_display = ["name", "terms_line", "updated_at"]
    search_fields = ["name", "terms"]
    fields = ["name", "terms"]

    @admin.display(description="terms")
    def terms_line(self, topic: Topic) -> str:
        return ", ".join(topic.term_list)[:200]

    def save_model(self, request: HttpRequest, obj: Topic, form: Any, change: bool) -> None:
        try:
            topic = services.topic_save(
                name=form.cleaned_data["name"],
                terms=form.cleaned_data["terms"],
                topic=obj if change else None,
            )
        except services.TopicInputError as exc:
            self.save_refused(request, exc)
            return
        if not change:
            obj.pk = topic.pk
            obj.refresh_from_db()
            obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # no inlines, and nothing to save beside what the service saved


class DigestSubscriptionForm(forms.ModelForm[DigestSubscription]):
    class Meta:
        model = DigestSubscription
        fields = ["user", "active", "topics"]


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(RefusedSaveMixin, admin.ModelAdmin[DigestSubscription]):
    form = DigestSubscriptionForm
    list_display = ["user", "email", "active", "topics_line", "last_sent_at"]
    list_filter = ["active"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    filter_horizontal = ["topics"]
    readonly_fields = ["last_sent_at", "created_at"]

    @admin.display(description="e-mail")
    def email(self, subscription: DigestSubscription) -> str:
        return subscription.user.email or "(none: nothing is sent)"

    @admin.display(description="topics")
    def topics_line(self, subscription: DigestSubscription) -> str:
        return ", ".join(t.name for t in subscription.topics.all()) or "all"

    def get_queryset(self, request: HttpRequest) -> QuerySet[DigestSubscription]:
        return super().get_queryset(request).prefetch_related("topics")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, *(["user"] if obj is not None else [])]

    # Only superusers manage others' subscriptions; an editor uses the button on the page.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def save_model(
        self, request: HttpRequest, obj: DigestSubscription, form: Any, change: bool
    ) -> None:
        saved = services.digest_subscription_set(
            user=obj.user if change else form.cleaned_data["user"],
            active=form.cleaned_data["active"],
            topics=form.cleaned_data["topics"],
        )
        if not change:
            obj.pk = saved.pk
            obj.refresh_from_db()
            obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service set the topics
