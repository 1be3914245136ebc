"""Rate limits and a honeypot, shared by every public form. No third-party CAPTCHA.

Every rate limit is one named row of LIMITS below; views ask `over_limit(request, name, form)`
and operators change a row with RATE_LIMIT_OVERRIDES (README, Configuration).

Who is counted. A visitor is their address as our own proxies saw it (`client_address`): the
connection's address without a proxy, else the entry TRUSTED_PROXY_HOPS places from the right
of X-Forwarded-For. An IPv6 visitor counts per /64, the block one line or phone gets whole.
Where the proxies pass no address on, as on the anti-corruption channel (its proxy strips it,
see deploy/nginx), the app counts nothing: a counter for "everyone behind the proxy" would
let one person use up every reporter's allowance. The proxy limits those requests per address
itself, in memory, without logging or forwarding the address (`limit_req`), as a flood guard
rather than an allowance, filing and following up apart, so that someone sending bad requests
cannot block the others behind the same address (deploy/nginx/kpp-portal.conf says why).

What is counted. Only a submission whose fields are valid uses up allowance, so a person who
sends an empty or mistyped form five times can still send the right one; it is counted before
its files are decoded or stripped (the expensive part, forms.CheapChecksFirst), so a flood of
big pictures is refused once its allowance is spent. A look-up counts every well-formed guess,
since guessing is what it limits. A visitor who has already used the whole allowance is
refused before the form does any work; a submission then takes its unit with one atomic
increment, so concurrent requests cannot overshoot. Nothing is global: there is no allowance
that anyone can use up for everyone. Two limits count the thing guessed instead of the guesser
(limit_reached/count_against), so a guess spread over many addresses is bounded too: wrong
codes for one E-Service reference, wrong passwords for one staff account. Each can be used up
by strangers for that one reference or account, for one window; the staff login lets an
officer's own browser past it (complaints/login_throttle.py).

Where counters live. In the "limits" cache (RATE_LIMIT_CACHE_URL), a Redis that never evicts,
apart from the page cache, so a flood of pages cannot push a counter out. A counter's name is
an HMAC of the limit's name and the address under a random key of the day that lives only in
the database (RateLimitKey; the previous day's is deleted when the next is made): a copy of
Redis, even with SECRET_KEY, cannot be matched to addresses by trying all of IPv4. A counter
lasts one window; no address is ever stored. Allowances start afresh when the key changes at
midnight.

Not used, and why: a per-session token limits nothing (a script drops cookies for free), and a
proof of work costs an honest old phone more than an attacker's computer and needs JavaScript.
"""
import hashlib
import hmac
import ipaddress
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HOUR = 60 * 60


class RateLimit(NamedTuple):
    limit: int  # allowance per visitor…
    window: int  # …per this many seconds


LIMITS = {
    "complaint-submit": RateLimit(5, HOUR),  # corruption reports filed
    "complaint-reply": RateLimit(20, HOUR),  # a reporter's messages on the follow-up page
    "complaint-track": RateLimit(10, 15 * 60),  # receipt look-ups: each typed code is a guess
    "opinion": RateLimit(5, HOUR),  # opinions on a consultation
    "feedback": RateLimit(5, HOUR),  # messages to the general channel
    "feedback-lookup": RateLimit(20, HOUR),  # general-channel follow-ups (reference and code)
    "qa": RateLimit(5, HOUR),  # questions to the Q&A board
    "procurement-hearing": RateLimit(5, HOUR),  # comments on a draft TOR
    "service-submit": RateLimit(5, HOUR),  # E-Service requests filed
    "alerts-subscribe": RateLimit(10, HOUR),  # e-mail alert subscriptions (each mails a link)
    "service-lookup": RateLimit(20, 15 * 60),  # E-Service follow-ups (reference and code)
    # Counted per thing guessed, from every address together (limit_reached/count_against):
    "service-lookup-reference": RateLimit(10, HOUR),  # wrong codes typed for one reference
    "staff-login-account": RateLimit(20, HOUR),  # wrong passwords for one account (login_throttle.py)
}


def rate(name):
    """The limit `name`, as RATE_LIMIT_OVERRIDES changes it."""
    override = settings.RATE_LIMIT_OVERRIDES.get(name)
    return RateLimit(*override) if override else LIMITS[name]


def client_address(request):
    """The visitor's address as our last trusted proxy saw it (an IPv6 /64), or "" if unknown.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so with
    TRUSTED_PROXY_HOPS proxies the visitor is the entry that many places from the right;
    anything further left was written by the client and could be forged. Fewer entries than
    proxies means a proxy did not pass the address on (on purpose, for the anti-corruption
    channel): then there is none, never the proxy's own address shared by everyone.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        raw = forwarded[-hops] if len(forwarded) >= hops else ""
    else:
        raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:  # empty, a unix socket, or a proxy's "unknown": no visitor to tell apart
        return ""
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


_day_keys = {}  # this process's copy of today's key: {date: bytes}


def _key_of_the_day():
    from .models import RateLimitKey

    today = timezone.localdate()
    key = _day_keys.get(today)
    if key is None:
        key = RateLimitKey.for_day(today)
        _day_keys.clear()
        _day_keys[today] = key
    return key


def counter_key(request, name):
    """The cache key counting `name` for this visitor, or None when the visitor is unknown."""
    address = client_address(request)
    return _key(name, address) if address else None


def _key(name, subject):
    digest = hmac.new(_key_of_the_day(), f"{name}|{subject}".encode(), hashlib.sha256)
    return f"ratelimit:{name}:{digest.hexdigest()[:32]}"


def _count(key, limit):
    """One more under key (atomic); the new count."""
    counters = caches["limits"]
    counters.add(key, 0, limit.window)
    try:
        return counters.incr(key)
    except ValueError:  # expired between add and incr
        counters.set(key, 1, limit.window)
        return 1


def over_limit(request, name, form=None):
    """True when this request must be refused under the limit `name` (answer 429).

    With a form, the request is counted only if the form passes its cheap checks (the fields,
    the one-time token), and then before any expensive one (decoding pictures, stripping files:
    forms.CheapChecksFirst); without one, every call counts (a look-up). A visitor with no known
    address is never refused here.
    """
    key = counter_key(request, name)
    if key is None:
        return False
    limit = rate(name)
    if (caches["limits"].get(key) or 0) >= limit.limit:
        return True
    cheap_checks_pass = getattr(form, "cheap_checks_pass", None) or getattr(form, "is_valid", None)
    if form is not None and not cheap_checks_pass():
        return False
    return _count(key, limit) > limit.limit


def limit_reached(name, subject):
    """True when `subject` (a reference, an account: what is guessed, not who guesses) has used
    the allowance of `name`, counted from every address together by count_against()."""
    return (caches["limits"].get(_key(name, subject)) or 0) >= rate(name).limit


def count_against(name, subject):
    _count(_key(name, subject), rate(name))


class HoneypotForm(forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard) but form-filling bots do."""

    website = forms.CharField(
        label=_("เว้นช่องนี้ว่างไว้"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("ไม่สามารถส่งข้อมูลได้"))
        return ""
