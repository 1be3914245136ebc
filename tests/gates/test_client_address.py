"""Rate limits count per visitor behind trusted proxies, and cannot be dodged by a forged header."""
import pytest
from django.test import RequestFactory

from kpp_portal.antispam import client_address, over_limit


def visitor(**meta):
    return RequestFactory().post("/feedback/", REMOTE_ADDR="10.0.0.2", **meta)


def test_without_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(visitor(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.2"


@pytest.mark.parametrize("hops, header, expected", [
    (1, "198.51.100.7", "198.51.100.7"),
    # The client wrote the first entry itself; nginx appended what it saw.
    (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
    # Load balancer appended the visitor, nginx appended the balancer.
    (2, "1.2.3.4, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
    # Fewer entries than proxies (a proxy that dropped the header): the connection counts.
    (2, "198.51.100.7", "10.0.0.2"),
    (1, "", "10.0.0.2"),
])
def test_behind_proxies_the_visitor_counts(settings, hops, header, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_address(visitor(HTTP_X_FORWARDED_FOR=header)) == expected


def test_one_visitor_over_the_limit_does_not_lock_out_another(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    first = visitor(HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert [over_limit(first, "test", 2, 60) for _ in range(3)] == [False, False, True]
    assert over_limit(visitor(HTTP_X_FORWARDED_FOR="198.51.100.8"), "test", 2, 60) is False
    # A forged left-most entry does not give the first visitor a fresh counter.
    assert over_limit(visitor(HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7"), "test", 2, 60) is True
