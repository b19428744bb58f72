"""The network boundary: the only module that opens a URL.

Every request is checked before it is sent, and again on every redirect: http(s) only, and the
host's addresses must be public unless the host is allowed by name. The connection then goes to
the very address that was checked (the hostname stays in the Host header and in TLS SNI), so a
DNS answer that changes between check and connect cannot reach an internal service. Bodies are
streamed and cut off at a size limit; time limits cover connect, each read and the whole fetch.

Hand-written on purpose: httpx does the HTTP, but no maintained library enforces this policy
(address checks on each hop with the connection pinned to the checked address).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

USER_AGENT = "factcheck/0.1 (fact-check source fetcher; +https://github.com/factcheck)"
ACCEPTED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/json": "json",
    "text/csv": "csv",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A source could not be fetched; `temporary` says whether trying later may help."""

    temporary = False

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class TemporaryFetchError(FetchError):
    """Timeouts, connection failures and 5xx answers: worth a retry with backoff."""

    temporary = True


class BlockedAddressError(FetchError):
    """The URL's scheme or address is not allowed (private, loopback, link-local, ...)."""


class ResponseTooLargeError(FetchError):
    """The body grew past the size limit while streaming."""


class UnsupportedContentError(FetchError):
    """The server answered with a type the verifiers cannot read."""


class HttpStatusError(FetchError):
    """The server answered 4xx (dead link when 404 or 410)."""


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


Resolver = Callable[[str, int], Iterable[str]]


def _system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TemporaryFetchError(f"cannot resolve {host}: {exc.strerror}") from None
    return sorted({str(info[4][0]) for info in infos})


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


def normalize_url(url: str) -> str:
    """A canonical form for de-duplicating sources: lower-case scheme and host, no fragment,
    no default port, no empty query, tracking parameters (utm_*) dropped."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise BlockedAddressError(f"only http and https URLs with a host can be sources: {url!r}")
    scheme = parts.scheme.lower()
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        raise BlockedAddressError(f"the URL's port is not a number: {url!r}") from None
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not pair.lower().startswith(("utm_", "fbclid=", "gclid="))
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _address_refusal(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for flag, reason in (
        (ip.is_loopback, "loopback"),
        (ip.is_private, "private"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
        (ip.is_unspecified, "unspecified"),
        (not ip.is_global, "not public"),
    ):
        if flag:
            return reason
    return None


def _checked_address(url: str, policy: FetchPolicy, resolver: Resolver) -> tuple[str, str]:
    """The (host, address) to connect to for `url`, or BlockedAddressError."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise BlockedAddressError(f"scheme {parts.scheme!r} is not allowed (http and https only)")
    host = (parts.hostname or "").lower()
    if not host:
        raise BlockedAddressError(f"URL has no host: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = list(resolver(host, port))
    if not addresses:
        raise TemporaryFetchError(f"{host} has no address")
    if host in policy.allowed_hosts:
        return host, addresses[0]
    for address in addresses:
        reason = _address_refusal(address)
        if reason:
            raise BlockedAddressError(f"{host} resolves to a {reason} address ({address}): refused")
    return host, addresses[0]


def _pinned_request(
    client: httpx.Client, url: str, host: str, address: str, headers: dict[str, str]
) -> httpx.Request:
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    host_header = parts.netloc.rsplit("@", 1)[-1]
    return client.build_request(
        "GET",
        pinned,
        headers={**headers, "Host": host_header},
        extensions={"sni_hostname": host},
    )


def _charset(content_type_header: str, head: bytes) -> str | None:
    for param in content_type_header.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii") if match else None


def _decode(body: bytes, declared: str | None) -> str:
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def fetch(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    etag: str = "",
    last_modified: str = "",
    resolver: Resolver = _system_resolver,
    transport: httpx.BaseTransport | None = None,
) -> FetchedDocument:
    """GET `url` under the policy; raise a FetchError subclass with a readable message."""
    policy = policy or default_policy()
    headers = {"User-Agent": policy.user_agent, "Accept": ", ".join(ACCEPTED_TYPES) + ";q=0.9"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
    deadline = time.monotonic() + policy.total_timeout
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
        for _hop in range(policy.max_redirects + 1):
            host, address = _checked_address(current, policy, resolver)
            request = _pinned_request(client, current, host, address, headers)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise TemporaryFetchError(f"timed out fetching {current}") from None
            except httpx.HTTPError as exc:
                raise TemporaryFetchError(f"could not connect to {host}: {exc}") from None
            try:
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                return _read(url, current, response, policy, deadline)
            finally:
                response.close()
    raise FetchError(f"more than {policy.max_redirects} redirects from {url}")


def _read(
    url: str, final_url: str, response: httpx.Response, policy: FetchPolicy, deadline: float
) -> FetchedDocument:
    status = response.status_code
    etag = response.headers.get("etag", "")
    last_modified = response.headers.get("last-modified", "")
    if status == 304:
        return FetchedDocument(
            url, final_url, status, "", "", "", etag, last_modified, not_modified=True
        )
    if status >= 500 or status == 429:
        raise TemporaryFetchError(f"{final_url} answered {status}", status=status)
    if status >= 400:
        raise HttpStatusError(f"{final_url} answered {status}", status=status)
    header = response.headers.get("content-type", "")
    mime = header.split(";", 1)[0].strip().lower()
    kind = ACCEPTED_TYPES.get(mime)
    if kind is None:
        raise UnsupportedContentError(
            f"{final_url} is {mime or 'of no declared type'}; accepted: "
            + ", ".join(sorted(ACCEPTED_TYPES)),
            status=status,
        )
    declared_length = response.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > policy.max_bytes:
        raise ResponseTooLargeError(
            f"{final_url} is {int(declared_length):,} bytes; the limit is {policy.max_bytes:,}",
            status=status,
        )
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes(chunk_size=65536):
            size += len(chunk)
            if size > policy.max_bytes:
                raise ResponseTooLargeError(
                    f"{final_url} is larger than the limit of {policy.max_bytes:,} bytes",
                    status=status,
                )
            if time.monotonic() > deadline:
                raise TemporaryFetchError(
                    f"{final_url} took longer than {policy.total_timeout:g} s", status=status
                )
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise TemporaryFetchError(f"timed out reading {final_url}", status=status) from None
    except httpx.HTTPError as exc:
        raise TemporaryFetchError(f"connection lost reading {final_url}: {exc}") from None
    body = b"".join(chunks)
    text = _decode(body, _charset(header, body))
    return FetchedDocument(url, final_url, status, mime, kind, text, etag, last_modified)


def last_modified_as_datetime(value: str) -> dt.datetime | None:
    """The Last-Modified header as a datetime, None when absent or malformed."""
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
