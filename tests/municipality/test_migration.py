"""The chart's top box, typed in as "another unit" before the municipality had a kind, is moved."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("municipality", "0003_ethics_pages")]
AFTER = [("municipality", "0004_executive_contact_and_municipality_box")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_top_box_becomes_the_municipality_and_other_units_stay():
    try:
        old = _migrate(BEFORE)
        Division = old.get_model("municipality", "Division")
        top = Division.objects.create(name="เทศบาลเมืองกำแพงเพชร", kind="other")
        Division.objects.create(name="หน่วยตรวจสอบภายใน", kind="other", parent=top)
        new = _migrate(AFTER).get_model("municipality", "Division")
        assert dict(new.objects.values_list("name", "kind")) == {
            "เทศบาลเมืองกำแพงเพชร": "municipality", "หน่วยตรวจสอบภายใน": "other"}
        back = _migrate(BEFORE).get_model("municipality", "Division")
        assert back.objects.get(parent=None).kind == "other"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
