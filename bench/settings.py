"""Production settings plus the bench-only URLs (/bench/…): never used by the portal itself.

The benchmarks serve the portal exactly as production does (same middleware, whitenoise,
PostgreSQL, cache) and add a few measuring points that must not exist in production URLs.
"""
from kpp_portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
