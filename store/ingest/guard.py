"""Where a web fetch may connect, and for how long: the SSRF check and the overall deadline.

Both live in the connection layer (an ``httpcore`` network backend), so they hold for every hop:
the URL asked for, each redirect, each feed entry. The host is resolved once, every address it
resolves to is checked, and the connection is made to the checked address (TLS still verifies the
host name), so a name cannot be re-resolved to somewhere else in between.

A fetch may not reach an address that is not public: loopback, private, link-local (cloud
metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved or unspecified. The one
exception is an origin (host and port) the operator named on the command line with
``--allow-private``: that origin, and only it, may be private.

Every request also gets an overall deadline: each socket read and write waits at most the time
left, so a server trickling a byte every few seconds is cut off at the deadline, not never.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import typing

import httpcore
import httpx

# Why an address is refused, first match wins; an address none of these name but that is still not
# globally routable is refused as "not public".
ADDRESS_CLASSES: tuple[tuple[str, str], ...] = (
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local (cloud metadata lives here)"),
    ("is_private", "private"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_unspecified", "unspecified"),
)


class BlockedAddress(httpcore.ConnectError):
    """The host resolves to an address a fetch may not reach; the message says which and why."""


class OverallDeadline(httpcore.ReadTimeout):
    """The request ran past its overall deadline."""


def address_problem(address: str) -> str | None:
    """None when ``address`` is a public address, else what kind of address it is.

    >>> address_problem("169.254.169.254")
    'link-local (cloud metadata lives here)'
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attribute, label in ADDRESS_CLASSES:
        if getattr(ip, attribute):
            return label
    return None if ip.is_global else "not public"


class Guard:
    """The policy one fetching client runs under: allowed private origins and the current deadline."""

    def __init__(self, *, deadline_seconds: float, allowed_origins: typing.Iterable[tuple[str, int]] = ()):
        self.deadline_seconds = deadline_seconds
        self.allowed_origins = {(host.lower(), port) for host, port in allowed_origins}
        self.deadline: float | None = None  # time.monotonic() the current request must end by

    def allow(self, host: str, port: int) -> None:
        """Let ``host:port`` be private from now on (an origin the operator vouched for)."""
        self.allowed_origins.add((host.lower(), port))

    def start(self) -> None:
        """A new request: its deadline runs from now."""
        self.deadline = time.monotonic() + self.deadline_seconds

    def left(self, timeout: float | None) -> float | None:
        if self.deadline is None:
            return timeout
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise OverallDeadline(f"no answer within the {self.deadline_seconds:g} s deadline")
        return remaining if timeout is None else min(timeout, remaining)

    def address_for(self, host: str, port: int, timeout: float | None) -> str:
        """The address to connect to for ``host``; raises BlockedAddress when it may not be reached."""
        self.left(timeout)
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error.strerror or error}") from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        if (host.lower(), port) in self.allowed_origins:
            return addresses[0]
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise BlockedAddress(
                    f"refused: {host} is a {problem} address ({address}); only a URL given on the "
                    "command line with --allow-private may be"
                )
        return addresses[0]


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, guard: Guard) -> None:
        self.inner, self.guard = inner, guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.guard.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.guard.left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        upgraded = self.inner.start_tls(ssl_context, server_hostname, self.guard.left(timeout))
        return _DeadlineStream(upgraded, self.guard)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self.guard.address_for(host, port, timeout)
        stream = super().connect_tcp(address, port, self.guard.left(timeout), local_address, socket_options)
        return _DeadlineStream(stream, self.guard)

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> httpcore.NetworkStream:
        raise BlockedAddress("refused: fetches never use unix sockets")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, connecting through the guard (no proxies: they would bypass the check)."""

    def __init__(self, guard: Guard) -> None:
        super().__init__(retries=0)
        self._pool._network_backend = _GuardedBackend(guard)
