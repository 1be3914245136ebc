"""Rate limits count per visitor behind trusted proxies, cannot be dodged by a forged header, and
never fall back to a counter shared by everyone behind a proxy."""
import pytest
from django.test import RequestFactory

from kpp_portal.antispam import client_address, over_limit

pytestmark = pytest.mark.django_db


def visitor(**meta):
    return RequestFactory().post("/feedback/", REMOTE_ADDR=meta.pop("REMOTE_ADDR", "10.0.0.2"), **meta)


def test_without_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(visitor(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.2"


@pytest.mark.parametrize("hops, header, expected", [
    (1, "198.51.100.7", "198.51.100.7"),
    # The client wrote the first entry itself; nginx appended what it saw.
    (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
    # Load balancer appended the visitor, nginx appended the balancer.
    (2, "1.2.3.4, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
    # Fewer entries than proxies: a proxy passed no address on (the anti-corruption channel).
    # Nobody is known, rather than everyone counted as the proxy.
    (2, "198.51.100.7", ""),
    (1, "", ""),
    # A proxy that writes something other than an address tells no visitors apart either.
    (1, "unknown", ""),
])
def test_behind_proxies_the_visitor_counts(settings, hops, header, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_address(visitor(HTTP_X_FORWARDED_FOR=header)) == expected


@pytest.mark.parametrize("address, expected", [
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),  # the same line, another address: the same visitor
    ("::ffff:198.51.100.7", "198.51.100.7"),
])
def test_an_ipv6_visitor_is_their_64_block(settings, address, expected):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(visitor(REMOTE_ADDR=address)) == expected


def test_one_visitor_over_the_limit_does_not_lock_out_another(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.RATE_LIMIT_OVERRIDES = {"feedback-lookup": (2, 60)}
    first = visitor(HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert [over_limit(first, "feedback-lookup") for _ in range(3)] == [False, False, True]
    assert over_limit(visitor(HTTP_X_FORWARDED_FOR="198.51.100.8"), "feedback-lookup") is False
    # A forged left-most entry does not give the first visitor a fresh counter.
    assert over_limit(visitor(HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7"), "feedback-lookup") is True
