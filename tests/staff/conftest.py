"""Fixtures shared with the complaint tests (a filed and an escalated report)."""
from tests.complaints.conftest import escalated_report, filed_report  # noqa: F401
