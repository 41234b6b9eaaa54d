"""The address check itself: which resolved addresses sitrep may connect to.

Private ranges are tested here, on the policy, never by connecting to them.
"""

from __future__ import annotations

import ipaddress

import pytest

from sitrep.sources.address import AddressPolicy, AddressRefused, address_kind

REFUSED_BY_DEFAULT = {
    "10.0.0.1": "private", "10.255.255.254": "private",
    "172.16.0.1": "private", "172.31.255.254": "private",
    "192.168.1.1": "private",
    "127.0.0.1": "loopback", "127.8.9.10": "loopback", "::1": "loopback",
    "169.254.169.254": "link-local", "fe80::1": "link-local",
    "fc00::1": "private", "fd12:3456::1": "private",
    "224.0.0.1": "multicast", "239.255.255.250": "multicast", "ff02::1": "multicast",
    "0.0.0.0": "unspecified", "::": "unspecified",
    "::ffff:10.1.2.3": "private", "::ffff:127.0.0.1": "loopback",
}


@pytest.mark.parametrize(("address", "kind"), sorted(REFUSED_BY_DEFAULT.items()))
def test_non_public_addresses_are_refused_by_default(address: str, kind: str) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind
    why = AddressPolicy().refusal(ipaddress.ip_address(address))
    assert why is not None and why.startswith(kind)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "172.32.0.1", "11.0.0.1",
                                     "2606:4700::1111", "192.169.0.1"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert AddressPolicy().refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("address", ["10.0.0.1", "172.20.1.1", "192.168.0.10", "127.0.0.1",
                                     "169.254.1.1", "fd00::5"])
def test_allow_private_opens_the_intranet_ranges(address: str) -> None:
    assert AddressPolicy(allow_private=True).refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("address", ["224.0.0.1", "ff02::1", "0.0.0.0"])
def test_allow_private_never_opens_multicast_or_unspecified(address: str) -> None:
    assert AddressPolicy(allow_private=True).refusal(ipaddress.ip_address(address)) is not None


def test_a_name_is_refused_when_any_of_its_addresses_is_private() -> None:
    policy = AddressPolicy()
    assert str(policy.vet("news.example", ["93.184.216.34"])) == "93.184.216.34"
    with pytest.raises(AddressRefused, match="news.example: refused .* private address 10.0.0.7"):
        policy.vet("news.example", ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(AddressRefused, match="resolves to no address"):
        policy.vet("news.example", [])


def test_an_allowed_network_opens_only_itself() -> None:
    policy = AddressPolicy(allowed_networks=(ipaddress.ip_network("10.20.0.0/16"),))
    assert policy.refusal(ipaddress.ip_address("10.20.3.4")) is None
    assert policy.refusal(ipaddress.ip_address("10.21.3.4")) is not None
