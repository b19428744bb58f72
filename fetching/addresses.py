"""Which addresses a fetch may connect to, and name resolution that keeps to the deadline."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from fetching.deadline import Deadline
from fetching.errors import BlockedAddressError, TemporaryFetchError

Resolver = Callable[[str, int], Iterable[str]]

# getaddrinfo has no timeout of its own; a lookup runs here so the fetch can stop waiting for it
# at the deadline (the lookup itself ends when the system resolver gives up).
_LOOKUPS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="fetch-resolve")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TemporaryFetchError(f"cannot resolve {host}: {exc.strerror}") from None
    except UnicodeError:
        raise BlockedAddressError(f"{host!r} is not a valid host name") from None
    return sorted({str(info[4][0]) for info in infos})


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address leads to: mapped, compatible, 6to4, NAT64, Teredo."""
    embedded: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped:
        embedded.append(ip.ipv4_mapped)
    if ip.sixtofour:
        embedded.append(ip.sixtofour)
    if ip.teredo:
        embedded.extend(ip.teredo)
    if ip in _IPV4_COMPATIBLE or any(ip in net for net in _NAT64):
        embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return embedded


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
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


def address_refusal(address: str) -> str | None:
    """Why the address may not be fetched from, or None when it is a public address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    reason = _refusal(ip)
    if reason or not isinstance(ip, ipaddress.IPv6Address):
        return reason
    for inner in _embedded_ipv4(ip):
        inner_reason = _refusal(inner)
        if inner_reason:
            return f"{inner_reason} (it embeds {inner})"
    return None


def checked_address(
    host: str,
    port: int,
    *,
    allowed_hosts: frozenset[str],
    resolver: Resolver,
    deadline: Deadline,
) -> str:
    """The address to connect to for `host`, or BlockedAddressError; every address must pass."""
    host = host.lower().strip("[]")
    future = _LOOKUPS.submit(lambda: list(resolver(host, port)))
    try:
        addresses = future.result(timeout=max(deadline.remaining(), 0.001))
    except FutureTimeout:
        future.cancel()
        raise TemporaryFetchError(
            f"resolving {host} took longer than the fetch's {deadline.total:g} s"
        ) from None
    if not addresses:
        raise TemporaryFetchError(f"{host} has no address")
    if host in allowed_hosts:
        return addresses[0]
    for address in addresses:
        reason = address_refusal(address)
        if reason:
            raise BlockedAddressError(f"{host} resolves to a {reason} address ({address}): refused")
    return addresses[0]
