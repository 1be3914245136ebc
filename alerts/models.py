"""Subscribers by e-mail, without an account, to the topics the apps declare (kpp_portal/alerting.py).

A subscriber is only an address and a random token; each subscription waits for its own
confirmation (double opt-in: the link in a mail to that address), and one not confirmed within
ALERTS_UNCONFIRMED_DAYS is deleted. Leaving deletes the subscriber and every subscription.
"""
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.discovery import alert_topics


def new_token():
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("ทันทีที่มีรายการใหม่")
    DAILY = "daily", _("สรุปรายวัน วันละครั้ง")


class Subscriber(models.Model):
    email = models.EmailField(_("อีเมล"), unique=True)
    # The one-click leave link of every message: whoever holds it may only leave.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("สมัครเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("ผู้รับการแจ้งเตือน")
        verbose_name_plural = _("ผู้รับการแจ้งเตือน")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions",
                                   verbose_name=_("ผู้รับ"))
    topic = models.CharField(_("หัวข้อ"), max_length=50)
    value = models.CharField(_("รายการที่ติดตาม"), max_length=100)
    label = models.CharField(_("ชื่อรายการ"), max_length=300)
    frequency = models.CharField(_("ความถี่"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.DAILY)
    # The confirmation link's; cleared once confirmed.
    confirm_token = models.CharField(max_length=40, blank=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("สมัครเมื่อ"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("ยืนยันเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("การติดตาม")
        verbose_name_plural = _("การติดตาม")
        constraints = [models.UniqueConstraint(fields=["subscriber", "topic", "value"],
                                               name="alerts_one_subscription_per_thing")]
        indexes = [models.Index(fields=["frequency", "topic"], name="alerts_confirmed_idx",
                                condition=models.Q(confirmed_at__isnull=False))]

    def __str__(self):
        return f"{self.topic_title}: {self.label}"

    @property
    def topic_title(self):
        topic = alert_topics().get(self.topic)
        return topic.title if topic else self.topic


class Run(models.Model):
    """Where the last sending run of each frequency stopped: the next one starts there."""

    frequency = models.CharField(max_length=10, choices=Frequency.choices, unique=True)
    until = models.DateTimeField()

    class Meta:
        verbose_name = _("รอบการส่ง")
        verbose_name_plural = _("รอบการส่ง")
