"""POSTing a body to a URL under the fetcher's guarantees: what webhook deliveries go out through.

The same policy as a GET (`fetching.fetch`): http(s) only, the host's addresses checked and the
connection pinned to the checked one, one deadline over lookup, connect, TLS, the request and
the answer. Two things differ on purpose. A redirect is never followed: the receiver named its
URL, and a 3xx that pointed the POST (and its signature) elsewhere, an internal address
included, would be the easiest way round the address check. And only the first
`PostPolicy.max_response_bytes` of the answer are read (the rest is left unread): a receiver's
reply is a status and perhaps a line of text, and no receiver can make us hold more.

Every failure leaves `post()` as a FetchError with a reason a person can read; its `status` is
the receiver's HTTP status when there was one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import httpcore

from fetching.addresses import Resolver, system_resolver
from fetching.deadline import Deadline
from fetching.errors import FetchError, HttpStatusError, TemporaryFetchError
from fetching.transport import PinnedBackend, request_timeouts, tls_context
from fetching.urls import parse_url, shown

logger = logging.getLogger(__name__)

USER_AGENT = "factcheck/0.1 (webhook delivery; +https://github.com/factcheck)"
# What of a failed answer's body is quoted in its error.
_QUOTED = 200


@dataclass(frozen=True)
class PostPolicy:
    allowed_hosts: frozenset[str] = frozenset()
    max_response_bytes: int = 64 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class PostResponse:
    url: str
    status: int
    # At most the policy's max_response_bytes of the answer, decoded leniently.
    text: str


def post(
    url: str,
    *,
    body: bytes,
    content_type: str,
    headers: Mapping[str, str] | None = None,
    policy: PostPolicy,
    resolver: Resolver = system_resolver,
) -> PostResponse:
    """POST `body` to `url` under the policy; a 2xx answer, else a FetchError saying why.

    5xx, 429 and 408 answers, timeouts and connection failures are TemporaryFetchError (worth
    another try); other 4xx answers HttpStatusError; a 3xx is refused, not followed.
    """
    deadline = Deadline(policy.total_timeout)
    try:
        return _post(url, body, content_type, headers or {}, policy, deadline, resolver)
    except FetchError:
        raise
    except (httpcore.TimeoutException, TimeoutError):
        raise _timed_out(url, deadline, policy) from None
    except Exception as exc:  # a failure nobody foresaw still ends as a readable FetchError
        logger.exception("posting to %s failed unexpectedly", shown(url))
        raise FetchError(f"could not post to {shown(url)}: {type(exc).__name__}: {exc}") from None


def _timed_out(url: str, deadline: Deadline, policy: PostPolicy) -> TemporaryFetchError:
    if deadline.expired():
        return TemporaryFetchError(
            f"posting to {shown(url)} took longer than the limit of {policy.total_timeout:g} s"
        )
    return TemporaryFetchError(f"timed out posting to {shown(url)}")


def _post(
    url: str,
    body: bytes,
    content_type: str,
    extra_headers: Mapping[str, str],
    policy: PostPolicy,
    deadline: Deadline,
    resolver: Resolver,
) -> PostResponse:
    target = parse_url(url)
    backend = PinnedBackend(deadline)
    host = backend.pin_checked(target, allowed_hosts=policy.allowed_hosts, resolver=resolver)
    headers = {
        "User-Agent": policy.user_agent,
        "Content-Type": content_type,
        "Content-Length": str(len(body)),
        "Accept-Encoding": "identity",  # nothing to decode: the answer is read raw and bounded
        **extra_headers,
    }
    timeouts = request_timeouts(policy.connect_timeout, policy.read_timeout)
    try:
        with (
            httpcore.ConnectionPool(ssl_context=tls_context(), network_backend=backend) as pool,
            pool.stream(
                "POST",
                str(target),
                headers=list(headers.items()),
                content=body,
                extensions={"timeout": timeouts},
            ) as response,
        ):
            text = _bounded_text(response, policy, deadline)
            return _answer(str(target), response.status, text)
    except httpcore.TimeoutException:
        raise _timed_out(url, deadline, policy) from None
    except (httpcore.ConnectError, httpcore.NetworkError) as exc:
        raise TemporaryFetchError(f"could not connect to {host}: {exc}") from None
    except httpcore.ProtocolError as exc:
        raise FetchError(f"{shown(str(target))} answered with malformed HTTP: {exc}") from None


def _bounded_text(response: httpcore.Response, policy: PostPolicy, deadline: Deadline) -> str:
    """The start of the answer's body, reading no more than the limit (the rest stays unread)."""
    received = bytearray()
    for chunk in response.iter_stream():
        received += chunk
        if len(received) >= policy.max_response_bytes or deadline.expired():
            break
    return bytes(received[: policy.max_response_bytes]).decode("utf-8", errors="replace")


def _answer(url: str, status: int, text: str) -> PostResponse:
    if 200 <= status < 300:
        return PostResponse(url, status, text)
    quoted = " ".join(text.split())[:_QUOTED]
    said = f": {quoted!r}" if quoted else ""
    if status >= 500 or status in (408, 429):
        raise TemporaryFetchError(f"{shown(url)} answered {status}{said}", status=status)
    if 300 <= status < 400:
        raise FetchError(
            f"{shown(url)} answered {status} (a redirect); webhook deliveries do not follow"
            " redirects: give the final URL",
            status=status,
        )
    if status >= 400:
        raise HttpStatusError(f"{shown(url)} answered {status}{said}", status=status)
    raise FetchError(f"{shown(url)} answered {status}", status=status)
