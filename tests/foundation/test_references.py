"""The one reference generator: gap-free per prefix and year, never reused, rolled back with
the row it numbers."""
import pytest
from django.db import transaction

from kpp_portal.models import ReferenceCounter


@pytest.mark.django_db
def test_numbers_run_per_prefix_and_year():
    assert ReferenceCounter.next_reference("คร", 2569) == "คร-2569-0001"
    assert ReferenceCounter.next_reference("คร", 2569) == "คร-2569-0002"
    assert ReferenceCounter.next_reference("EB", 2569) == "EB-2569-0001"
    assert ReferenceCounter.next_reference("คร", 2570) == "คร-2570-0001"


@pytest.mark.django_db
def test_a_rolled_back_submission_gives_its_number_back():
    ReferenceCounter.next_reference("คร", 2569)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert ReferenceCounter.next_reference("คร", 2569) == "คร-2569-0002"
        raise RuntimeError("the row it numbered failed to save")
    assert ReferenceCounter.next_reference("คร", 2569) == "คร-2569-0002"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_get_distinct_gap_free_numbers():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def take(_):
        try:
            with transaction.atomic():
                return ReferenceCounter.next_reference("EB", 2569)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        references = list(pool.map(take, range(24)))
    assert sorted(references) == [f"EB-2569-{n:04d}" for n in range(1, 25)]


@pytest.mark.django_db
def test_every_channel_numbers_by_the_fiscal_year_and_nothing_issued_is_renumbered():
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from feedback.models import FeedbackMessage

    bangkok = ZoneInfo("Asia/Bangkok")
    # Issued on the calendar basis before: คร-2569-0007 (calendar 2026) stays what it is.
    ReferenceCounter.objects.create(scope="คร", year_be=2569, last_number=7)
    with time_machine.travel(datetime.datetime(2026, 9, 30, 10, tzinfo=bangkok), tick=False):
        late, _code = FeedbackMessage.submit(kind="suggestion", subject="ก", message="ข")
    # 6 December 2026 is fiscal 2570, as the anti-corruption channel numbers it (ทจ-2570-…).
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=bangkok), tick=False):
        december, _code = FeedbackMessage.submit(kind="suggestion", subject="ค", message="ง")
        assert ReferenceCounter.next_reference_at("EB", datetime.datetime.now(bangkok)) == "EB-2570-0001"
    assert (late.reference, december.reference) == ("คร-2569-0008", "คร-2570-0001")


@pytest.mark.parametrize("models_module, entry_point", [
    ("feedback.models", "feedback.models.FeedbackMessage.find_for_follow_up"),
    ("services.models", "services.submission.find_for_follow_up"),
])
def test_one_follow_up_lookup_agrees_with_each_channels_own(models_module, entry_point):
    """kpp_portal.references.find_for_follow_up is the one look-up, and each channel's entry point
    is a call of it with the channel's salt."""
    import importlib
    import inspect

    from kpp_portal.references import find_for_follow_up

    module = importlib.import_module(models_module)
    salt = {"feedback": "committees.feedback.follow-up", "services": "services.request.follow-up"}[
        models_module.split(".")[0]]
    row = type("Row", (), {"follow_up_digest": module._follow_up_digest("ABCD2345")})()
    queryset = type("Rows", (), {"filter": lambda self, reference: type(
        "Found", (), {"first": lambda self: row if reference == "REF-1" else None})()})()
    assert find_for_follow_up(queryset, salt, " ref-1 ", " abcd2345 ") is row
    assert find_for_follow_up(queryset, salt, "REF-1", "WRONG234") is None
    assert find_for_follow_up(queryset, salt, "REF-2", "ABCD2345") is None
    path, _, name = entry_point.rpartition(".")
    try:
        owner = importlib.import_module(path)
    except ModuleNotFoundError:
        owner_path, _, owner_name = path.rpartition(".")
        owner = getattr(importlib.import_module(owner_path), owner_name)
    source = inspect.getsource(getattr(owner, name))
    assert "find_for_follow_up(" in source and "SALT" in source  # the one look-up, the channel's salt
