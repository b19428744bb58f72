"""The network boundary: the only package that opens a URL.

Every request is checked before it is sent, and again on every redirect: http(s) only, a URL
no longer than the columns that store it, and the host's addresses must be public unless the host
is allowed by name (an IPv6 address that embeds a private IPv4 one is not public). The connection
then goes to the very address that was checked, so a DNS answer that changes between check and
connect cannot reach an internal service (`transport`). One deadline bounds the whole fetch:
lookups, connects, TLS, headers, every redirect and the body. Bodies are counted as they arrive
and again as their content encodings are undone, in bounded pieces (`decoding`), so neither a
huge body nor a compression bomb can grow the process past the size limit.

`post()` (posting.py) sends a body, for webhook deliveries, under the same checks; it never
follows a redirect.

Every failure leaves `fetch()` as a FetchError (errors.py) with a reason an editor can read.

Hand-written on purpose: httpcore does the HTTP, but no maintained library enforces this policy
(address checks on each hop with the connection pinned, a total deadline, bounded decoding).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpcore

from fetching.addresses import Resolver, address_refusal, checked_address, system_resolver
from fetching.deadline import Deadline
from fetching.decoding import ACCEPT_ENCODING, content_encodings, decoded, text_of
from fetching.errors import (
    BlockedAddressError,
    FetchError,
    HttpStatusError,
    InvalidURLError,
    ResponseTooLargeError,
    TemporaryFetchError,
    UnsupportedContentError,
)
from fetching.posting import PostPolicy, PostResponse, post
from fetching.transport import (
    PinnedBackend,
    header_value,
    header_values,
    request_timeouts,
    tls_context,
)
from fetching.urls import MAX_URL_LENGTH, normalize_url, parse_url, redirect_target, shown

__all__ = [
    "ACCEPTED_TYPES",
    "FEED_TYPES",
    "MAX_URL_LENGTH",
    "BlockedAddressError",
    "FetchError",
    "FetchPolicy",
    "FetchedDocument",
    "HttpStatusError",
    "InvalidURLError",
    "PostPolicy",
    "PostResponse",
    "ResponseTooLargeError",
    "TemporaryFetchError",
    "UnsupportedContentError",
    "address_refusal",
    "default_policy",
    "fetch",
    "last_modified_as_datetime",
    "normalize_url",
    "post",
    "url_check",
]

logger = logging.getLogger(__name__)

USER_AGENT = "factcheck/0.1 (fact-check source fetcher; +https://github.com/factcheck)"
ACCEPTED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/json": "json",
    "text/csv": "csv",
}
# What a watched feed may be served as: the feed and XML types, and the page types too, since
# many outlets serve their RSS as text/html or text/plain; the caller sniffs the body (watching
# refuses a body that is not a feed). Only a caller that asks for these gets them.
FEED_TYPES = {
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/html": "html",
    "text/plain": "text",
}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchPolicy:
    allowed_hosts: frozenset[str] = frozenset()
    max_bytes: int = 10 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class FetchedDocument:
    url: str
    final_url: str
    status: int
    content_type: str
    kind: str
    text: str
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def default_policy() -> FetchPolicy:
    """The policy from Django settings (FACTCHECK_FETCH_*)."""
    from django.conf import settings

    return FetchPolicy(
        allowed_hosts=frozenset(h.lower() for h in settings.FACTCHECK_FETCH_ALLOWED_HOSTS),
        max_bytes=settings.FACTCHECK_FETCH_MAX_BYTES,
        connect_timeout=settings.FACTCHECK_FETCH_CONNECT_TIMEOUT,
        read_timeout=settings.FACTCHECK_FETCH_READ_TIMEOUT,
        total_timeout=settings.FACTCHECK_FETCH_TOTAL_TIMEOUT,
        max_redirects=settings.FACTCHECK_FETCH_MAX_REDIRECTS,
    )


def fetch(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    etag: str = "",
    last_modified: str = "",
    resolver: Resolver = system_resolver,
    accepted: Mapping[str, str] | None = None,
) -> FetchedDocument:
    """GET `url` under the policy; raise a FetchError subclass with a readable message.

    `accepted` maps the content types taken to the document's `kind` (ACCEPTED_TYPES when not
    given; FEED_TYPES for feeds); every other limit is the same whatever is accepted.
    """
    policy = policy or default_policy()
    deadline = Deadline(policy.total_timeout)
    types = dict(accepted) if accepted is not None else ACCEPTED_TYPES
    try:
        return _fetch(url, policy, deadline, etag, last_modified, resolver, types)
    except FetchError:
        raise
    except (httpcore.TimeoutException, TimeoutError):
        raise _timed_out(url, deadline, policy) from None
    except Exception as exc:  # a failure nobody foresaw still ends as a readable FetchError
        logger.exception("fetching %s failed unexpectedly", shown(url))
        raise FetchError(f"could not fetch {shown(url)}: {type(exc).__name__}: {exc}") from None


def url_check(
    url: str, *, policy: FetchPolicy | None = None, resolver: Resolver = system_resolver
) -> str:
    """The normalized URL when it may be fetched at all; BlockedAddressError or InvalidURLError
    at once when it never could (a bad URL, an internal address), without sending a request.

    A host that cannot be resolved right now passes: the fetch itself will try again later.
    """
    policy = policy or default_policy()
    normalized = normalize_url(url)
    parsed = parse_url(normalized)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    with contextlib.suppress(TemporaryFetchError):
        checked_address(
            parsed.raw_host.decode("ascii"),
            port,
            allowed_hosts=policy.allowed_hosts,
            resolver=resolver,
            deadline=Deadline(min(policy.connect_timeout, policy.total_timeout)),
        )
    return normalized


def _timed_out(url: str, deadline: Deadline, policy: FetchPolicy) -> TemporaryFetchError:
    if deadline.expired():
        return TemporaryFetchError(
            f"fetching {shown(url)} took longer than the limit of {policy.total_timeout:g} s"
        )
    return TemporaryFetchError(f"timed out fetching {shown(url)}")


def _fetch(
    url: str,
    policy: FetchPolicy,
    deadline: Deadline,
    etag: str,
    last_modified: str,
    resolver: Resolver,
    types: Mapping[str, str],
) -> FetchedDocument:
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": ", ".join(types) + ";q=0.9",
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeouts = request_timeouts(policy.connect_timeout, policy.read_timeout)
    backend = PinnedBackend(deadline)
    current = parse_url(url)
    with httpcore.ConnectionPool(ssl_context=tls_context(), network_backend=backend) as pool:
        for _hop in range(policy.max_redirects + 1):
            if deadline.expired():
                raise _timed_out(url, deadline, policy)
            host = backend.pin_checked(
                current, allowed_hosts=policy.allowed_hosts, resolver=resolver
            )
            try:
                with pool.stream(
                    "GET",
                    str(current),
                    headers=list(headers.items()),
                    extensions={"timeout": timeouts},
                ) as response:
                    location = header_value(response, "location")
                    if response.status in REDIRECT_STATUSES and location:
                        current = redirect_target(current, location)
                        continue
                    return _read(url, str(current), response, policy, deadline, types)
            except httpcore.TimeoutException:
                raise _timed_out(url, deadline, policy) from None
            except (httpcore.ConnectError, httpcore.NetworkError) as exc:
                raise TemporaryFetchError(f"could not connect to {host}: {exc}") from None
            except httpcore.ProtocolError as exc:
                raise FetchError(
                    f"{shown(str(current))} answered with malformed HTTP: {exc}"
                ) from None
    raise FetchError(f"more than {policy.max_redirects} redirects from {shown(url)}")


def _read(
    url: str,
    final_url: str,
    response: httpcore.Response,
    policy: FetchPolicy,
    deadline: Deadline,
    types: Mapping[str, str],
) -> FetchedDocument:
    status = response.status
    etag = header_value(response, "etag")[:500]
    last_modified = header_value(response, "last-modified")[:100]
    if status == 304:
        return FetchedDocument(
            url, final_url, status, "", "", "", etag, last_modified, not_modified=True
        )
    if status >= 500 or status == 429:
        raise TemporaryFetchError(f"{shown(final_url)} answered {status}", status=status)
    if status >= 400:
        raise HttpStatusError(f"{shown(final_url)} answered {status}", status=status)
    if status < 200 or status >= 300:
        raise FetchError(f"{shown(final_url)} answered {status}, not a page", status=status)
    header = header_value(response, "content-type")
    mime = header.split(";", 1)[0].strip().lower()
    kind = types.get(mime)
    if kind is None:
        raise UnsupportedContentError(
            f"{shown(final_url)} is {mime[:100] or 'of no declared type'}; accepted: "
            + ", ".join(sorted(types)),
            status=status,
        )
    declared_length = header_value(response, "content-length")
    if declared_length.isdigit() and int(declared_length) > policy.max_bytes:
        raise ResponseTooLargeError(
            f"{shown(final_url)} is {int(declared_length):,} bytes; the limit is"
            f" {policy.max_bytes:,}",
            status=status,
        )
    encodings = content_encodings(header_values(response, "content-encoding"))
    body = bytearray()
    for piece in decoded(_sized(response, final_url, policy, deadline), encodings):
        if len(body) + len(piece) > policy.max_bytes:
            raise ResponseTooLargeError(
                f"{shown(final_url)} is larger than the limit of {policy.max_bytes:,} bytes"
                + (f" once its {', '.join(encodings)} encoding is undone" if encodings else ""),
                status=status,
            )
        body += piece
    text = text_of(bytes(body), header)
    return FetchedDocument(url, final_url, status, mime, kind, text, etag, last_modified)


def _sized(
    response: httpcore.Response, final_url: str, policy: FetchPolicy, deadline: Deadline
) -> Iterator[bytes]:
    """The body as it comes off the wire, cut off past the size limit or the deadline."""
    received = 0
    for chunk in response.iter_stream():
        received += len(chunk)
        if received > policy.max_bytes:
            raise ResponseTooLargeError(
                f"{shown(final_url)} is larger than the limit of {policy.max_bytes:,} bytes",
                status=response.status,
            )
        if deadline.expired():
            raise TemporaryFetchError(
                f"fetching {shown(final_url)} took longer than the limit of"
                f" {policy.total_timeout:g} s",
                status=response.status,
            )
        yield chunk


def last_modified_as_datetime(value: str) -> dt.datetime | None:
    """The Last-Modified header as a datetime, None when absent or malformed."""
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
