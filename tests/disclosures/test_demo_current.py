"""The demo is current on whatever day it is loaded: the current assessment year's checklist is
met item by item with evidence inside each item's window, and every evidence link opens."""
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from disclosures.checklists import checklist_rows, in_window
from disclosures.models import AssessmentYear
from kpp_portal.thai import fiscal_year_of
from procurement.models import ProcurementPlan

BANGKOK = ZoneInfo("Asia/Bangkok")


# The first day of a fiscal year, the middle of one, its last days: 1 Oct 2570, 15 Mar 2571 and
# 29 Sep 2572 BE. One demo load each (the suite's time matters).
@pytest.mark.parametrize("day", [datetime.date(2027, 10, 1), datetime.date(2028, 3, 15),
                                 datetime.date(2029, 9, 29)])
def test_the_demo_loaded_on_any_day_meets_the_current_checklist(client, db, day):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=BANGKOK), tick=False):
        call_command("load_demo", stdout=io.StringIO())
        current = fiscal_year_of(day)
        assert AssessmentYear.objects.confirmed().filter(year=current).exists()
        rows = checklist_rows(current)
        assert rows
        unmet = {row.item.code: [why for why, _fix in row.reasons] for row in rows if not row.proven}
        assert unmet == {}
        for row in rows:
            assert all(in_window(row.item, document) for document in row.documents), row.item.code
            for path in row.evidence_paths():
                response = client.get(path.split("#")[0], follow=True)
                assert response.status_code == 200, (row.item.code, path)
        assert client.get(f"/disclosures/ita/{current}/").status_code == 200

        # Annual plans newest first, each year its own list of items.
        plans = list(ProcurementPlan.objects.published().filter(fiscal_year__gte=current - 1))
        assert [plan.fiscal_year for plan in plans] == [current, current - 1]
        items = [{item.title for item in plan.items.all()} for plan in plans]
        totals = [sum(item.budget for item in plan.items.all()) for plan in plans]
        assert items[0] != items[1] and totals[0] != totals[1]
        listed = [plan.fiscal_year for plan in client.get("/procurement/").context["plans"]]
        assert listed == sorted(listed, reverse=True) and listed[0] == current
