"""Anonymous rate limiting for the public API, counted in the Django cache."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class PublicAnonThrottle(AnonRateThrottle):
    """Requests per client address; the rate is read per request so tests can change it."""

    scope = "public_anon"
    rate_setting = "FACTCHECK_API_ANON_RATE"  # "" in the setting turns the limit off

    def get_rate(self) -> str | None:
        rate: str | None = getattr(settings, self.rate_setting) or None
        return rate

    def allow_request(self, request: object, view: object) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)  # type: ignore[arg-type]
