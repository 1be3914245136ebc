"""A service request and the rules of its handling: deadlines, assignment, replies, transfer,
closing and the register."""
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.filecleanup import removed_on_failure
from kpp_portal.models import StaffProfile
from kpp_portal.references import follow_up_digest

from ..workdays import WorkingCalendar, add_working_days
from .appeals import InformationAppeal
from .personal_data import RIGHTS_HANDING_OVER_DATA, IdentityCheck
from .records import EmailNotice, RequestEvent, RequestFile
from .states import OPEN_STATUSES, OUTCOMES_WITH_GROUNDS, OUTCOMES_WITH_REASONS, Outcome, Status
from .units import RefusalGround, RequestType, ServiceUnit


class WorkflowError(ValidationError):
    pass


FOLLOW_UP_SALT = "services.request.follow-up"


def _follow_up_digest(code):
    return follow_up_digest(FOLLOW_UP_SALT, code)


def due_soon_until(today):
    """The last date that counts as "due soon" seen from `today` (in working days)."""
    return add_working_days(today, settings.SERVICE_DUE_SOON_WORKING_DAYS)


class ServiceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Need to know: the requests of the user's own units, nothing for anyone else."""
        return self.filter(unit__in=ServiceUnit.of_user(user))

    def open(self):
        # An IN over the open statuses, not "!= closed": the queue index (unit, status, due_date) serves it.
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today=None, until=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=until or due_soon_until(today))

    def containing(self, field, text):
        """Rows whose `field` contains `text`. Thai (and digits) have no letter case: a plain
        LIKE, which the trigram index serves, instead of folding the case of every row."""
        lookup = "contains" if text.lower() == text.upper() else "icontains"
        return self.filter(**{f"{field}__{lookup}": text})

    def in_register(self):
        """Information requests staff have reviewed for the public register (never opted out)."""
        return self.filter(register_published_at__isnull=False, register_opt_out=False)


class ServiceRequest(models.Model):
    reference = models.CharField(_("เลขที่คำร้อง"), max_length=20, unique=True, editable=False)
    follow_up_digest = models.CharField(max_length=64, editable=False)
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="requests",
                                     verbose_name=_("ประเภทคำร้อง"))
    unit = models.ForeignKey(ServiceUnit, on_delete=models.PROTECT, related_name="requests",
                             verbose_name=_("หน่วยงานผู้รับผิดชอบ"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"), editable=False)
    subject = models.CharField(_("เรื่อง"), max_length=200)
    details = models.TextField(_("รายละเอียด"))
    # Answers to the type's text and date fields, with the label as it was asked:
    # [{"label": ..., "kind": ..., "value": ...}]
    answers = models.JSONField(_("ข้อมูลเพิ่มเติม"), default=list, blank=True)
    requester_name = models.CharField(_("ชื่อผู้ยื่น"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    notify_by_email = models.BooleanField(_("แจ้งความเคลื่อนไหวทางอีเมล"), default=False)
    location_text = models.CharField(_("ที่อยู่/ตำแหน่งที่ตั้ง"), max_length=300, blank=True)
    latitude = models.DecimalField(_("ละติจูด"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("ลองจิจูด"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("ผลการดำเนินการ"), max_length=20, choices=Outcome.choices, blank=True)
    refusal_grounds = models.ManyToManyField(RefusalGround, blank=True, related_name="requests",
                                             verbose_name=_("เหตุผลที่ไม่เปิดเผยตามกฎหมาย"))
    received_at = models.DateTimeField(_("วันที่รับคำร้อง"), default=timezone.now)
    due_date = models.DateField(_("กำหนดแล้วเสร็จ"), editable=False)
    closed_at = models.DateTimeField(_("วันที่ปิดเรื่อง"), null=True, blank=True, editable=False)
    working_days_taken = models.PositiveSmallIntegerField(_("ใช้เวลา (วันทำการ)"), null=True, editable=False)
    closed_on_time = models.BooleanField(_("แล้วเสร็จภายในกำหนด"), null=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("เจ้าหน้าที่ผู้รับผิดชอบ"),
    )
    rating = models.PositiveSmallIntegerField(_("คะแนนความพึงพอใจ"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.TextField(_("ความเห็นต่อการให้บริการ"), blank=True)
    rated_at = models.DateTimeField(_("ประเมินเมื่อ"), null=True, blank=True, editable=False)
    register_opt_out = models.BooleanField(_("ผู้ยื่นไม่ประสงค์ให้แสดงในทะเบียนสาธารณะ"), default=False)
    register_subject = models.CharField(
        _("เรื่องที่แสดงในทะเบียน (ตรวจแล้ว)"), max_length=200, blank=True,
        help_text=_("เรื่องตามที่ผู้ขอเขียน โดยตัดข้อมูลส่วนบุคคลออก"),
    )
    answered_at = models.DateTimeField(_("ตอบครั้งแรกเมื่อ"), null=True, blank=True, editable=False)
    publish_request_text = models.BooleanField(_("ผู้ขอยินยอมเผยแพร่คำขอของตน (ตัดชื่อออก)"), default=False)
    publish_replies = models.BooleanField(_("ผู้ขอยินยอมเผยแพร่หนังสือตอบของเทศบาล (ตัดชื่อออก)"), default=False)
    register_published_at = models.DateTimeField(_("เผยแพร่ในทะเบียนเมื่อ"), null=True, blank=True,
                                                 editable=False)
    is_sample = models.BooleanField(_("ข้อมูลตัวอย่าง"), default=False, editable=False)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("คำร้องออนไลน์")
        verbose_name_plural = _("คำร้องออนไลน์")
        indexes = [
            # The queue's filters: a unit's open requests by deadline.
            models.Index(fields=["unit", "status", "due_date"], name="services_req_queue_idx"),
            # The queue's order: open ones first (closed_at is null; PostgreSQL puts nulls first
            # in a descending index) by deadline, then the most recently closed.
            models.Index(fields=["unit", "-closed_at", "due_date"], name="services_req_queue_order_idx"),
            # Statistics per fiscal year and type.
            models.Index(fields=["fiscal_year", "request_type"], name="services_req_year_type_idx"),
            # Requests closed in a fiscal year. Partial: a full index on closed_at tempted
            # PostgreSQL to walk it backwards for the queue's order, scanning every row.
            models.Index(fields=["closed_at"], name="services_req_closed_idx",
                         condition=models.Q(closed_at__isnull=False)),
            # The public register, newest first (exactly the rows in_register() selects).
            models.Index(fields=["-register_published_at"], name="services_req_register_idx",
                         condition=models.Q(register_published_at__isnull=False, register_opt_out=False)),
            # pg_trgm (PostgreSQL only, see the migration): staff search a Thai word inside a
            # subject; the public register is found through the portal-wide search index.
            GinIndex(fields=["subject"], opclasses=["gin_trgm_ops"], name="services_req_subject_trgm"),
        ]

    def __str__(self):
        return self.reference

    # -- filing -----------------------------------------------------------------------------
    def attach_all(self, files, event=None, in_register=False):
        """Store checked files; if one fails, the ones already stored are removed with the
        transaction that rolls back (nothing half-saved stays on disk)."""
        with removed_on_failure() as written:
            for prepared in files:
                attached = RequestFile(
                    request=self, event=event, field_label=prepared.label, kind=prepared.kind,
                    size=len(prepared.data), original_name=(prepared.name or "file")[:200],
                    from_staff=event is not None, in_register=in_register)
                attached.stored.save("upload", prepared.as_file(), save=False)
                written.append(attached.stored)
                attached.save()

    # -- deadlines --------------------------------------------------------------------------
    @property
    def is_closed(self):
        return self.status == Status.CLOSED

    def deadline_state(self, today=None, soon_until=None):
        """"overdue", "due_soon" or "" (closed, or comfortably ahead)."""
        if self.is_closed:
            return ""
        today = today or timezone.localdate()
        if self.due_date < today:
            return "overdue"
        if self.due_date <= (soon_until or due_soon_until(today)):
            return "due_soon"
        return ""

    # -- the timeline -----------------------------------------------------------------------
    def record(self, kind, by=None, public=False, body="", at=None, **extra):
        if kind in (RequestEvent.Kind.REPLY, RequestEvent.Kind.CLOSED) and self.answered_at is None:
            # When the person was first answered: what the public register shows beside the deadline.
            self.answered_at = at or timezone.now()
            ServiceRequest.objects.filter(pk=self.pk).update(answered_at=self.answered_at)
        return RequestEvent.objects.create(request=self, kind=kind, actor=by, is_public=public, body=body,
                                           created_at=at or timezone.now(), **extra)

    def public_events(self):
        return self.events.filter(is_public=True).select_related("to_unit").prefetch_related("files")

    # -- staff workflow: each step one transaction, one timeline entry, one notice ---------
    def _check_open(self):
        if self.is_closed:
            raise WorkflowError(_("คำร้องนี้ปิดเรื่องแล้ว"))

    def _start(self, by):
        """The first step taken on a received request moves it to "in progress"."""
        if self.status == Status.RECEIVED:
            self.status = Status.IN_PROGRESS
            self.save(update_fields=["status"])
            self.record(RequestEvent.Kind.STARTED, by=by, public=True)

    @transaction.atomic
    def verify_identity(self, method, by, note=""):
        """Record how the officer checked who is asking; only then does work on a personal-data
        request start (and its outcome may hand data over)."""
        self._check_open()
        if self.status != Status.IDENTITY:
            raise WorkflowError(_("คำร้องนี้ไม่ต้องตรวจสอบตัวตน หรือตรวจสอบแล้ว"))
        IdentityCheck.objects.create(request=self, method=method, note=note, checked_by=by)
        self.status = Status.RECEIVED
        self.record(RequestEvent.Kind.IDENTITY, by=by, public=True)
        self._start(by)
        self.notify()

    @transaction.atomic
    def assign(self, officer, by):
        self._check_open()
        self.assigned_to = officer
        self.save(update_fields=["assigned_to"])
        # Named as colleagues know them (full name and position), as it stood when assigned.
        self.record(RequestEvent.Kind.ASSIGNED, by=by, body=StaffProfile.name_of(officer) or "-")
        if self.status == Status.RECEIVED:
            self._start(by)
            self.notify()

    @transaction.atomic
    def add_note(self, body, by):
        return self.record(RequestEvent.Kind.NOTE, by=by, body=body)

    @transaction.atomic
    def reply(self, body, by, files=(), publish_files=False):
        """A reply the person reads with their code, with files (for an information request,
        the information released); `publish_files` also puts the files in the public register."""
        self._start(by)
        event = self.record(RequestEvent.Kind.REPLY, by=by, public=True, body=body)
        publish = publish_files and self.request_type.is_information_request
        self.attach_all(files, event=event, in_register=publish)
        self.notify()
        return event

    @transaction.atomic
    def transfer(self, to_unit, by, reason=""):
        """Hand the request to another unit, which then sees it (and this one no longer does);
        the deadline stays: the person's time limit does not restart."""
        self._check_open()
        if to_unit.pk == self.unit_id:
            raise WorkflowError(_("คำร้องอยู่ที่หน่วยงานนี้แล้ว"))
        from_unit = self.unit
        self.unit, self.assigned_to = to_unit, None
        self.save(update_fields=["unit", "assigned_to"])
        self.record(RequestEvent.Kind.TRANSFERRED, by=by, public=True, body=reason, from_unit=from_unit,
                    to_unit=to_unit)
        self.notify()

    def check_close(self, outcome, grounds=(), body=""):
        self._check_open()
        if outcome not in dict(self.request_type.outcome_choices()):
            raise WorkflowError(_("ผลการดำเนินการนี้ใช้กับคำร้องประเภทนี้ไม่ได้"))
        if self.request_type.personal_data_right:
            if self.status == Status.IDENTITY and outcome not in (Outcome.DECLINED, Outcome.WITHDRAWN):
                raise WorkflowError(_("ตรวจสอบตัวตนผู้ยื่นก่อน จึงดำเนินการตามคำขอได้"))
            if outcome in OUTCOMES_WITH_REASONS and not body.strip():
                raise WorkflowError(_("การปฏิเสธคำขอทั้งหมดหรือบางส่วนต้องแจ้งเหตุผลถึงผู้ยื่น"))
        if outcome in OUTCOMES_WITH_GROUNDS and not grounds:
            raise WorkflowError(_("การไม่เปิดเผยข้อมูลทั้งหมดหรือบางส่วนต้องระบุเหตุผลตามมาตรา 14 หรือ 15"))
        if outcome not in OUTCOMES_WITH_GROUNDS and grounds:
            raise WorkflowError(_("ระบุเหตุผลที่ไม่เปิดเผยเฉพาะเมื่อเปิดเผยบางส่วนหรือไม่เปิดเผย"))

    @transaction.atomic
    def close(self, outcome, by, body="", grounds=()):
        self.check_close(outcome, grounds, body)
        now = timezone.now()
        closed_on = timezone.localtime(now).date()
        received_on = timezone.localtime(self.received_at).date()
        self.status, self.outcome, self.closed_at = Status.CLOSED, outcome, now
        self.working_days_taken = WorkingCalendar.covering(received_on, max(closed_on, received_on)).count(
            received_on, closed_on)
        self.closed_on_time = closed_on <= self.due_date
        self.save(update_fields=["status", "outcome", "closed_at", "working_days_taken", "closed_on_time"])
        self.refusal_grounds.set(grounds)
        self.record(RequestEvent.Kind.CLOSED, by=by, public=True, body=body, outcome=outcome)
        self.notify()

    @property
    def hands_over_data(self):
        """An access or portability request granted after an identity check: the person may
        download what the portal holds about them."""
        return (self.request_type.personal_data_right in RIGHTS_HANDING_OVER_DATA
                and self.outcome in (Outcome.COMPLETED, Outcome.DONE_PART)
                and IdentityCheck.objects.filter(request=self).exists())

    def appeal_routes(self):
        """How to appeal, when something was withheld: from the grounds' data, once each."""
        routes = {}
        for ground in self.refusal_grounds.select_related("appeal"):
            routes.setdefault(ground.appeal_id, ground.appeal)
        return list(routes.values())

    # -- the person's side ------------------------------------------------------------------
    def rate(self, score, comment=""):
        """Once, after closing. The conditional update makes a double submit count once."""
        if not self.is_closed:
            raise WorkflowError(_("ประเมินความพึงพอใจได้เมื่อปิดเรื่องแล้ว"))
        now = timezone.now()
        with transaction.atomic():
            updated = ServiceRequest.objects.filter(pk=self.pk, rated_at__isnull=True).update(
                rating=score, rating_comment=comment, rated_at=now)
            if not updated:
                raise WorkflowError(_("คำร้องนี้ได้รับการประเมินแล้ว ประเมินได้ครั้งเดียว"))
            self.rating, self.rating_comment, self.rated_at = score, comment, now
            self.record(RequestEvent.Kind.RATED, public=True, at=now)

    # -- the public register ----------------------------------------------------------------
    @transaction.atomic
    def set_register(self, subject, publish, by):
        """Staff review of the register entry: the subject without personal data, and whether
        the entry is shown. A person who opted out is never shown."""
        if not self.request_type.is_information_request:
            raise WorkflowError(_("ทะเบียนสาธารณะมีเฉพาะคำขอข้อมูลข่าวสาร"))
        if publish and self.register_opt_out:
            raise WorkflowError(_("ผู้ขอไม่ประสงค์ให้แสดงคำขอนี้ในทะเบียนสาธารณะ"))
        if publish and not subject.strip():
            raise WorkflowError(_("โปรดกรอกเรื่องที่ตรวจแล้วก่อนเผยแพร่"))
        self.register_subject = subject.strip()
        was_published = self.register_published_at is not None
        if publish and not was_published:
            self.register_published_at = timezone.now()
        elif not publish:
            self.register_published_at = None
        self.save(update_fields=["register_subject", "register_published_at"])
        self.record(RequestEvent.Kind.REGISTER, by=by,
                    body=str(_("เผยแพร่ในทะเบียน") if publish else _("ไม่เผยแพร่ในทะเบียน")))

    def register_state(self, today=None):
        """What the public register says of the time limit (as Alaveteli does): "overdue" once the
        statutory time passes without an answer, "answered_late", "answered" or "" (waiting)."""
        if self.answered_at is not None:
            answered_on = timezone.localtime(self.answered_at).date()
            return "answered" if answered_on <= self.due_date else "answered_late"
        return "overdue" if self.due_date < (today or timezone.localdate()) else ""

    @transaction.atomic
    def record_appeal(self, by, **fields):
        """Record or update the appeal to the Official Information Commission against this
        refusal; each change is a timeline entry the person sees."""
        appeal = InformationAppeal.objects.filter(request=self).first() or InformationAppeal(request=self)
        for name, value in fields.items():
            setattr(appeal, name, value)
        try:
            appeal.full_clean(exclude=["request", "filed_in_time", "forward_due"])
        except ValidationError as error:
            raise WorkflowError(error.messages) from None
        appeal.save()
        self.record(RequestEvent.Kind.APPEAL, by=by, public=True, body=str(appeal.get_status_display()))
        return appeal

    def set_publication(self, request_text, replies):
        """The person's own choice (on the follow-up page) of what of their correspondence the
        register may show, names removed; may be taken back at any time."""
        if not self.request_type.is_information_request:
            raise WorkflowError(_("ทะเบียนสาธารณะมีเฉพาะคำขอข้อมูลข่าวสาร"))
        self.publish_request_text, self.publish_replies = request_text, replies
        self.save(update_fields=["publish_request_text", "publish_replies"])

    def get_register_url(self):
        return reverse("services:register_entry", args=[self.reference])

    def register_files(self):
        return self.files.filter(in_register=True)

    # -- e-mail notices ---------------------------------------------------------------------
    def notify(self):
        """Tell the person something changed, if they asked to be told; sent after commit."""
        if self.notify_by_email and self.email:
            EmailNotice.objects.create(request=self)  # services.notices sends it after commit
