"""An issue of the "ซากังราว" newsletter: what staff picked for the month (announcements, plans,
results, news), laid out as a PDF and published as a catalogue document of the newsletter
category, where every earlier issue already is. The other sections' rows are named by their
model label, so this app imports none of them."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import Document


class NewsletterIssue(models.Model):
    title = models.CharField(_("ชื่อฉบับ"), max_length=300,
                             help_text=_("เช่น หนังสือพิมพ์ประชาสัมพันธ์ข่าวสารเทศบาล \"ซากังราว\" ฉบับเดือนธันวาคม 2569"))
    month = models.DateField(_("ประจำเดือน"), help_text=_("วันใดก็ได้ในเดือนของฉบับ"))
    editorial = models.TextField(_("บทนำ"), blank=True)
    announcements = models.ManyToManyField("procurement.Announcement", blank=True, related_name="+",
                                           verbose_name=_("ประกาศจัดซื้อจัดจ้าง"))
    plans = models.ManyToManyField("procurement.ProcurementPlan", blank=True, related_name="+",
                                   verbose_name=_("แผนการจัดซื้อจัดจ้าง"))
    awards = models.ManyToManyField("procurement.Award", blank=True, related_name="+",
                                    verbose_name=_("ผลการจัดซื้อจัดจ้าง (สัญญา)"))
    news = models.ManyToManyField("municipality.NewsItem", blank=True, related_name="+",
                                  verbose_name=_("ข่าว"))
    document = models.OneToOneField(Document, on_delete=models.SET_NULL, null=True, blank=True,
                                    editable=False, related_name="newsletter_issue",
                                    verbose_name=_("เอกสารที่เผยแพร่"))

    class Meta:
        verbose_name = _("ฉบับหนังสือพิมพ์ซากังราว")
        verbose_name_plural = _("จัดทำหนังสือพิมพ์ซากังราว")
        ordering = ["-month", "-pk"]

    def __str__(self):
        return self.title
