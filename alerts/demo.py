"""One sample subscriber (an example.org address, waiting for its confirmation, so the daily
purge removes it after ALERTS_UNCONFIRMED_DAYS), and its confirmation mail in the outbox: the
admin's lists of subscribers and of e-mail each have a row to show. Idempotent by address."""
from kpp_portal.discovery import alert_topics

from .models import Frequency, Subscriber, Subscription
from .sending import send_confirmation

ADDRESS = "alerts-sample@example.org"


def load(stdout):
    if Subscriber.objects.filter(email=ADDRESS).exists():
        return
    topic = next((t for t in alert_topics().values() if t.choices()), None)
    if topic is None:
        return
    value, label = topic.choices()[0]
    subscriber = Subscriber.objects.create(email=ADDRESS)
    send_confirmation(Subscription.objects.create(
        subscriber=subscriber, topic=topic.key, value=value, label=f"{label} (ตัวอย่าง)",
        frequency=Frequency.DAILY))
    stdout.write("การแจ้งเตือนตัวอย่าง: ผู้สมัคร 1 ราย (รอยืนยัน)")
