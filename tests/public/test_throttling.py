"""Rate limits that hold: no fresh quota from a forged header, none from concurrency."""

from __future__ import annotations

import itertools
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.test import Client, RequestFactory

from public.throttling import client_address, client_key
from tests.public.test_settings import _check

_addresses = itertools.count(10)


def _fresh_address() -> str:
    return f"198.51.100.{next(_addresses)}"


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_gets_no_fresh_quota(client: Client, settings: Any) -> None:
    settings.FACTCHECK_API_ANON_RATE = "3/minute"
    address = _fresh_address()
    codes = [
        client.get(
            "/api/v1/claims/", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(10)
    ]
    assert codes == [200] * 3 + [429] * 7


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "client"),
    [
        # No trusted proxy: the header is the client's to write, so it is not read.
        ((0, []), "198.51.100.1", "203.0.113.9", "198.51.100.1"),
        # One proxy in front: the entry it appended, whatever the client wrote before it.
        ((1, []), "10.0.0.2", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        ((2, []), "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.3", "203.0.113.9"),
        ((1, []), "10.0.0.2", "", "10.0.0.2"),
        # Proxies by address: the nearest address that is not one of theirs.
        ((0, ["10.0.0.0/8"]), "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        ((0, ["10.0.0.0/8"]), "198.51.100.1", "203.0.113.9", "198.51.100.1"),
        # What a trusted proxy passed on that is not an address is ignored.
        ((1, []), "10.0.0.2", "not-an-address", "10.0.0.2"),
    ],
)
def test_the_client_address_is_what_the_trusted_proxies_vouch_for(
    settings: Any, proxies: tuple[int, list[str]], remote: str, forwarded: str, client: str
) -> None:
    settings.FACTCHECK_TRUSTED_PROXY_COUNT, settings.FACTCHECK_TRUSTED_PROXY_NETWORKS = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_an_ipv6_client_is_counted_by_its_64_block() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::2")
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:198.51.100.4") == "198.51.100.4"


@pytest.mark.parametrize("value", ["1", "10.0.0.0/8,192.0.2.7", "0", ""])
def test_sensible_trusted_proxy_settings_are_accepted(value: str) -> None:
    assert _check(FACTCHECK_TRUSTED_PROXIES=value).returncode == 0


def test_a_nonsense_trusted_proxy_setting_stops_start_up_naming_it() -> None:
    result = _check(FACTCHECK_TRUSTED_PROXIES="the load balancer")
    assert result.returncode != 0
    assert "FACTCHECK_TRUSTED_PROXIES" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db(transaction=True)
def test_concurrent_clients_get_no_more_than_the_quota(live_server: Any, settings: Any) -> None:
    quota = 20
    settings.FACTCHECK_API_ANON_RATE = f"{quota}/hour"
    url = f"{live_server.url}/api/v1/claims/"
    codes: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(16)

    def client() -> None:
        start.wait()
        for _ in range(5):
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    code = response.status
            except urllib.error.HTTPError as error:
                code = error.code
            with lock:
                codes.append(code)

    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(codes) == 80
    assert set(codes) <= {200, 429}
    assert codes.count(200) == quota
