"""Which addresses sitrep may connect to: public ones only, unless told otherwise.

A feed or a redirect can point anywhere, including at the machine sitrep runs on or at the
newsroom's internal services (server-side request forgery). Every address a host name
resolves to is checked before a connection is opened; ``allow_private`` opens loopback,
private and link-local ranges for a newsroom's intranet, never multicast or unspecified ones.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.errors import BadInputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(BadInputError):
    """A URL whose host resolves to an address sitrep must not connect to."""


def address_kind(ip: IPAddress) -> str | None:
    """What makes ``ip`` non-public ("loopback", "private", ...), or None for a public one.

    IPv4 addresses written as IPv6 (``::ffff:10.0.0.1``, 6to4, NAT64 are not unwrapped by
    every resolver) are judged by the IPv4 address they carry.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return address_kind(inner)
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:  # shared address space (100.64/10), documentation ranges ...
        return "non-public"
    return None


# what --allow-private opens: the ranges an intranet lives in
_OPENED_BY_ALLOW_PRIVATE = frozenset({"loopback", "link-local", "private", "non-public"})


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, plus whatever the user opened on purpose."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = field(default=())

    def refusal(self, ip: IPAddress) -> str | None:
        """Why a connection to ``ip`` is refused, or None when it is allowed."""
        kind = address_kind(ip)
        if kind is None:
            return None
        if any(ip in network for network in self.allowed_networks):
            return None
        if self.allow_private and kind in _OPENED_BY_ALLOW_PRIVATE:
            return None
        hint = " (--allow-private opens it)" if kind in _OPENED_BY_ALLOW_PRIVATE else ""
        return f"{kind} address {ip}{hint}"

    def vet(self, host: str, addresses: Iterable[str | IPAddress]) -> IPAddress:
        """The address to connect to for ``host``; AddressRefused if any of them is refused.

        All addresses are checked, not just the first: a host that resolves to one public and
        one private address could otherwise be steered to the private one on a retry.
        """
        parsed = [ipaddress.ip_address(a) if isinstance(a, str) else a for a in addresses]
        if not parsed:
            raise AddressRefused(f"{host}: the name resolves to no address")
        for ip in parsed:
            why = self.refusal(ip)
            if why is not None:
                raise AddressRefused(f"{host}: refused to connect to a {why}")
        return parsed[0]
