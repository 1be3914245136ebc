"""The general channel left committees/ for its own app: the rows and the numbering came along."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("committees", "0002_meeting_photos_as_picture_sizes"), ("kpp_portal", "0003_reference_counter")]
AFTER = [("committees", "0003_general_channel_and_its_counter_leave"),
         ("feedback", "0001_general_channel_moves_out_of_committees")]


def _migrate(targets, extra=()):
    """The database migrated to `targets` (and `extra`, e.g. an app taken back to zero); their models."""
    executor = MigrationExecutor(connection)
    executor.migrate([*targets, *extra])
    return executor.loader.project_state(targets).apps


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_messages_and_the_counter_survive_the_move():
    try:
        _check_the_move()
    finally:
        _migrate_to_latest()


def _check_the_move():
    old = _migrate(BEFORE, [("feedback", None)])
    old.get_model("committees", "ReferenceCounter").objects.create(year_be=2569, last_number=41)
    old.get_model("committees", "FeedbackMessage").objects.create(
        reference="คร-2569-0041", follow_up_digest="x" * 64, kind="question", subject="ถามเรื่องขยะ",
        message="รถเก็บขยะมาวันไหน", email="a@example.com",
    )
    new = _migrate(AFTER)
    message = new.get_model("feedback", "FeedbackMessage").objects.get()
    assert (message.reference, message.subject) == ("คร-2569-0041", "ถามเรื่องขยะ")
    assert message.email == "a@example.com"
    counter = new.get_model("kpp_portal", "ReferenceCounter").objects.get(scope="คร", year_be=2569)
    assert counter.last_number == 41  # the next message is คร-2569-0042, no number given twice
    tables = connection.introspection.table_names()
    assert "committees_feedbackmessage" not in tables and "committees_referencecounter" not in tables


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_with_the_rows():
    try:
        new = _migrate(AFTER)
        counters = new.get_model("kpp_portal", "ReferenceCounter").objects
        counters.create(scope="คร", year_be=2570, last_number=7)
        new.get_model("feedback", "FeedbackMessage").objects.create(
            reference="คร-2570-0007", follow_up_digest="y" * 64, kind="request", subject="ขอ", message="ข")
        old = _migrate(BEFORE, [("feedback", None)])
        assert old.get_model("committees", "FeedbackMessage").objects.get().reference == "คร-2570-0007"
        assert old.get_model("committees", "ReferenceCounter").objects.get(year_be=2570).last_number == 7
    finally:
        _migrate_to_latest()
