"""Every file a row stops referring to is deleted after the commit (kpp_portal.filecleanup):
replaced, cleared or deleted, on every model, FileFields and picture renditions alike."""
import datetime
import io

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.utils import timezone
from PIL import Image

from kpp_portal.filecleanup import tracked_fields

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="a.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (700, 500), (20, 90, 160)).save(out, "JPEG")
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


# -- one saved row per model that has files, and how to give it another file -------------------
def _committee_term():
    from committees.models import Committee, CommitteeTerm

    return CommitteeTerm.objects.create(committee=Committee.objects.create(name="คณะ"),
                                        starts_on=datetime.date(2025, 1, 1), order_document=pdf())


def _meeting():
    from committees.models import Meeting

    return Meeting.objects.create(kind="forum", title="เวที", starts_at=timezone.now(), place="ศาลา",
                                  minutes=pdf())


def _announcement():
    from tests.procurement.conftest import Factory

    return Factory().announce(Factory().project(), document=pdf())


def _page_reference():
    from municipality.models import Page, PageReference

    page = Page.objects.create(kind="laws", title="กฎหมาย", body="ข้อความ")
    return PageReference.objects.create(page=page, title="พ.ร.บ.", document=pdf())


def _document():
    from disclosures.models import Category, Document

    return Document.objects.create(category=Category.objects.create(name="แผน", slug="plan"), title="แผน",
                                   fiscal_year=2569, attachment=pdf())


def _report_file():
    from complaints import evidence, services

    report, _ = services.file_report(category="other", description="x" * 30,
                                     files=[evidence.prepare(jpeg(), False)])
    return report.files.get()


def _request_file():
    from services.models import RequestType, ServiceUnit
    from tests.services.conftest import file_request, photo

    unit = ServiceUnit.objects.create(name="กองช่าง")
    request_type = RequestType.objects.create(slug="fault", title="แจ้งเหตุ", unit=unit, time_limit_days=3)
    item, _code = file_request(request_type, files=[photo()])
    return item.files.get()


def _council_document():
    from council.models import MeetingDocument
    from tests.council.conftest import Council

    return MeetingDocument.objects.create(meeting=Council().meeting, kind="notice", title="หนังสือเชิญประชุม",
                                          file=pdf())


def _declaration():
    from procurement.models import CommitteeMember
    from tests.procurement.conftest import Factory

    return CommitteeMember.objects.create(project=Factory().project(), role="inspection", name="นาย ก",
                                          position="นายช่าง", declared_on=datetime.date(2026, 1, 5),
                                          declaration=pdf())


def _searchable_copy():
    from django.contrib.contenttypes.models import ContentType

    from search.models import FileText

    document = _document()
    return FileText.objects.create(content_type=ContentType.objects.get_for_model(document),
                                   object_id=document.pk, name=document.attachment.name, searchable=pdf())


def _mail_attachment():
    from post_office.models import Attachment

    return Attachment.objects.create(name="a.pdf", file=pdf())


def _with_picture(make):
    def build():
        instance = make()
        instance.set_picture(jpeg())
        instance.save()
        return instance
    return build


def _person():
    from municipality.models import Person

    return Person(position="นายกเทศมนตรี")


def _news():
    from municipality.models import NewsCategory, NewsItem

    return NewsItem(title="ข่าว", body="เนื้อ", category=NewsCategory.objects.create(name="ข่าว", slug="n"))


def _photo():
    from committees.models import Meeting, MeetingPhoto

    meeting = Meeting.objects.create(kind="forum", title="เวที", starts_at=timezone.now(), place="ศาลา")
    return MeetingPhoto(meeting=meeting, caption="ภาพ")


def _profile():
    from kpp_portal.models import MunicipalityProfile

    return MunicipalityProfile.current()


FILE_ROWS = {
    "committees.CommitteeTerm.order_document": _committee_term,
    "committees.Meeting.minutes": _meeting,
    "procurement.Announcement.document": _announcement,
    "municipality.PageReference.document": _page_reference,
    "disclosures.Document.attachment": _document,
    "complaints.ReportFile.stored": _report_file,
    "services.RequestFile.stored": _request_file,
    "council.MeetingDocument.file": _council_document,
    "procurement.CommitteeMember.declaration": _declaration,
    "search.FileText.searchable": _searchable_copy,
    "post_office.Attachment.file": _mail_attachment,
}
# Files of the two private channels are never cleared, only replaced or deleted with their row.
PRIVATE_ROWS = ("complaints.", "services.")
PICTURE_ROWS = {
    "municipality.Person": _with_picture(_person),
    "municipality.NewsItem": _with_picture(_news),
    "committees.MeetingPhoto": _with_picture(_photo),
    "kpp_portal.MunicipalityProfile": _with_picture(_profile),
}


def _stored(instance):
    """[(storage, name)] of an instance's files."""
    file_fields, picture = tracked_fields(type(instance))
    found = [(f.storage, getattr(instance, f.attname).name)
             for f in file_fields if getattr(instance, f.attname)]
    if picture:
        found += [(default_storage, size["name"]) for size in getattr(instance, picture)]
    assert found
    return found


def _exist(files):
    return [storage.exists(name) for storage, name in files]


def test_every_model_with_files_is_covered_here_and_connected():
    """A new file field or picture model must be added above (and is cleaned up by itself)."""
    seen = set()
    for model in apps.get_models():
        file_fields, picture = tracked_fields(model)
        for field in file_fields:
            seen.add(f"{model._meta.label}.{field.name}")
        if picture:
            seen.add(model._meta.label)
        if file_fields or picture:
            assert pre_save.has_listeners(model) and post_delete.has_listeners(model)
    assert seen == set(FILE_ROWS) | set(PICTURE_ROWS)


@pytest.mark.parametrize("label", sorted(FILE_ROWS))
def test_replaced_file_is_deleted_after_commit(label, django_capture_on_commit_callbacks):
    instance = FILE_ROWS[label]()
    field = label.rsplit(".", 1)[1]
    old = _stored(instance)
    if label.startswith(PRIVATE_ROWS):
        instance.stored.save("evidence.bin", SimpleUploadedFile("x", b"gAAAA-new"), save=False)
    else:
        setattr(instance, field, pdf("new.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        instance.save()
    assert _exist(old) == [False] and _exist(_stored(instance)) == [True]


@pytest.mark.parametrize("label", sorted(label for label in FILE_ROWS if not label.startswith(PRIVATE_ROWS)))
def test_cleared_file_is_deleted_after_commit(label, django_capture_on_commit_callbacks):
    instance = FILE_ROWS[label]()
    old = _stored(instance)
    setattr(instance, label.rsplit(".", 1)[1], None)
    with django_capture_on_commit_callbacks(execute=True):
        instance.save()
    assert _exist(old) == [False]


@pytest.mark.parametrize("label", sorted(FILE_ROWS) + sorted(PICTURE_ROWS))
def test_deleted_row_takes_its_files(label, django_capture_on_commit_callbacks):
    instance = {**FILE_ROWS, **PICTURE_ROWS}[label]()
    files = _stored(instance)
    assert all(_exist(files))
    with django_capture_on_commit_callbacks(execute=True):
        instance.delete()
    assert not any(_exist(files))


@pytest.mark.parametrize("label", sorted(PICTURE_ROWS))
def test_replaced_or_removed_picture_loses_its_renditions(label, django_capture_on_commit_callbacks):
    instance = PICTURE_ROWS[label]()
    first = _stored(instance)
    with django_capture_on_commit_callbacks(execute=True):
        instance.set_picture(jpeg())
        instance.save()
    second = _stored(instance)
    assert not any(_exist(first)) and all(_exist(second))
    with django_capture_on_commit_callbacks(execute=True):
        instance.clear_picture()
        instance.save()
    assert not any(_exist(second))


def test_a_rolled_back_change_keeps_the_old_file(django_capture_on_commit_callbacks):
    term = _committee_term()
    old = _stored(term)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            term.order_document = pdf("new.pdf")
            term.save()
            raise RuntimeError
    assert callbacks == [] and _exist(old) == [True]


def test_saving_other_fields_touches_no_file(django_capture_on_commit_callbacks, django_assert_num_queries):
    term = _committee_term()
    old = _stored(term)
    with django_capture_on_commit_callbacks(execute=True):
        term.starts_on = datetime.date(2025, 2, 1)
        with django_assert_num_queries(1):  # no look-up of the stored file name
            term.save(update_fields=["starts_on"])
        term.save()
    assert _exist(old) == [True]


def test_a_failing_storage_is_logged_not_raised(monkeypatch, caplog, django_capture_on_commit_callbacks):
    term = _committee_term()

    def refuse(self, name):
        raise OSError("disk is read-only")

    monkeypatch.setattr(FileSystemStorage, "delete", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        term.delete()
    assert "could not delete" in caplog.text
