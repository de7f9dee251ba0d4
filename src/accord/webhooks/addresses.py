"""Where a webhook may be sent: the URL's host resolved once, and every address it resolves to
checked before anything connects (no Django here: the callers pass the development switch).

Refused unless the development switch is on: private, loopback, link-local, multicast, reserved,
unspecified and other non-global addresses, IPv4 and IPv6 alike, including IPv4 addresses carried
inside IPv6 ones (IPv4-mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64 ``64:ff9b::/96``). Plain
``http://`` is refused too: receivers are reached over HTTPS. The connection is then made to the
address checked here, so a second DNS answer cannot point it elsewhere (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from accord.domain.errors import AccordError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class TargetRefused(AccordError):
    """A webhook URL that may not be used; ``code`` says why (see :data:`REFUSAL_CODES`)."""

    code = "webhook-target-refused"

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code, code=code)
        self.detail = detail


#: Why a URL is refused: the codes :class:`TargetRefused` carries.
REFUSAL_CODES = (
    "scheme",  # not https (or http with the development switch)
    "credentials",  # user:password@ in the URL
    "host",  # no host, or a bad port
    "unresolvable",  # the name resolves to nothing
    "unspecified",
    "loopback",
    "link-local",
    "multicast",
    "private",
    "reserved",
    "not-global",
)


@dataclass(frozen=True, slots=True)
class Target:
    """A URL resolved and checked: connect to ``address``, say ``host`` (Host header, TLS name)."""

    scheme: str
    host: str
    port: int
    address: str
    path: str

    @property
    def host_header(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return name if self.port == default else f"{name}:{self.port}"


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: IPAddress) -> str | None:
    """Why ``address`` is no place to send a webhook (a code of :data:`REFUSAL_CODES`), or None
    for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            # ::ffff:a.b.c.d is the IPv4 address itself, as a dual-stack socket reaches it.
            return address_refusal(address.ipv4_mapped)
        embedded = _embedded_ipv4(address)
        if embedded is not None and (reason := address_refusal(embedded)) is not None:
            return reason
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not-global", not address.is_global),
    )
    return next((code for code, refused in checks if refused), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself), in the
    resolver's order. Raises :class:`TargetRefused` ("unresolvable") when there is none."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise TargetRefused("unresolvable", host) from error
    addresses = list(
        dict.fromkeys(ipaddress.ip_address(str(answer[4][0]).split("%")[0]) for answer in answers)
    )
    if not addresses:
        raise TargetRefused("unresolvable", host)
    return addresses


def split_url(url: str, *, allow_private: bool) -> tuple[str, str, int, str]:
    """The scheme, host, port and path (with its query) of a webhook URL, or :class:`TargetRefused`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise TargetRefused("host", url) from error
    allowed = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed:
        raise TargetRefused("scheme", parts.scheme)
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("credentials")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise TargetRefused("host", url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def target_for(url: str, *, allow_private: bool) -> Target:
    """Resolve ``url``'s host once and check every address it gave; the target connects to the
    first. Raises :class:`TargetRefused` with the reason."""
    scheme, host, port, path = split_url(url, allow_private=allow_private)
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            if (reason := address_refusal(address)) is not None:
                raise TargetRefused(reason, str(address))
    return Target(scheme=scheme, host=host, port=port, address=str(addresses[0]), path=path)
