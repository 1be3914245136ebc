"""HTML gate: the Nu HTML checker (vnu.jar, pinned in tools/) finds no error on any public page.

Every public page (PublicPages: the key pages and one page of every other kind) in Thai and in
English, and every page in the sitemap, rendered with the demo content, is checked in one run of
the checker (one Java start-up). Warnings are not errors and do not fail the gate. The same
pages' HTML also names every scrollable table region apart.
"""
import json
import re
import subprocess
from collections import Counter

import pytest

from .conftest import KEY_PAGES, NOT_PAGES, PublicPages, route_of, sitemap_paths


def nu_errors(nu_checker, documents, tmp_path):
    """{name: [error, …]} for each {name: html} the checker finds fault with."""
    files = {}
    for index, (name, html) in enumerate(documents.items()):
        files[name] = tmp_path / f"page-{index}.html"
        files[name].write_text(html, encoding="utf-8")
    run = subprocess.run(
        [*nu_checker, "--format", "json", "--exit-zero-always", *map(str, files.values())],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    by_file = {f"file:{path}": name for name, path in files.items()}
    found = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            name = by_file.get(message.get("url"), message.get("url", "?"))
            where = f"line {message.get('lastLine', '?')}"
            found.setdefault(name, []).append(f"{where}: {message['message']} {message.get('extract', '')!r}")
    return found


def test_every_public_page_is_valid_html(client, demo, nu_checker, tmp_path):
    public = PublicPages(client).paths
    documents = {}
    for language, paths in (("th", sorted(set(public) | set(sitemap_paths(client)))), ("en", public)):
        client.cookies["django_language"] = language
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, f"{path} ({language}) answered {response.status_code}"
            assert response["Content-Language"] == language, path
            documents[f"{path} ({language})"] = response.content.decode()
    found = nu_errors(nu_checker, documents, tmp_path)
    assert found == {}, "\n".join(f"{path}: {error}" for path, errors in found.items() for error in errors)


def test_every_public_url_pattern_has_a_page_in_the_gates(client, demo):
    # A new kind of page is checked by every gate without a list to update, once the sitemap
    # lists it or a public page links to it; else it fails here until it does (or NOT_PAGES says
    # why it is no page).
    public = PublicPages(client)
    print(f"{len(public.paths)} pages:", *public.paths, f"{len(public.files)} files:", *public.files,
          sep="\n")
    assert public.missing == set(NOT_PAGES)
    assert {"procurement/hearing/<int:pk>/", "services/register/<str:reference>/",
            "about/<slug:kind>/versions/<int:pk>/"} <= {route_of(path) for path in public.paths}


def test_scrollable_regions_have_distinct_names_on_every_page(client, demo):
    # axe's landmark-unique, on every key and sitemap page (the browser gate sees one page of
    # each kind): a screen reader lists regions by name, so two alike cannot be told apart.
    problems = []
    for path in sorted(set(KEY_PAGES) | set(sitemap_paths(client))):
        html = client.get(path, follow=True).content.decode()
        names = Counter(
            re.search(r'aria-label(?:ledby)?="([^"]*)"', tag).group(0) if "aria-label" in tag else "(no name)"
            for tag in re.findall(r'<[a-z]+[^>]*role="region"[^>]*>', html)
        )
        problems += [f"{path}: {count} regions named {name}" for name, count in names.items() if count > 1]
    assert problems == []


def test_gate_catches_invalid_html(nu_checker, tmp_path):
    # The gate must be able to fail: microseconds in a datetime and a stray end tag are errors.
    head = '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>t</title></head>'
    broken = head + (
        '<body><time datetime="2026-11-29T10:00:00.123456+07:00">29 พ.ย. 2569</time></span></body></html>'
    )
    valid = head + "<body></body></html>"
    found = nu_errors(nu_checker, {"broken": broken, "valid": valid}, tmp_path)
    assert set(found) == {"broken"}
    assert len(found["broken"]) == 2, found


def test_a_missing_tool_fails_the_gate_in_ci_and_skips_it_elsewhere(monkeypatch):
    import tests.conftest as shared

    monkeypatch.setattr(shared, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="must run in CI"):
        shared.require("vnu.jar is missing")
    monkeypatch.setattr(shared, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        shared.require("vnu.jar is missing")
    shared.require(None)  # the tool is there: nothing happens
