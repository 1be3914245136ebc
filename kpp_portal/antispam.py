"""Rate limits and a honeypot, shared by every public form. No third-party CAPTCHA.

Counters live in Django's cache (Redis when CACHE_URL is set, so every app server sees
them). The client key is a keyed hash of the address that only lives as long as the
window: no address is ever written to the database or a log.
"""
import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


def client_address(request):
    """The visitor's address, as the last trusted proxy saw it.

    Behind a load balancer every request comes from the balancer's address: one shared
    counter would let one visitor lock everyone out of a form. Each trusted proxy appends the
    address it saw to X-Forwarded-For, so with TRUSTED_PROXY_HOPS proxies the visitor is the
    entry that many places from the right; anything further left was written by the client
    and could be forged to dodge the limit. Paths whose proxy drops the header (the
    anti-corruption channel, see the README) count per proxy address.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request, scope):
    address = client_address(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}|{address}".encode(), hashlib.sha256)
    return f"ratelimit:{scope}:{digest.hexdigest()[:32]}"


def over_limit(request, scope, limit, window_seconds):
    """Count one attempt; True once this client has made more than `limit` in the window."""
    key = client_key(request, scope)
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


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
