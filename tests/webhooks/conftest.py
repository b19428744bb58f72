"""A local webhook receiver that checks each delivery's signature as a real receiver would."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.claims.conftest import chief, editor, other_chief, other_editor
from tests.conftest import loopback_server, loopback_stop
from webhooks.signing import SignatureError, signature_verify

__all__ = ["chief", "editor", "other_chief", "other_editor"]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    refusal: str

    @property
    def document(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each POST with the next of `answers` (200 once they run out), after checking
    its signature with `secret`; a bad signature or stale timestamp is answered 401."""

    secret: str = ""
    answers: list[int] = field(default_factory=list)
    redirect_to: str = ""
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook") -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for request in self.received if request.path == path)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            refusal = ""
            try:
                signature_verify(
                    secret=receiver.secret,
                    body=body,
                    timestamp=self.headers.get("X-Factcheck-Timestamp", ""),
                    signature=self.headers.get("X-Factcheck-Signature", ""),
                )
            except SignatureError as exc:
                refusal = str(exc)
            with receiver.lock:
                receiver.received.append(
                    Received(self.path, dict(self.headers.items()), body, not refusal, refusal)
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
            if refusal:
                status = 401
            reply = f"status {status}".encode()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", receiver.redirect_to or "/elsewhere")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    return Handler


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    site = Receiver()
    site.server = loopback_server(_handler(site))
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        yield site
    finally:
        loopback_stop(site.server)
