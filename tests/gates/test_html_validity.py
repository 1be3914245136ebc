"""HTML gate: the Nu HTML checker (vnu.jar, pinned in tools/) finds no error on any public page.

Every key page and every page in the sitemap, rendered with the demo content, is checked in one
run of the checker (one Java start-up). Warnings are not errors and do not fail the gate.
"""
import json
import subprocess

import pytest

from .conftest import KEY_PAGES
from .test_static_manifest import sitemap_paths


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


def test_every_public_page_is_valid_html(client, demo_content, nu_checker, tmp_path):
    paths = sorted(set(KEY_PAGES) | set(sitemap_paths(client)) | {"/news/", "/questions/"})
    documents = {}
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        documents[path] = response.content.decode()
    assert len(documents) > len(KEY_PAGES)
    found = nu_errors(nu_checker, documents, tmp_path)
    assert found == {}, "\n".join(f"{path}: {error}" for path, errors in found.items() for error in errors)


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
