"""The desk's "To check today" page: the morning list (watching.digest) with its filters, and
the button that starts or stops an editor's morning e-mail.

The filters are a plain form read from GET: a value it cannot use is named on the page (status
400), never obeyed and never a crash.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from claims.models import Claim
from watching import services
from watching.digest import DEFAULT_SPAN, morning_list
from watching.models import DigestSubscription, Topic, WatchedFeed

_OUTLETS_LIMIT = 500
_OLDEST = dt.timedelta(days=366)


class MorningFilterForm(forms.Form):
    since = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="YYYY-MM-DD; empty: the last 24 hours.",
    )
    outlet = forms.ChoiceField(required=False)
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), *Claim.Kind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outlets = (
            WatchedFeed.objects.order_by("outlet")
            .values_list("outlet", flat=True)
            .distinct()[:_OUTLETS_LIMIT]
        )
        outlet = self.fields["outlet"]
        assert isinstance(outlet, forms.ChoiceField)
        outlet.choices = [("", "Any"), *((name, name) for name in outlets)]

    def clean_since(self) -> dt.date | None:
        since: dt.date | None = self.cleaned_data.get("since")
        today = timezone.localdate()
        if since is not None and since > today:
            raise forms.ValidationError("The date is in the future: nothing was made since then.")
        if since is not None and since < today - _OLDEST:
            raise forms.ValidationError("At most a year back: the list is of recent claims.")
        return since


def since_start(day: dt.date | None) -> dt.datetime:
    """The start of `day` in TIME_ZONE, or a day ago for none."""
    if day is None:
        return timezone.now() - DEFAULT_SPAN
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class MorningListMixin:
    """Adds "To check today" to the claim admin."""

    def morning_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        return [path("morning/", wrap(self.morning_view), name="claims_claim_morning")]

    def morning_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        if request.method == "POST":
            return self._subscription_post(request)
        form = MorningFilterForm(request.GET or None)
        listing = None
        status = 200
        if form.is_bound and not form.is_valid():
            status = 400
        else:
            values = form.cleaned_data if form.is_bound else {}
            topic = values.get("topic")
            listing = morning_list(
                since=since_start(values.get("since")),
                outlet=values.get("outlet") or "",
                topics=[topic] if topic else [],
                kind=values.get("kind") or "",
            )
        user = request.user
        subscription = (
            DigestSubscription.objects.filter(user=user).first() if user.is_authenticated else None
        )
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "title": "To check today",
            "opts": self.opts,  # type: ignore[attr-defined]
            "form": form,
            "listing": listing,
            "subscription": subscription,
            "has_email": bool((getattr(request.user, "email", "") or "").strip()),
        }
        return TemplateResponse(request, "admin/claims/claim/morning.html", context, status=status)

    def _subscription_post(self, request: HttpRequest) -> HttpResponse:
        wanted = request.POST.get("subscription")
        if wanted not in {"start", "stop"}:
            self.message_user(  # type: ignore[attr-defined]
                request, "Nothing changed: the button sent no choice.", messages.ERROR
            )
        else:
            assert request.user.is_authenticated  # admin_view let only staff in
            services.digest_subscription_set(user=request.user, active=wanted == "start")
            self.message_user(  # type: ignore[attr-defined]
                request,
                "You will get this list by e-mail each morning."
                if wanted == "start"
                else "The morning e-mail is stopped.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:claims_claim_morning"))
