"""Release and record packages: the year's releases or records under a package head, streamed."""
import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .releases import BID_EXTENSION, YearExport, parse_ocid


def _head(export, uri, **extra):
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": timezone.now().replace(microsecond=0).isoformat(),
        "publisher": {"name": export.profile.name_th, "uri": export.profile.website},
        "publicationPolicy": settings.SITE_URL + reverse("procurement:open_data"),
        "license": "https://opendefinition.org/licenses/odc-by/",
        "extensions": [BID_EXTENSION],
        **extra,
    }


def _streamed(head, key, entries):
    """A package as JSON text pieces; its releases or records array is written one by one."""
    text = json.dumps(head, ensure_ascii=False)
    yield text[:-1] + f', "{key}": ['
    for number, entry in enumerate(entries):
        yield ("," if number else "") + json.dumps(entry, ensure_ascii=False)
    yield "]}"


def package_chunks(fiscal_year):
    """The year's release package."""
    export = YearExport(fiscal_year)
    uri = settings.SITE_URL + reverse("procurement:ocds", args=[fiscal_year])
    return _streamed(_head(export, uri), "releases", export.releases())


def record_package_chunks(fiscal_year):
    """The year's record package: every contracting process with its releases embedded."""
    export = YearExport(fiscal_year)
    uri = settings.SITE_URL + reverse("procurement:ocds_records", args=[fiscal_year])
    packages = [settings.SITE_URL + reverse("procurement:ocds", args=[fiscal_year])]
    return _streamed(_head(export, uri, packages=packages), "records", export.records())


def record_package(ocid_value):
    """The record package of one contracting process, or None when there is no such process."""
    parsed = parse_ocid(ocid_value)
    if parsed is None:
        return None
    fiscal_year, item_pk = parsed
    export = YearExport(fiscal_year, item_pk)
    records = list(export.records())
    if not records:
        return None
    uri = settings.SITE_URL + reverse("procurement:ocds_record", args=[ocid_value])
    packages = [settings.SITE_URL + reverse("procurement:ocds", args=[fiscal_year])]
    return {**_head(export, uri, packages=packages), "records": records}
