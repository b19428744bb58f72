"""fetching.post keeps the fetcher's guarantees, and the signature helper is strict."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

import fetching
from fetching import PostPolicy
from tests.conftest import loopback_server, loopback_stop
from webhooks.signing import SignatureError, signature_of, signature_verify

LOCAL = PostPolicy(allowed_hosts=frozenset({"127.0.0.1"}), total_timeout=5.0)


class Server:
    def __init__(self, answer: Any) -> None:
        self.bodies: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                outer.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
                answer(self)

        self.server = loopback_server(Handler)

    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        loopback_stop(self.server)


@pytest.fixture
def serve() -> Iterator[Any]:
    started: list[Server] = []

    def start(answer: Any) -> Server:
        started.append(Server(answer))
        return started[-1]

    yield start
    for server in started:
        server.close()


def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def test_it_posts_the_body_and_headers(serve: Any) -> None:
    server = serve(lambda h: _reply(h, 202, b"thanks"))
    response = fetching.post(
        server.url(),
        body=b'{"a":1}',
        content_type="application/json",
        headers={"X-Test": "yes"},
        policy=LOCAL,
    )
    assert (response.status, response.text) == (202, "thanks")
    assert server.bodies == [b'{"a":1}']


def test_it_reads_no_more_of_the_answer_than_the_limit(serve: Any) -> None:
    huge = b"x" * (8 * 1024 * 1024)
    server = serve(lambda h: _reply(h, 200, huge))
    policy = PostPolicy(allowed_hosts=LOCAL.allowed_hosts, max_response_bytes=1000)
    response = fetching.post(
        server.url(), body=b"{}", content_type="application/json", policy=policy
    )
    assert response.status == 200
    assert len(response.text) == 1000


def test_a_loopback_receiver_is_refused_unless_allowed(serve: Any) -> None:
    server = serve(lambda h: _reply(h, 200, b""))
    with pytest.raises(fetching.BlockedAddressError, match="loopback"):
        fetching.post(
            server.url(), body=b"{}", content_type="application/json", policy=PostPolicy()
        )
    assert server.bodies == []


def test_a_redirect_is_refused_not_followed(serve: Any) -> None:
    server = serve(lambda h: _reply(h, 302, b"", Location="http://169.254.169.254/"))
    with pytest.raises(fetching.FetchError, match="do not follow redirects") as caught:
        fetching.post(server.url(), body=b"{}", content_type="application/json", policy=LOCAL)
    assert caught.value.status == 302
    assert not caught.value.temporary


@pytest.mark.parametrize(("status", "temporary"), [(500, True), (429, True), (404, False)])
def test_error_answers_say_whether_a_retry_may_help(
    serve: Any, status: int, temporary: bool
) -> None:
    server = serve(lambda h: _reply(h, status, b"  busy\n  try later  "))
    with pytest.raises(fetching.FetchError) as caught:
        fetching.post(server.url(), body=b"{}", content_type="application/json", policy=LOCAL)
    assert caught.value.temporary is temporary
    assert caught.value.status == status
    assert f"answered {status}: 'busy try later'" in str(caught.value)


def test_a_refused_connection_is_temporary() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(fetching.TemporaryFetchError, match="could not connect"):
        fetching.post(
            f"http://127.0.0.1:{port}/hook",
            body=b"{}",
            content_type="application/json",
            policy=LOCAL,
        )


def test_a_receiver_that_never_answers_ends_at_the_deadline(serve: Any) -> None:
    release = threading.Event()

    def stall(handler: BaseHTTPRequestHandler) -> None:
        release.wait(10)

    server = serve(stall)
    policy = PostPolicy(allowed_hosts=LOCAL.allowed_hosts, read_timeout=1.0, total_timeout=1.0)
    try:
        with pytest.raises(fetching.TemporaryFetchError, match=r"limit of 1 s|timed out"):
            fetching.post(server.url(), body=b"{}", content_type="application/json", policy=policy)
    finally:
        release.set()


def test_the_signature_verifies_and_refuses_tampering_and_stale_timestamps() -> None:
    now = time.time()
    stamp = str(int(now))
    body = b'{"event":"claim.published"}'
    good = signature_of(secret="whsec_k", timestamp=stamp, body=body)
    assert good.startswith("sha256=")
    assert len(good) == len("sha256=") + 64
    signature_verify(secret="whsec_k", body=body, timestamp=stamp, signature=good, now=now)
    with pytest.raises(SignatureError, match="does not match"):
        signature_verify(
            secret="whsec_k", body=body + b" ", timestamp=stamp, signature=good, now=now
        )
    with pytest.raises(SignatureError, match="does not match"):
        signature_verify(secret="whsec_other", body=body, timestamp=stamp, signature=good, now=now)
    with pytest.raises(SignatureError, match="does not match"):  # a fresh stamp on an old body
        signature_verify(
            secret="whsec_k", body=body, timestamp=str(int(now) + 1), signature=good, now=now
        )
    with pytest.raises(SignatureError, match="from now"):
        signature_verify(
            secret="whsec_k", body=body, timestamp=stamp, signature=good, now=now + 301
        )
    with pytest.raises(SignatureError, match="whole number"):
        signature_verify(secret="whsec_k", body=body, timestamp="", signature=good, now=now)
    with pytest.raises(SignatureError, match="does not match"):
        signature_verify(
            secret="whsec_k", body=body, timestamp=stamp, signature="sha256=é", now=now
        )
