"""Working-day deadlines across a weekend and Thai public holidays kept as data, with frozen time."""
import datetime

import pytest
import time_machine

from services.models import Holiday, ServiceRequest
from services.workdays import (
    WorkingCalendar,
    add_working_days,
    working_days_between,
    years_without_holidays,
)

from .conftest import BEFORE_SONGKRAN, at, file_request

pytestmark = pytest.mark.django_db
FRIDAY = datetime.date(2026, 4, 10)


def test_weekend_and_songkran_are_skipped(holidays):
    # Sat 11, Sun 12, Songkran Mon 13 – Wed 15: the first working day after Friday is Thursday 16.
    assert add_working_days(FRIDAY, 1) == datetime.date(2026, 4, 16)
    assert add_working_days(FRIDAY, 3) == datetime.date(2026, 4, 20)
    assert working_days_between(FRIDAY, datetime.date(2026, 4, 17)) == 2
    assert working_days_between(FRIDAY, datetime.date(2026, 4, 15)) == 0


def test_without_the_holidays_only_the_weekend_is_skipped():
    # The same dates with no holiday entered: Monday is the first working day. The holidays are
    # what moves the deadline, so they must be data staff can enter and correct.
    assert add_working_days(FRIDAY, 1) == datetime.date(2026, 4, 13)
    assert add_working_days(FRIDAY, 3) == datetime.date(2026, 4, 15)


def test_a_holiday_entered_later_counts_for_new_deadlines(db):
    assert add_working_days(datetime.date(2026, 12, 4), 1) == datetime.date(2026, 12, 7)
    Holiday.objects.create(date=datetime.date(2026, 12, 7), name="ชดเชยวันพ่อแห่งชาติ")
    assert add_working_days(datetime.date(2026, 12, 4), 1) == datetime.date(2026, 12, 8)


def test_years_without_holidays_are_reported(holidays):
    assert years_without_holidays([2026, 2027]) == [2027]


def test_calendar_refuses_a_span_it_did_not_load(db):
    calendar = WorkingCalendar.covering(FRIDAY, FRIDAY + datetime.timedelta(days=3))
    with pytest.raises(ValueError):
        calendar.add(FRIDAY, 10)


def test_filed_before_songkran_the_deadline_and_its_states_follow_working_days(holidays, fault_type):
    with time_machine.travel(BEFORE_SONGKRAN, tick=False):
        item, _code = file_request(fault_type)  # a three-working-day limit
    assert item.due_date == datetime.date(2026, 4, 20)  # Thu 16, Fri 17, Mon 20
    assert item.fiscal_year == 2569 and item.reference == "EB-2569-0001"

    with time_machine.travel(at(2026, 4, 15), tick=False):  # the holidays: comfortably ahead
        assert item.deadline_state() == ""
        assert not ServiceRequest.objects.overdue().exists()
    with time_machine.travel(at(2026, 4, 16), tick=False):  # two working days left: due soon
        assert item.deadline_state() == "due_soon"
        assert list(ServiceRequest.objects.due_soon()) == [item]
    with time_machine.travel(at(2026, 4, 20), tick=False):  # the last day is still in time
        assert item.deadline_state() == "due_soon"
    with time_machine.travel(at(2026, 4, 21), tick=False):
        assert item.deadline_state() == "overdue"
        assert list(ServiceRequest.objects.overdue()) == [item]
        assert not ServiceRequest.objects.due_soon().exists()


def test_closing_counts_working_days_taken_and_whether_in_time(holidays, fault_type, works_officer):
    with time_machine.travel(BEFORE_SONGKRAN, tick=False):
        in_time, _ = file_request(fault_type)
        late, _ = file_request(fault_type)
    with time_machine.travel(at(2026, 4, 17), tick=False):
        in_time.close("completed", by=works_officer)
    with time_machine.travel(at(2026, 4, 21), tick=False):
        late.close("completed", by=works_officer)
    assert (in_time.working_days_taken, in_time.closed_on_time) == (2, True)
    assert (late.working_days_taken, late.closed_on_time) == (4, False)
    assert late.deadline_state() == ""  # closed requests are never overdue
