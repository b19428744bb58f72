"""The connection layer of a fetch: pinned to checked addresses and bound by one deadline.

httpcore does the HTTP; this network backend decides where its sockets go and how long each
wait may last. A connection goes to the very address that passed the address check (the URL
keeps the host name, so the Host header, TLS SNI and certificate checks are the real ones), and
no host that was not checked can be reached at all. Every connect, TLS handshake, write and read
waits at most until the fetch's deadline, so a server that drips a byte a second, in its headers
or its body, cannot hold a fetch past its total time.

Hand-written because no HTTP client we know enforces a total deadline below the per-read
timeout (httpx, httpcore and urllib3 all restart the read timeout on every byte received).
"""

from __future__ import annotations

import ssl
import typing
from collections.abc import Iterable

import httpcore
import httpx

from fetching.addresses import Resolver, checked_address
from fetching.deadline import Deadline

_ssl_context: ssl.SSLContext | None = None


def tls_context() -> ssl.SSLContext:
    """The TLS settings every fetch and post connects with (the system's CA bundle)."""
    global _ssl_context
    if _ssl_context is None:  # loading the CA bundle costs a few ms: once per process
        _ssl_context = httpcore.default_ssl_context()
    return _ssl_context


class DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.clamp(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        upgraded = self._stream.start_tls(
            ssl_context, server_hostname, self._deadline.clamp(timeout)
        )
        return DeadlineStream(upgraded, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects each host only to the address `pin` recorded for it, within the deadline."""

    def __init__(self, deadline: Deadline) -> None:
        self._deadline = deadline
        self._addresses: dict[str, str] = {}
        self._backend = httpcore.SyncBackend()

    def pin(self, host: str, address: str) -> None:
        self._addresses[host.lower().strip("[]")] = address

    def pin_checked(
        self, target: httpx.URL, *, allowed_hosts: frozenset[str], resolver: Resolver
    ) -> str:
        """Check the address `target`'s host resolves to and pin it (BlockedAddressError when it
        may not be reached); the host as the request names it, IDNA-encoded."""
        host = target.raw_host.decode("ascii")
        port = target.port or (443 if target.scheme == "https" else 80)
        address = checked_address(
            host, port, allowed_hosts=allowed_hosts, resolver=resolver, deadline=self._deadline
        )
        self.pin(host, address)
        return host

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        address = self._addresses.get(host.lower().strip("[]"))
        if address is None:  # never happens through fetch(); refuse rather than resolve again
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        stream = self._backend.connect_tcp(
            address, port, self._deadline.clamp(timeout), local_address, socket_options
        )
        return DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("fetches never use Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(min(seconds, max(self._deadline.remaining(), 0)))


def request_timeouts(connect: float, read: float) -> dict[str, float]:
    """httpcore's timeouts for one request: a write waits as long as a read, taking a pooled
    connection as long as a connect (the deadline bounds them all besides)."""
    return {"connect": connect, "read": read, "write": read, "pool": connect}


def header_values(response: httpcore.Response, name: str) -> list[str]:
    """Every value of one response header, however the server spelled its name."""
    wanted = name.encode("ascii")
    return [
        value.decode("latin-1")
        for key, value in response.headers
        if key.lower() == wanted  # httpcore keeps the server's spelling of header names
    ]


def header_value(response: httpcore.Response, name: str) -> str:
    """The first value of one response header, stripped; '' when absent."""
    values = header_values(response, name)
    return values[0].strip() if values else ""
