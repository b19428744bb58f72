"""The fetcher refuses internal addresses, bounds size and time, and reads what it may."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

import fetching
from fetching import FetchPolicy
from fetching.addresses import checked_address
from fetching.deadline import Deadline
from tests.conftest import LocalSite

LOCAL = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), read_timeout=2, total_timeout=5)


def test_it_fetches_an_allowed_local_page_with_its_validators(local_site: LocalSite) -> None:
    url = local_site.add(
        "/report",
        "<html><body><p>Trade reached $790 million in 2020.</p></body></html>",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 Apr 2026 10:00:00 GMT"},
    )
    document = fetching.fetch(url, policy=LOCAL)
    assert document.status == 200
    assert document.kind == "html"
    assert "$790 million" in document.text
    assert document.etag == '"v1"'
    assert fetching.last_modified_as_datetime(document.last_modified).year == 2026


def test_it_sends_validators_and_reports_not_modified(local_site: LocalSite) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        fresh = request.headers.get("If-None-Match") == '"v1"'
        request.send_response(304 if fresh else 200)
        request.send_header("Content-Length", "0")
        request.end_headers()

    local_site.routes["/cond"] = handler
    document = fetching.fetch(local_site.url("/cond"), policy=LOCAL, etag='"v1"')
    assert document.not_modified


def test_it_refuses_loopback_when_the_host_is_not_allowed(local_site: LocalSite) -> None:
    url = local_site.add("/page", "hello", content_type="text/plain")
    with pytest.raises(fetching.BlockedAddressError, match="loopback"):
        fetching.fetch(url, policy=FetchPolicy())
    assert local_site.hits.get("/page") is None


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:{port}/secret",
        "http://10.0.0.8/admin",
        "file:///etc/passwd",
    ],
)
def test_it_refuses_a_redirect_to_an_internal_address(local_site: LocalSite, target: str) -> None:
    port = local_site.server.server_address[1] if local_site.server else 0
    local_site.add("/moved", b"", status=302, headers={"Location": target.format(port=port)})
    with pytest.raises(fetching.BlockedAddressError):
        fetching.fetch(local_site.url("/moved"), policy=LOCAL)


def test_it_follows_a_few_redirects_but_not_a_loop(local_site: LocalSite) -> None:
    local_site.add("/a", b"", status=301, headers={"Location": "/b"})
    local_site.add("/b", "arrived", content_type="text/plain")
    assert fetching.fetch(local_site.url("/a"), policy=LOCAL).final_url.endswith("/b")
    local_site.add("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(fetching.FetchError, match="redirects"):
        fetching.fetch(local_site.url("/loop"), policy=LOCAL)


def test_it_cuts_off_a_huge_body_while_streaming_and_memory_stays_flat(
    local_site: LocalSite,
) -> None:
    chunk = b"x" * 65536

    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Connection", "close")
        request.end_headers()
        try:
            for _ in range(20 * 16):  # 20 MB, no Content-Length
                request.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    local_site.routes["/huge"] = endless
    policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), max_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(fetching.ResponseTooLargeError):
            fetching.fetch(local_site.url("/huge"), policy=policy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024


def test_it_refuses_a_declared_length_over_the_limit_without_reading_it(
    local_site: LocalSite,
) -> None:
    url = local_site.add("/big", b"y" * 4096, content_type="text/plain")
    policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), max_bytes=1024)
    with pytest.raises(fetching.ResponseTooLargeError, match="limit"):
        fetching.fetch(url, policy=policy)


def test_a_server_that_never_answers_times_out_as_temporary(local_site: LocalSite) -> None:
    released = threading.Event()
    held_to_the_end = threading.Event()

    def silent(request: BaseHTTPRequestHandler) -> None:
        # Silent until the test is done; the minute only ends a fetch that never gives up.
        if not released.wait(60):
            held_to_the_end.set()

    local_site.routes["/slow"] = silent
    policy = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), read_timeout=0.5)
    try:
        with pytest.raises(fetching.TemporaryFetchError, match="timed out") as error:
            fetching.fetch(local_site.url("/slow"), policy=policy)
        # The fetch gave up by itself, while the server was still holding the connection.
        assert not held_to_the_end.is_set()
    finally:
        released.set()
    assert error.value.temporary


@pytest.mark.parametrize(
    ("status", "error", "temporary"),
    [
        (500, fetching.TemporaryFetchError, True),
        (503, fetching.TemporaryFetchError, True),
        (404, fetching.HttpStatusError, False),
        (410, fetching.HttpStatusError, False),
    ],
)
def test_it_tells_temporary_failures_from_permanent_ones(
    local_site: LocalSite, status: int, error: type[fetching.FetchError], temporary: bool
) -> None:
    url = local_site.add("/status", "no", status=status)
    with pytest.raises(error) as raised:
        fetching.fetch(url, policy=LOCAL)
    assert raised.value.temporary is temporary
    assert raised.value.status == status


def test_it_refuses_types_the_verifiers_cannot_read(local_site: LocalSite) -> None:
    url = local_site.add("/img", b"\x89PNG...", content_type="image/png")
    with pytest.raises(fetching.UnsupportedContentError, match="image/png"):
        fetching.fetch(url, policy=LOCAL)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Zürich café".encode("latin-1"), "text/plain; charset=iso-8859-1", "Zürich café"),
        (
            b'<html><head><meta charset="windows-1252"></head><body>\x93quoted\x94</body></html>',
            "text/html",
            "\u201cquoted\u201d",
        ),
        ("naïve résumé".encode(), "text/plain", "naïve résumé"),
    ],
)
def test_it_decodes_declared_and_sniffed_charsets(
    local_site: LocalSite, body: bytes, content_type: str, expected: str
) -> None:
    url = local_site.add("/text", body, content_type=content_type)
    assert expected in fetching.fetch(url, policy=LOCAL).text


def test_it_sends_an_honest_user_agent(local_site: LocalSite) -> None:
    seen: dict[str, str] = {}

    def echo(request: BaseHTTPRequestHandler) -> None:
        seen["ua"] = request.headers.get("User-Agent", "")
        seen["host"] = request.headers.get("Host", "")
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", "2")
        request.end_headers()
        request.wfile.write(b"ok")

    local_site.routes["/ua"] = echo
    fetching.fetch(local_site.url("/ua"), policy=LOCAL)
    assert seen["ua"].startswith("factcheck/")
    assert seen["host"].startswith("127.0.0.1:")


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        (
            "HTTPS://Stats.Example.ORG:443/a?utm_source=x&id=3#top",
            "https://stats.example.org/a?id=3",
        ),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x?", "http://example.org:8080/x"),
    ],
)
def test_it_normalizes_urls_for_deduplication(raw: str, normalized: str) -> None:
    assert fetching.normalize_url(raw) == normalized


@pytest.mark.parametrize("bad", ["ftp://example.org/f", "javascript:alert(1)", "not a url"])
def test_it_refuses_urls_that_are_not_web_addresses(bad: str) -> None:
    with pytest.raises(fetching.BlockedAddressError):
        fetching.normalize_url(bad)


def test_a_public_address_passes_the_check_without_any_connection() -> None:
    address = checked_address(
        "news.example.org",
        443,
        allowed_hosts=frozenset(),
        resolver=lambda host, port: ["93.184.216.34"],
        deadline=Deadline(5),
    )
    assert address == "93.184.216.34"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("2002:7f00:1::", "loopback (it embeds 127.0.0.1)"),  # 6to4
        ("2002:a00:1::", "private (it embeds 10.0.0.1)"),
        ("2002:c0a8:101::1", "private (it embeds 192.168.1.1)"),
        ("64:ff9b::7f00:1", "reserved"),  # NAT64
        ("::127.0.0.1", "reserved"),  # IPv4-compatible
        ("::ffff:169.254.169.254", "private"),  # IPv4-mapped
        ("100.64.0.1", "not public"),  # carrier-grade NAT
        ("fe80::1%eth0", "private"),
    ],
)
def test_addresses_that_lead_to_internal_ones_are_refused(address: str, reason: str) -> None:
    assert fetching.address_refusal(address) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_pass(address: str) -> None:
    assert fetching.address_refusal(address) is None


def test_a_slow_name_lookup_ends_at_the_deadline() -> None:
    def stalling(host: str, port: int) -> list[str]:
        time.sleep(3)
        return ["93.184.216.34"]

    policy = FetchPolicy(total_timeout=0.5)
    with pytest.raises(fetching.TemporaryFetchError, match=r"resolving news\.example\.org"):
        fetching.fetch("http://news.example.org/", policy=policy, resolver=stalling)


@pytest.mark.parametrize(
    ("url", "error", "says"),
    [
        ("https://example.org/" + "a" * 2000, fetching.InvalidURLError, "at most 2,000"),
        ("http://example.org:99999/", fetching.InvalidURLError, "out of range"),
        ("http://example.org:port/", fetching.InvalidURLError, "not a valid URL"),
        ("http://[::1/", fetching.InvalidURLError, "not a valid URL"),
    ],
)
def test_urls_that_cannot_be_stored_or_fetched_are_refused_with_a_reason(
    url: str, error: type[fetching.FetchError], says: str
) -> None:
    with pytest.raises(error, match=says):
        fetching.normalize_url(url)
    with pytest.raises(error):
        fetching.fetch(url, policy=LOCAL)


def _served(local_site: LocalSite, body: bytes, **headers: str) -> str:
    content_type = headers.pop("content_type", "text/plain")
    return local_site.add(
        "/doc",
        body,
        content_type=content_type,
        headers={k.replace("_", "-"): v for k, v in headers.items()},
    )


def test_it_reads_several_gzip_members_and_raw_deflate(local_site: LocalSite) -> None:
    members = gzip.compress(b"first half, ") + gzip.compress(b"second half")
    url = _served(local_site, members, Content_Encoding="gzip")
    assert fetching.fetch(url, policy=LOCAL).text == "first half, second half"
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = raw.compress(b"raw deflate body") + raw.flush()
    url = _served(local_site, body, Content_Encoding="deflate")
    assert fetching.fetch(url, policy=LOCAL).text == "raw deflate body"


def test_an_encoding_it_cannot_decode_is_refused_by_name(local_site: LocalSite) -> None:
    url = _served(local_site, b"\x0b\x02\x80hello\x03", Content_Encoding="br")
    with pytest.raises(fetching.UnsupportedContentError, match="content encoding 'br'"):
        fetching.fetch(url, policy=LOCAL)


def test_a_corrupt_gzip_body_is_a_readable_error(local_site: LocalSite) -> None:
    url = _served(local_site, b"\x1f\x8bnot really gzip", Content_Encoding="gzip")
    with pytest.raises(fetching.UnsupportedContentError, match="not valid gzip data"):
        fetching.fetch(url, policy=LOCAL)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        # A byte-order mark wins over any declaration.
        ("\ufeffUTF-16 with a mark: £5".encode("utf-16-le"), "text/plain", "£5"),
        ("\ufeffUTF-8 with a mark: €5".encode(), "text/plain; charset=latin-1", "€5"),
        # A header that says UTF-16 about bytes without a single zero byte is wrong.
        ("plain ASCII and UTF-8: naïve".encode(), "text/plain; charset=utf-16", "naïve"),
        # A charset the codec registry does not know is passed over.
        ("still readable: é".encode(), "text/plain; charset=klingon", "é"),
    ],
)
def test_it_reads_byte_order_marks_and_passes_over_impossible_charsets(
    local_site: LocalSite, body: bytes, content_type: str, expected: str
) -> None:
    url = local_site.add("/text", body, content_type=content_type)
    assert expected in fetching.fetch(url, policy=LOCAL).text


def test_a_redirect_status_without_a_location_is_refused(local_site: LocalSite) -> None:
    url = local_site.add("/choices", b"pick one", status=300)
    with pytest.raises(fetching.FetchError, match="answered 300, not a page"):
        fetching.fetch(url, policy=LOCAL)
