"""The core's demo content (the municipality's profile), and what every app's demo shares."""
import datetime
import os
import shlex
import sys

from django.utils import timezone

from .models import MunicipalityProfile, OutgoingDocument

SAMPLE = "(ตัวอย่าง)"
# The seed's conflict-of-interest training (32 % → 86 %) belongs to FY 2564; its day is invented.
# The same day is used wherever the demo mentions it (measure 6, ethics activities, news).
TRAINING_DAY = datetime.date(2021, 6, 18)


def sample_pdf(title, scan=None):
    """A PDF standing in for the real document: Thai text about its title (a scan without a
    text layer for some, see demofiles), named as a sample in its metadata."""
    from .demofiles import sample_document

    return sample_document(title, scan, label=SAMPLE)[0]


def load(stdout):
    from .thai import current_fiscal_year

    profile = MunicipalityProfile.current()
    if not profile.complaint_manual_adopted_on:
        # The demo municipality adopted the complaint manual at the start of last fiscal year.
        profile.complaint_manual_adopted_on = day_in(current_fiscal_year() - 1, 0)
        profile.save()
    stdout.write(f"ข้อมูลหน่วยงาน: {profile.name_th}")
    if not OutgoingDocument.objects.exists():
        OutgoingDocument.issue(subject="ขอเชิญประชุมประชาคมเมือง (ตัวอย่าง)", recipient="ประธานชุมชนทุกชุมชน",
                               user=None)


def this_python():
    """The interpreter running this command (the project's virtualenv), as a newcomer types it:
    a bare `python` outside the virtualenv lacks the project's packages."""
    relative = os.path.relpath(sys.executable)
    return shlex.quote(relative if not relative.startswith("..") else sys.executable)


def day_in(fiscal_year, days):
    """A demo date `days` into a fiscal year, never after today: on the first day of a year the
    current year's samples are all dated today, so a demo loaded on any date is complete and
    nothing in it lies in the future."""
    from .thai import fiscal_year_range

    start, end = fiscal_year_range(fiscal_year)
    return min(start + datetime.timedelta(days=days), end, timezone.localdate())
