"""What counts as a URL the fetcher may try, and the canonical form used to de-duplicate sources."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import httpx

from fetching.errors import BlockedAddressError, InvalidURLError

# The columns that hold URLs (Source.url, Article.url, SourceSnapshot.final_url) are this wide;
# forms, commands and redirects are all held to it, so a URL that is accepted can be stored.
MAX_URL_LENGTH = 2000
_SCHEMES = {"http", "https"}
_TRACKING = ("utm_", "fbclid=", "gclid=")


def shown(url: str, limit: int = 120) -> str:
    """The URL as an error message quotes it: hostile ones can be 64 KB long."""
    return repr(url if len(url) <= limit else url[:limit] + "…")


def _refuse_long(url: str) -> None:
    if len(url) > MAX_URL_LENGTH:
        raise InvalidURLError(
            f"the URL is {len(url):,} characters long; at most {MAX_URL_LENGTH:,} are accepted:"
            f" {shown(url)}"
        )


def parse_url(url: str) -> httpx.URL:
    """The URL parsed and checked: http(s), a host, a port in range, not too long."""
    _refuse_long(url)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidURLError(f"not a valid URL ({exc}): {shown(url)}") from None
    if parsed.scheme not in _SCHEMES:
        raise BlockedAddressError(
            f"scheme {parsed.scheme or 'none'!r} is not allowed (http and https only): {shown(url)}"
        )
    if not parsed.host:
        raise InvalidURLError(f"the URL has no host: {shown(url)}")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise InvalidURLError(f"port {parsed.port} is out of range: {shown(url)}")
    if any(ch.isspace() for ch in parsed.host):
        raise InvalidURLError(f"the URL's host contains spaces: {shown(url)}")
    return parsed


def redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect's Location leads from `current`, checked like any URL we are given."""
    _refuse_long(location)
    try:
        joined = current.join(location.strip())
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidURLError(
            f"the redirect leads to an invalid URL ({exc}): {shown(location)}"
        ) from None
    return parse_url(str(joined))


def normalize_url(url: str) -> str:
    """A canonical form for de-duplicating sources: lower-case scheme and host, no fragment,
    no default port, no empty query, tracking parameters (utm_*) dropped.

    Raises BlockedAddressError for a URL that is not an http(s) address with a host, and
    InvalidURLError for one that is malformed or longer than MAX_URL_LENGTH.
    """
    url = url.strip()
    _refuse_long(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"not a valid URL ({exc}): {shown(url)}") from None
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise BlockedAddressError(f"only http and https URLs with a host can be sources: {url!r}")
    if port is not None and not 0 < port < 65536:
        raise InvalidURLError(f"port {port} is out of range: {shown(url)}")
    scheme = parts.scheme.lower()
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not pair.lower().startswith(_TRACKING)
    )
    normalized = urlunsplit((scheme, netloc, parts.path or "/", query, ""))
    _refuse_long(normalized)
    return normalized
