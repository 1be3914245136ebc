"""The OCDS export validates against the official 1.1.5 schema, streams, and stays at constant queries.

The schema is read from OCDS_SCHEMA_DIR (not shipped with the project). Missing: skipped with a
message locally, a failure in CI.
"""
import datetime
import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from procurement import ocds
from procurement.models import AnnouncementKind, ContractProgress, TenderItem
from tests.conftest import require

RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
SCHEMA_DIR = Path(os.environ.get("OCDS_SCHEMA_DIR", settings.BASE_DIR.parent / "shared/ocds/1.1.5"))


@pytest.fixture(autouse=True)
def _ocid_prefix(settings):
    """The municipality's registered prefix (OCDS is published only once there is one)."""
    settings.OCDS_OCID_PREFIX = "ocds-test01-kppmu"


@pytest.fixture(scope="module")
def package_validator():
    schema_dir = SCHEMA_DIR
    require(None if (schema_dir / "release-package-schema.json").exists() else
            f"OCDS schema not found in {schema_dir} (set OCDS_SCHEMA_DIR to the 1.1.5 schema folder)")
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    package = json.loads((schema_dir / "release-package-schema.json").read_text(encoding="utf-8"))
    release = json.loads((schema_dir / "release-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(RELEASE_SCHEMA_URL, Resource.from_contents(release, DRAFT4))
    return Draft4Validator(package, registry=registry)


def _export(client, fiscal_year=2569):
    response = client.get(reverse("procurement:ocds", args=[fiscal_year]))
    assert response.status_code == 200 and response.streaming
    return json.loads(b"".join(response.streaming_content))


def _year(make):
    """Plan items by every method, one unawarded project with a draft TOR, one cancelled, awards."""
    make.item(title="รายการที่ยังไม่เริ่ม")
    make.awarded()
    make.awarded(amounts=("450000.50",), reference="480000.00", method="specific", budget="480000.00")
    pending = make.project(method="selection")
    make.announce(pending, AnnouncementKind.DRAFT_TOR, day=datetime.date(2025, 11, 1),
                  hearing_opens_on=datetime.date(2025, 11, 1), hearing_closes_on=datetime.date(2025, 11, 5))
    cancelled = make.project(method="e_market")
    make.announce(cancelled, AnnouncementKind.CANCELLATION, day=datetime.date(2025, 11, 20))


def test_package_validates_against_ocds_1_1_5(client, make, package_validator, settings):
    settings.OCDS_OCID_PREFIX = "ocds-test01-kppmu"
    _year(make)
    package = _export(client)
    errors = sorted(package_validator.iter_errors(package), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    tags = [release["tag"] for release in package["releases"]]
    assert tags.count(["planning"]) == 5
    assert tags.count(["tender"]) == 4
    assert tags.count(["award", "contract"]) == 2
    assert all(release["ocid"].startswith("ocds-test01-kppmu-2569-") for release in package["releases"])
    awarded = next(r for r in package["releases"] if r["tag"] == ["award", "contract"] and
                   r["awards"][0]["value"]["amount"] == 450000.5)
    assert awarded["contracts"][0]["value"]["currency"] == "THB"
    statuses = {r["tender"]["status"] for r in package["releases"] if r["tag"] == ["tender"]}
    assert statuses == {"complete", "active", "cancelled"}

    def empty_arrays(value, path=""):
        if isinstance(value, dict):
            return [found for key, item in value.items() for found in empty_arrays(item, f"{path}/{key}")]
        if isinstance(value, list):
            return [path] if not value else [found for item in value for found in empty_arrays(item, path)]
        return []

    # A tender without bids or documents leaves those lists out rather than publishing [].
    assert empty_arrays(package) == []
    assert any("tenderers" not in r["tender"] for r in package["releases"] if r["tag"] == ["tender"])


TAX_ID = "0105536000003"  # thirteen digits with a valid check digit


def _contract_in_motion(make):
    """An awarded works contract with items, a bid deadline, a tax id, progress, inspection and payments."""
    award = make.awarded(amounts=("900000.00", "950000.00"), contract_date=datetime.date(2025, 12, 5))
    project = award.project
    project.category, project.bids_close_on = "works", datetime.date(2025, 11, 30)
    project.save()
    TenderItem.objects.create(project=project, description="ถนนคอนกรีตเสริมเหล็ก", quantity="1200",
                              unit="ตารางเมตร")
    award.winning_bid.bidder_tax_id = TAX_ID
    award.winning_bid.full_clean()
    award.winning_bid.save()
    award.contract_end = datetime.date(2026, 4, 30)
    award.save()
    stage = ContractProgress.Stage
    for day, step, extra in ((datetime.date(2026, 1, 15), stage.IN_PROGRESS, {"percent": 40}),
                             (datetime.date(2026, 3, 1), stage.PAID,
                              {"amount": "400000.00", "description": "งวดที่ 1"}),
                             (datetime.date(2026, 4, 25), stage.DELIVERED, {}),
                             (datetime.date(2026, 4, 28), stage.INSPECTED, {}),
                             (datetime.date(2026, 5, 10), stage.PAID,
                              {"amount": "500000.00", "description": "งวดที่ 2"})):
        ContractProgress.objects.create(award=award, date=day, stage=step, **extra)
    return award


def test_contracts_carry_their_implementation_and_still_validate(client, make, package_validator):
    _year(make)
    award = _contract_in_motion(make)
    package = _export(client)
    errors = sorted(package_validator.iter_errors(package), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert package["extensions"][0].endswith("ocds_bid_extension/v1.1.5/extension.json")
    egp = award.project.egp_number
    tender = next(r for r in package["releases"] if r["id"].endswith(f"tender-{egp}"))
    assert tender["tender"]["mainProcurementCategory"] == "works"
    assert tender["tender"]["tenderPeriod"] == {"startDate": "2025-11-15T00:00:00+07:00",
                                                "endDate": "2025-11-30T00:00:00+07:00"}
    line = tender["tender"]["items"][0]
    assert line["quantity"] == 1200 and line["unit"]["name"] == "ตารางเมตร"
    assert [detail["status"] for detail in tender["bids"]["details"]] == ["valid", "valid"]
    winner = next(party for party in tender["parties"] if party.get("identifier"))
    assert winner["id"] == f"TH-TIN-{TAX_ID}" and winner["identifier"] == {
        "scheme": "TH-TIN", "id": TAX_ID, "legalName": "บริษัท ก จำกัด"}
    assert not any(party["id"].startswith("bidder-") for r in package["releases"] for party in r["parties"])
    implementation = next(r for r in package["releases"] if r["tag"] == ["implementation"])
    contract = implementation["contracts"][0]
    assert contract["period"] == {"startDate": "2025-12-05T00:00:00+07:00",
                                  "endDate": "2026-04-30T00:00:00+07:00"}
    assert contract["status"] == "terminated"  # paid in full
    milestones = contract["implementation"]["milestones"]
    assert [(m["type"], m["status"]) for m in milestones] == [
        ("delivery", "partiallyMet"), ("payment", "met"), ("delivery", "met"), ("assessment", "met"),
        ("payment", "met")]
    assert milestones[0]["description"] == "ความคืบหน้าร้อยละ 40"
    transactions = contract["implementation"]["transactions"]
    assert [t["value"]["amount"] for t in transactions] == [400000.0, 500000.0]
    assert transactions[0]["payee"]["id"] == f"TH-TIN-{TAX_ID}" and transactions[0]["payer"]["id"] == "buyer"
    assert implementation["date"] == "2026-05-10T00:00:00+07:00"


def test_the_buyer_is_named_by_the_municipalitys_tax_id_once_staff_enter_it(client, make, package_validator):
    from django.core.exceptions import ValidationError

    from kpp_portal.models import MunicipalityProfile

    _year(make)
    _contract_in_motion(make)
    profile = MunicipalityProfile.current()
    profile.tax_id = "0994000162340"  # a typo in the check digit
    with pytest.raises(ValidationError):
        profile.full_clean()
    profile.tax_id = "0994000162341"
    profile.full_clean()
    profile.save()
    package = _export(client)
    errors = sorted(package_validator.iter_errors(package), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    buyer_id = "TH-TIN-0994000162341"
    for release in package["releases"]:
        assert release["buyer"] == {"id": buyer_id, "name": profile.name_th}
        buyer = next(party for party in release["parties"] if "buyer" in party["roles"])
        assert buyer["id"] == buyer_id and buyer["identifier"]["scheme"] == "TH-TIN"
    payers = [t["payer"]["id"] for r in package["releases"] for c in r.get("contracts", [])
              for t in c.get("implementation", {}).get("transactions", [])]
    assert payers and set(payers) == {buyer_id}


def test_codes_come_from_the_ocds_codelists(client, make, package_validator):
    """Open codelists are not enforced by the schema: check the codes we emit against the files."""
    import csv

    _year(make)
    _contract_in_motion(make)
    package = _export(client)
    codelist_dir = SCHEMA_DIR / "codelists"

    def codes(name):
        with open(codelist_dir / name, encoding="utf-8") as handle:
            return {row["Code"] for row in csv.DictReader(handle)}

    releases = package["releases"]
    assert {tag for r in releases for tag in r["tag"]} <= codes("releaseTag.csv")
    assert {m["type"] for r in releases for c in r.get("contracts", []) for m in
            c.get("implementation", {}).get("milestones", [])} <= codes("milestoneType.csv")
    assert {r["tender"].get("mainProcurementCategory") for r in releases if "tender" in r} - {None} <= \
        codes("procurementCategory.csv")
    assert {role for r in releases for p in r["parties"] for role in p["roles"]} <= codes("partyRole.csv")
    assert {c["status"] for r in releases for c in r.get("contracts", [])} <= codes("contractStatus.csv")


def test_validator_catches_a_broken_release(client, make, package_validator):
    """The schema check can fail: a release without its ocid is refused."""
    _year(make)
    package = _export(client)
    del package["releases"][0]["ocid"]
    package["releases"][1]["tender"]["value"]["amount"] = "ten baht"
    assert len(list(package_validator.iter_errors(package))) >= 2


def test_year_without_items_has_no_package(client, make):
    """The schema asks for at least one release, so an empty plan has no package (404)."""
    make.plan()
    assert client.get(reverse("procurement:ocds", args=[2569])).status_code == 404


def test_unpublished_year_is_404(client, make):
    make.plan(fiscal_year=2570, published=None)
    assert client.get(reverse("procurement:ocds", args=[2570])).status_code == 404


@pytest.mark.parametrize("size", [2, 25])
def test_export_queries_do_not_grow(client, make, size, django_assert_max_num_queries):
    for _n in range(size):
        award = make.awarded()
        TenderItem.objects.create(project=award.project, description="รายการ", quantity=1, unit="ชุด")
        ContractProgress.objects.create(award=award, date=datetime.date(2026, 1, 5), stage="in_progress",
                                        percent=10)
        make.item()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("procurement:ocds", args=[2569]))
        releases = json.loads(b"".join(response.streaming_content))["releases"]
    assert len(releases) == size * 5
    with django_assert_max_num_queries(12):
        response = client.get(reverse("procurement:ocds_records", args=[2569]))
        records = json.loads(b"".join(response.streaming_content))["records"]
    assert len(records) == size * 2


def test_without_a_registered_prefix_no_ocds_is_published_and_the_check_says_so(client, make, settings):
    from django.core.checks import run_checks

    _year(make)
    settings.OCDS_OCID_PREFIX = ""
    assert client.get(reverse("procurement:ocds", args=[2569])).status_code == 404
    package_url = reverse("procurement:ocds", args=[2569])
    page = client.get(reverse("procurement:open_data")).content.decode()
    assert "ยังไม่ได้ลงทะเบียนรหัสนำหน้า ocid" in page and package_url not in page
    assert package_url not in client.get(reverse("procurement:index")).content.decode()
    assert "procurement.W001" in [message.id for message in run_checks()]
    settings.OCDS_OCID_PREFIX = "ocds-test01"
    assert "procurement.W001" not in [message.id for message in run_checks()]
    assert client.get(reverse("procurement:ocds", args=[2569])).status_code == 200


OFFLINE_DIR = SCHEMA_DIR.parent / "offline"
STANDARD_ZIP = OFFLINE_DIR / "standard-1__1__5.zip"
BID_EXTENSION_ZIP = OFFLINE_DIR / "ocds_bid_extension-v1.1.5.zip"
# Where libcoveocds looks for the bids extension: its files one by one, or the repository archive.
BID_EXTENSION_FILES = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/"
BID_EXTENSION_ARCHIVE = "https://github.com/open-contracting-extensions/ocds_bid_extension/archive/v1.1.5.zip"
STANDARD_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5/"


def _offline_adapter():
    """A requests transport: the bids extension's URLs answered from its zip, the standard's schema
    files (a record package's versioned release) from the standard's zip, every other URL refused."""
    import zipfile

    import requests

    archive = BID_EXTENSION_ZIP.read_bytes()
    files = {f"{BID_EXTENSION_FILES}{name.partition('/')[2]}": (BID_EXTENSION_ZIP, name)
             for name in zipfile.ZipFile(BID_EXTENSION_ZIP).namelist()}
    files.update({f"{STANDARD_SCHEMA}{name.partition('/schema/')[2]}": (STANDARD_ZIP, name)
                  for name in zipfile.ZipFile(STANDARD_ZIP).namelist() if "/schema/" in name})

    class Offline(requests.adapters.BaseAdapter):
        def send(self, request, **kwargs):
            url = request.url
            if url == BID_EXTENSION_ARCHIVE:
                content = archive
            elif url in files:
                path, name = files[url]
                with zipfile.ZipFile(path) as bundle:
                    content = bundle.read(name)
            elif url.startswith((BID_EXTENSION_FILES, STANDARD_SCHEMA)):
                content = None
            else:
                raise requests.ConnectionError(f"no network in tests: {url}")
            response = requests.Response()
            response.status_code, response.reason = (200, "OK") if content is not None else (404, "Not Found")
            response.url, response.request = url, request
            response.raw = io.BytesIO(content or b"")
            response._content = content or b""
            return response

        def close(self):
            pass

    return Offline()


@pytest.fixture(scope="module")
def data_review(tmp_path_factory):
    """libcoveocds (the Data Review Tool's library) over a package, offline; its result, API form."""
    require(None if STANDARD_ZIP.exists() and BID_EXTENSION_ZIP.exists() else
            f"OCDS offline files not found in {OFFLINE_DIR} (set OCDS_SCHEMA_DIR to the 1.1.5 schema folder)")
    import requests
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig
    from ocdsextensionregistry import util

    adapter = _offline_adapter()
    output_dir = tmp_path_factory.mktemp("data-review")  # where it writes the extended schema

    def review(package):
        config = LibCoveOCDSConfig()
        config.config["context"] = "api"
        config.config["standard_zip"] = f"file://{STANDARD_ZIP}"
        return ocds_json_output(str(output_dir), json_data=package, lib_cove_ocds_config=config)

    with pytest.MonkeyPatch.context() as patch:
        # Every session goes through it (jsonref's loader calls requests.get).
        patch.setattr(requests.adapters.HTTPAdapter, "send", lambda _self, req, **_kw: adapter.send(req))
        offline = requests.Session()
        offline.mount("https://", adapter)
        offline.mount("http://", adapter)
        patch.setattr(util, "session", offline)
        patch.setattr("ocdsextensionregistry.extension_version.session", offline)
        yield review


def assert_reviewed_clean(result):
    """What the Data Review Tool shows its users: no schema error, no additional field, no quality warning."""
    assert result["validation_errors"] == [], result["validation_errors"][:5]
    assert result["additional_fields"] == [], result["additional_fields"]
    assert result["additional_checks"] == {}, result["additional_checks"]
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_open_codelist_values"] == {}
    assert result["deprecated_fields"] == [] and "json_deref_error" not in result
    assert result["extensions"]["invalid_extensions"] == []
    assert [extension["url"] for extension in result["extensions"]["extensions"]] == [ocds.BID_EXTENSION]


def test_the_data_review_tool_finds_nothing_to_fix_in_a_year(client, make, data_review):
    _year(make)
    _contract_in_motion(make)
    package = _export(client)
    assert {tag for release in package["releases"] for tag in release["tag"]} == {
        "planning", "tender", "award", "contract", "implementation"}
    assert_reviewed_clean(data_review(package))


def test_the_data_review_tool_finds_nothing_to_fix_in_any_package_of_the_demo(client, demo, data_review):
    import re

    page = client.get(reverse("procurement:open_data")).content.decode()
    links = re.findall(r'href="([^"]+\.json)"', page)
    assert len(links) >= 2
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert_reviewed_clean(data_review(json.loads(b"".join(response.streaming_content))))


def test_the_data_review_tool_reports_what_it_finds(client, make, data_review):
    """The review can fail: an unknown field, a broken value and an empty list are all reported."""
    _year(make)
    package = _export(client)
    tender = next(release for release in package["releases"] if release["tag"] == ["tender"])
    tender["tender"]["colour"] = "red"
    tender["tender"]["value"]["amount"] = "ten baht"
    tender["tender"]["documents"] = []
    package["extensions"].append("https://example.org/extension.json")  # refused: no network in tests
    result = data_review(package)
    assert [error["field"] for error in result["validation_errors"]] == ["releases/tender/value/amount"]
    assert [field["field"] for field in result["additional_fields"]] == ["colour"]
    assert result["additional_checks"]["empty_field"]
    assert [url for url, _message in result["extensions"]["invalid_extensions"]] == [
        "https://example.org/extension.json"]


@pytest.fixture(scope="module")
def record_validator():
    """The record package schema of the standard 1.1.5, with the release schemas it refers to."""
    import zipfile

    require(None if STANDARD_ZIP.exists() else f"OCDS offline files not found in {OFFLINE_DIR}")
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    with zipfile.ZipFile(STANDARD_ZIP) as bundle:
        def schema(name):
            return json.loads(bundle.read(f"standard-1__1__5/schema/{name}"))

        package = schema("record-package-schema.json")
        registry = Registry().with_resources(
            (f"https://standard.open-contracting.org/schema/1__1__5/{name}",
             Resource.from_contents(schema(name), DRAFT4))
            for name in ("release-schema.json", "versioned-release-validation-schema.json"))
    return Draft4Validator(package, registry=registry)


def _json(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


def test_each_process_has_its_record_package_at_its_own_address(client, make, record_validator, data_review):
    """Releases in date order, and the compiled release as the reference implementation merges them."""
    import ocdsmerge

    _year(make)
    award = _contract_in_motion(make)
    releases = _export(client)["releases"]
    merger = ocdsmerge.Merger(json.loads((SCHEMA_DIR / "release-schema.json").read_text(encoding="utf-8")))
    ocids = sorted({release["ocid"] for release in releases})
    assert len(ocids) == 6
    for ocid in ocids:
        package = _json(client.get(reverse("procurement:ocds_record", args=[ocid])))
        errors = list(record_validator.iter_errors(package))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        assert_reviewed_clean(data_review(package))
        assert package["uri"].endswith(f"/open-data/ocds/{ocid}.json")
        assert package["packages"][0].endswith("/open-data/ocds-2569.json")
        [record] = package["records"]
        own = sorted((r for r in releases if r["ocid"] == ocid), key=lambda r: r["date"])
        assert record["ocid"] == ocid and record["releases"] == own
        assert record["compiledRelease"] == merger.create_compiled_release(own)
    # The contract in motion: the compiled release carries the tender, the award and the payments.
    ocid = ocds.ocid(award.project.plan_item)
    record = _json(client.get(reverse("procurement:ocds_record", args=[ocid])))["records"][0]
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"] and compiled["date"] == "2026-05-10T00:00:00+07:00"
    assert compiled["tender"]["id"] == award.project.egp_number and compiled["tender"]["status"] == "complete"
    assert compiled["planning"]["budget"]["amount"]["amount"] == 1000000.0
    assert [t["value"]["amount"] for t in compiled["contracts"][0]["implementation"]["transactions"]] == [
        400000.0, 500000.0]


def test_a_years_record_package_holds_every_process(client, make, record_validator, data_review):
    _year(make)
    _contract_in_motion(make)
    releases = _export(client)["releases"]
    response = client.get(reverse("procurement:ocds_records", args=[2569]))
    assert response.streaming
    package = _json(response)
    errors = list(record_validator.iter_errors(package))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert_reviewed_clean(data_review(package))
    assert [record["ocid"] for record in package["records"]] == sorted(
        {r["ocid"] for r in releases}, key=lambda ocid: int(ocid.rsplit("-", 1)[1]))
    assert sum(len(record["releases"]) for record in package["records"]) == len(releases)
    del package["records"][0]["ocid"]  # the schema check can fail
    package["records"][1]["compiledRelease"]["tag"] = "compiled"
    assert len(list(record_validator.iter_errors(package))) >= 2


def test_record_addresses_are_linked_and_only_ours_answer(client, make, settings):
    _year(make)
    award = _contract_in_motion(make)
    ocid = ocds.ocid(award.project.plan_item)
    record_url = reverse("procurement:ocds_record", args=[ocid])
    assert record_url in client.get(award.project.get_absolute_url()).content.decode()
    open_data = client.get(reverse("procurement:open_data")).content.decode()
    assert reverse("procurement:ocds_records", args=[2569]) in open_data
    assert "/open-data/ocds/ocds-test01-kppmu-&lt;ปีงบประมาณ&gt;-&lt;เลขรายการในแผน&gt;.json" in open_data
    item_pk = award.project.plan_item.pk
    for wrong in (f"ocds-other1-2569-{item_pk}", f"ocds-test01-kppmu-2568-{item_pk}",
                  "ocds-test01-kppmu-2569-99999", f"ocds-test01-kppmu-๒๕๖๙-{item_pk}",
                  f"ocds-test01-kppmu-2569-{item_pk}x"):
        assert client.get(reverse("procurement:ocds_record", args=[wrong])).status_code == 404, wrong
    # An empty plan has no package, so it is not offered.
    make.plan(fiscal_year=2570, published=datetime.date(2025, 10, 5))
    open_data = client.get(reverse("procurement:open_data")).content.decode()
    assert reverse("procurement:ocds", args=[2570]) not in open_data
    # Without a registered prefix nothing is published nor linked.
    settings.OCDS_OCID_PREFIX = ""
    assert client.get(record_url).status_code == 404
    assert client.get(reverse("procurement:ocds_records", args=[2569])).status_code == 404
    assert "/open-data/ocds/" not in client.get(award.project.get_absolute_url()).content.decode()
