"""Why a fetch failed: every failure leaves `fetch()` as one of these, with a readable reason."""

from __future__ import annotations


class FetchError(Exception):
    """A source could not be fetched; `temporary` says whether trying later may help."""

    temporary = False

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class TemporaryFetchError(FetchError):
    """Timeouts, connection failures and 5xx answers: worth a retry with backoff."""

    temporary = True


class InvalidURLError(FetchError):
    """The URL cannot be fetched as written: malformed, too long, a bad port."""


class BlockedAddressError(FetchError):
    """The URL's scheme or address is not allowed (private, loopback, link-local, ...)."""


class ResponseTooLargeError(FetchError):
    """The body grew past the size limit while streaming or decoding."""


class UnsupportedContentError(FetchError):
    """The server answered with a type, encoding or body the verifiers cannot read."""


class HttpStatusError(FetchError):
    """The server answered 4xx (dead link when 404 or 410)."""
