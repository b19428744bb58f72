"""A hostile server on loopback, and what each of its tricks costs the fetching process.

Each fetch runs in a process of its own (tests/sources/fetch_probe.py), as in a worker child,
so the memory measured is the whole process's peak: a decompression bomb must stay far below
the 100 MB it is allowed above the start, a server that drips bytes or stalls its redirects must
not hold the fetch past its total timeout, and every trick must end in a FetchError that says
what happened. How long a fetch was held is not asserted in seconds (a loaded machine makes any
bound flaky): the server side counts what the fetch let it do before hanging up, far less than
the trick needs to finish (the fault found held fetches for minutes). The probe still prints
the seconds, for -s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.conftest import REPO, LocalSite

TOTAL = 2.0
MEMORY_LIMIT_MB = 100
DRIP_BYTES = 1000  # at one byte each 0.2 s: 200 s to send, a hundred times the fetch's total
GIB = 1 << 30


def _gzip(data_chunks: Any, *, wbits: int = 31) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join(compressor.compress(chunk) for chunk in data_chunks) + compressor.flush()


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    zeros = (bytes(1 << 20) for _ in range(GIB >> 20))
    gzipped = _gzip(zeros)
    return {
        "gzip": gzipped,  # about 1 MB that inflates to 1 GiB
        "gzip, gzip": _gzip([gzipped]),  # about 2 KB that inflates to 1 GiB in two steps
        "deflate": _gzip((bytes(1 << 20) for _ in range(GIB >> 20)), wbits=15),
    }


def _send(request: BaseHTTPRequestHandler, data: bytes) -> bool:
    try:
        request.wfile.write(data)
        request.wfile.flush()
    except (BrokenPipeError, ConnectionResetError):
        return False
    return True


def _drip(
    request: BaseHTTPRequestHandler, data: bytes, sent: list[int], *, every: float = 0.2
) -> None:
    """Send `data` a byte at a time until the client hangs up; count the bytes it took."""
    ends = time.monotonic() + 60  # only ends a fetch that never hangs up
    for byte in data:
        if time.monotonic() > ends or not _send(request, bytes([byte])):
            return
        sent[0] += 1
        time.sleep(every)


def _encoded(body: bytes, *encoding_headers: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
        head += "".join(f"Content-Encoding: {value}\r\n" for value in encoding_headers)
        head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        _send(request, head.encode("ascii") + body)

    return handler


def _header_drip(sent: list[int]) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        _send(request, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
        _drip(request, b"X-Slow: " + b"a" * DRIP_BYTES + b"\r\n\r\n", sent)

    return handler


def _body_drip(sent: list[int]) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {DRIP_BYTES}"
        _send(request, head.encode() + b"\r\n\r\n")
        _drip(request, b"b" * DRIP_BYTES, sent)

    return handler


def _slow_redirect(hop: int, hops: list[int]) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        hops.append(hop)
        time.sleep(1.0)
        target = f"/slow/{hop + 1}" if hop < 5 else "/warm"
        _send(
            request,
            f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n".encode(),
        )

    return handler


def _redirect_to(location: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        head = f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
        _send(request, head.encode("latin-1"))

    return handler


def _probe(site: LocalSite, path: str, **options: object) -> dict[str, Any]:
    warm = site.add("/warm", "warm", content_type="text/plain")
    command = [sys.executable, "-m", "tests.sources.fetch_probe", site.url(path), "--warm-up", warm]
    command += ["--total", str(options.get("total", TOTAL))]
    finished = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    report: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    print(path, report)  # the figures, for -s
    assert report["peak_growth_mb"] < MEMORY_LIMIT_MB, report
    return report


@pytest.mark.parametrize(
    ("encoding_headers", "bomb"),
    [
        (["gzip, gzip"], "gzip, gzip"),  # stacked in one header
        (["gzip", "gzip"], "gzip, gzip"),  # the same, as two header lines
        (["gzip"], "gzip"),
        (["deflate"], "deflate"),
    ],
)
def test_a_decompression_bomb_is_cut_off_at_the_size_limit_with_memory_flat(
    local_site: LocalSite, bombs: dict[str, bytes], encoding_headers: list[str], bomb: str
) -> None:
    local_site.routes["/bomb"] = _encoded(bombs[bomb], *encoding_headers)
    report = _probe(local_site, "/bomb", total=60)
    assert report["error"] == "ResponseTooLargeError", report
    assert f"once its {bomb} encoding is undone" in report["message"]


@pytest.mark.parametrize(
    ("path", "dripping"),
    [("/drip-headers", _header_drip), ("/drip-body", _body_drip)],
)
def test_a_server_that_drips_bytes_cannot_hold_the_fetch_past_its_total_timeout(
    local_site: LocalSite,
    path: str,
    dripping: Callable[[list[int]], Callable[[BaseHTTPRequestHandler], None]],
) -> None:
    sent = [0]
    local_site.routes[path] = dripping(sent)
    report = _probe(local_site, path)
    assert report["error"] == "TemporaryFetchError", report
    assert f"took longer than the limit of {TOTAL:g} s" in report["message"]
    # It hung up after some bytes (about TOTAL / 0.2 s), not the whole drip nor the minute.
    assert 0 < sent[0] < DRIP_BYTES // 4, (sent, report)


def test_a_chain_of_slow_redirects_is_stopped_at_the_total_timeout(local_site: LocalSite) -> None:
    hops: list[int] = []
    for hop in range(6):
        local_site.routes[f"/slow/{hop}"] = _slow_redirect(hop, hops)
    report = _probe(local_site, "/slow/0", total=2.5)
    assert report["error"] == "TemporaryFetchError", report
    assert "took longer than the limit of 2.5 s" in report["message"]
    # Each hop holds the fetch for a second: it gave up on the way, not at the chain's end.
    assert hops, report
    assert 5 not in hops, (hops, report)


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("http://127.0.0.1:99999/next", "port 99999 is out of range"),
        ("http://127.0.0.1:http/next", "invalid URL (Invalid port"),
        ("http://127.0.0.1:0/next", "port 0 is out of range"),
        ("/" + "x" * 65536, "65,537 characters long"),
        ("gopher://127.0.0.1/next", "scheme 'gopher' is not allowed"),
    ],
)
def test_a_hostile_redirect_ends_in_a_readable_fetch_error(
    local_site: LocalSite, location: str, says: str
) -> None:
    local_site.routes["/moved"] = _redirect_to(location)
    report = _probe(local_site, "/moved")
    assert report["error"] in {"InvalidURLError", "BlockedAddressError"}, report
    assert says in report["message"], report
    assert len(report["message"]) < 400  # a 64 KB URL is not repeated back whole


def test_a_utf8_page_that_declares_utf16_in_its_meta_tag_is_read_as_utf8(
    local_site: LocalSite,
) -> None:
    page = '<html><head><meta charset="utf-16"></head><body><p>Café prices rose 4%.</p></body>'
    local_site.add("/wrong-charset", page.encode("utf-8"), content_type="text/html")
    report = _probe(local_site, "/wrong-charset")
    assert report["error"] is None, report
    assert "Café prices rose 4%." in report["text"]
