"""Production settings plus the bench-only URLs (/bench/…): never used by the portal itself.

The benchmarks serve the portal exactly as production does (same middleware, whitenoise,
PostgreSQL, cache) and add a few measuring points that must not exist in production URLs.
"""
from kpp_portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"

# bench.faults: BENCH_REFUSING_STORAGE=private (or default) makes that storage refuse files
# after BENCH_REFUSING_STORAGE_ACCEPTS of them, as a full disk would.
_refusing = env_str("BENCH_REFUSING_STORAGE")  # noqa: F405
if _refusing:
    STORAGES[_refusing] = {  # noqa: F405
        "BACKEND": "bench.storage.RefusingStorage",
        "OPTIONS": {
            **STORAGES[_refusing].get("OPTIONS", {}),  # noqa: F405
            "accept": env_int("BENCH_REFUSING_STORAGE_ACCEPTS", 0),  # noqa: F405
        },
    }
