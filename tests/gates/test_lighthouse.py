"""Lighthouse gate: accessibility, best practices and SEO each score at least 0.95 on every public
page (PublicPages: the key pages and one page of every other kind) as a 360 px phone, on the key
pages as a 1280 px desktop too, and on the key pages in English (the language cookie the switch
sets), against the live server. (Every page at 1280 px is in the axe gate already.)

Lighthouse (pinned in tools/) runs in Node over a list of pages with one Chromium per process
(tools/lighthouse_gate.mjs); the pages are shared between LIGHTHOUSE_WORKERS processes (2: the CI
machine has two cores). A run resolves and gathers only what the three categories' scores need
(no performance category, no CPU benchmark, no screenshot or trace), in one tab for all runs:
about 2.5 s of a worker's time, where Lighthouse's defaults took 4 to 5 s. Chromium resolves no
host but the live server's, and the gate checks that no request left it: an audit never depends
on the network.
"""
import json
import os
import subprocess
import time
import urllib.parse
from collections import Counter

import pytest

from tests.conftest import CHROMIUM

from .conftest import KEY_PAGES, PublicPages

MINIMUM = 0.95
CATEGORIES = ("accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
WIDTHS = {"mobile": 360, "desktop": 1280}
POOR_PAGE = "/test/poor-page"


def lighthouse(command, pages, workers):
    """Every result of tools/lighthouse_gate.mjs over `pages` ([(url, cookie, presets)]), split
    between `workers` processes."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    runs = [
        subprocess.Popen([*command, *(argument for url, cookie, presets in pages[start::workers]
                                      for argument in (f"--cookie={cookie}", f"--presets={','.join(presets)}",
                                                       url))],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for start in range(min(workers, len(pages)))
    ]
    results = []
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, f"lighthouse failed:\n{err[-3000:]}"
        results += json.loads(out)["results"]
    return results


@pytest.fixture
def poor_page_urls(settings):
    settings.ROOT_URLCONF = "tests.gates.urls"


@pytest.mark.browser
@pytest.mark.long
def test_every_public_page_scores_at_least_95(lighthouse_node, client, live_server, demo_content,
                                              poor_page_urls, settings):
    english = f"{settings.LANGUAGE_COOKIE_NAME}=en"
    pages = [*((path, "", "th", PRESETS if path in KEY_PAGES else ("mobile",))
               for path in PublicPages(client).paths),
             *((path, english, "en", ("mobile",)) for path in KEY_PAGES), (POOR_PAGE, "", None, PRESETS)]
    started = time.monotonic()
    results = lighthouse(lighthouse_node,
                         [(live_server.url + path, cookie, presets) for path, cookie, _, presets in pages],
                         int(os.environ.get("LIGHTHOUSE_WORKERS", "2")))
    seconds = time.monotonic() - started
    expected = Counter((live_server.url + path, preset, WIDTHS[preset], lang)
                       for path, _, lang, presets in pages for preset in presets)
    assert Counter((result["url"], result["preset"], result["width"], result["lang"]) for result in results) \
        == expected
    own_host = urllib.parse.urlsplit(live_server.url).netloc
    problems, lowest = [], dict.fromkeys(CATEGORIES, 1.0)
    for result in results:
        path, scores = result["url"].removeprefix(live_server.url), result["scores"]
        preset = f"{result['preset']} ({result['lang']})"
        print(f"{path} {preset}: " + " ".join(f"{name} {scores[name]}" for name in CATEGORIES)
              + f" ({result['seconds']:.1f} s)")
        elsewhere = [url for url in result["requested"] if url.startswith(("http:", "https:"))
                     and urllib.parse.urlsplit(url).netloc != own_host]
        if path == POOR_PAGE:
            # The gate must be able to fail: the poor page is below the bar in every category,
            # and its image from another host is seen (and never fetched: no host resolves).
            assert all((scores[name] or 0) < MINIMUM for name in CATEGORIES), result
            assert elsewhere == ["http://tracker.example/pixel.png"], result["requested"]
            continue
        if elsewhere:
            problems.append(f"{path} {preset}: requested another host: {elsewhere}")
        if result["runtimeError"]:
            problems.append(f"{path} {preset}: {result['runtimeError']}")
        for name in CATEGORIES:
            lowest[name] = min(lowest[name], scores[name] or 0)
        if any((scores[name] or 0) < MINIMUM for name in CATEGORIES):
            problems.append(f"{path} {preset}: {scores} — " + "; ".join(result["failing"]))
    print(f"lighthouse: {len(results)} runs in {seconds:.0f} s; lowest scores {lowest}")
    assert problems == [], "\n".join(problems)
