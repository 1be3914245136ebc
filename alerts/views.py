"""Subscribing (double opt-in) and leaving (one click, RFC 8058). Every answer is the same
whether or not an address is already subscribed: the pages tell nobody who subscribes."""
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kpp_portal.antispam import over_limit
from kpp_portal.discovery import alert_topics
from kpp_portal.forms import PortalForm, file_once
from kpp_portal.pagecache import reads_query

from .forms import LeaveForm, SubscribeForm
from .models import Subscriber, Subscription, new_token
from .sending import send_confirmation


def _subscribe(data):
    subscriber, _created = Subscriber.objects.get_or_create(email=data["email"].lower())
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, topic=data["topic"], value=data["value"],
        defaults={"label": data["label"][:300], "frequency": data["frequency"]})
    if subscription.confirmed_at:
        return  # already receiving it: nothing to confirm, nothing sent
    if not created:  # asked again: a fresh link and a fresh wait
        subscription.confirm_token, subscription.created_at = new_token(), timezone.now()
        subscription.frequency, subscription.label = data["frequency"], data["label"][:300]
        subscription.save()
    send_confirmation(subscription)


@never_cache
@reads_query("topic", "value")
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if over_limit(request, "alerts-subscribe", form):
            form.add_error(None, _("สมัครบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
            return render(request, "alerts/subscribe.html", {"form": form}, status=429)
        if form.is_valid():
            file_once(request, form, lambda: _subscribe(form.cleaned_data))
            return redirect("alerts:sent")
        status = 400
    else:
        form = SubscribeForm(initial={key: request.GET.get(key, "")[:100] for key in ("topic", "value")})
        status = 200
    topic = alert_topics().get(form["topic"].value() or "")
    label = topic.label(form["value"].value() or "") if topic else None
    return render(request, "alerts/subscribe.html", {"form": form, "topic": topic, "label": label},
                  status=status)


def sent(request):
    return render(request, "alerts/sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = Subscription.objects.filter(confirm_token=token, confirmed_at__isnull=True).first()
    if subscription is None:
        return render(request, "alerts/confirm.html", {"missing": True}, status=404)
    form = PortalForm(request.POST or None)
    form.submit_label = _("ยืนยันการรับแจ้งเตือน")
    if request.method == "POST":
        # The GET only asks: mail scanners that open every link confirm nothing.
        subscription.confirmed_at, subscription.confirm_token = timezone.now(), ""
        subscription.save(update_fields=["confirmed_at", "confirm_token"])
        return redirect("alerts:confirmed")
    return render(request, "alerts/confirm.html", {"subscription": subscription, "form": form})


def confirmed(request):
    return render(request, "alerts/confirmed.html")


@csrf_exempt  # RFC 8058: a mail client posts here with neither a token nor a cookie
@never_cache
@require_http_methods(["GET", "POST"])
def leave(request, token):
    if request.method == "POST":
        with transaction.atomic():
            Subscriber.objects.filter(token=token).delete()  # its subscriptions go with it
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return render(request, "alerts/left.html")
        return redirect("alerts:left")
    subscriber = Subscriber.objects.filter(token=token).first()
    return render(request, "alerts/leave.html", {"subscriber": subscriber, "form": LeaveForm()},
                  status=200 if subscriber else 404)


def left(request):
    return render(request, "alerts/left.html")
