"""Following an information request in the public register, by e-mail (kpp_portal/alerting.py):
its decision and each document released, only what the register itself shows."""
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpp_portal.alerting import Item, Topic

from .models import RequestFile, ServiceRequest


class RegisterEntry(Topic):
    key = "services.register"
    title = gettext_lazy("คำขอข้อมูลข่าวสารในทะเบียนสาธารณะ")

    def label(self, value):
        entry = ServiceRequest.objects.in_register().filter(reference=value).first()
        return f"{entry.reference} {entry.register_subject}" if entry else None

    def new_items(self, values, since, until):
        found = defaultdict(list)
        entries = ServiceRequest.objects.in_register().filter(reference__in=values)
        for entry in entries.filter(closed_at__gt=since, closed_at__lte=until):
            found[entry.reference].append(Item(
                _("ผลการพิจารณา: %(outcome)s") % {"outcome": entry.get_outcome_display()},
                entry.get_register_url(), entry.closed_at))
        released = RequestFile.objects.filter(request__in=entries, in_register=True, created_at__gt=since,
                                              created_at__lte=until).select_related("request")
        for attached in released:
            found[attached.request.reference].append(Item(
                _("เอกสารที่เปิดเผย: %(name)s") % {"name": attached.neutral_name},
                attached.request.get_register_url(), attached.created_at))
        return found


TOPICS = [RegisterEntry()]
