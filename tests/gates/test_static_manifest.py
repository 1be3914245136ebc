"""Static files as production serves them: collected into a hashed manifest.

The other tests swap the manifest storage for plain static URLs, so a template naming a static
file that does not exist would pass them and fail in production (ValueError: missing manifest
entry, a 500 on every page using that template). Here every key page and every sitemap page is
rendered against a real manifest.
"""
import re

import pytest
from django.core.management import call_command

from .conftest import KEY_PAGES, sitemap_paths

MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def manifest_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_every_page_renders_with_the_collected_manifest(client, demo_content, manifest_static):
    paths = sorted(set(KEY_PAGES) | set(sitemap_paths(client)))
    assert len(paths) > len(KEY_PAGES)
    failures = []
    for path in paths:
        response = client.get(path, follow=True)
        if response.status_code != 200:
            failures.append(f"{path}: {response.status_code}")
    assert failures == []
    hashed = re.findall(r'/static/css/portal\.[0-9a-f]{12}\.css', client.get("/").content.decode())
    assert hashed, "pages link the hashed file names of the manifest"


def test_a_missing_static_file_fails_here(client, manifest_static):
    from django.templatetags.static import static

    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        static("css/no-such-file.css")
