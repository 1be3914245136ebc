import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import fragments, pagecache, thai
from .images import PictureMixin
from .references import SequenceCounter, format_reference

_CACHE_KEY = "municipality-profile"
IDENTITY_SECONDS = 300


class MunicipalityProfile(PictureMixin, models.Model):
    """Who runs this portal: one record, so another municipality deploys it by editing data."""

    name_th = models.CharField(_("ชื่อหน่วยงาน (ไทย)"), max_length=200, default="เทศบาลเมืองกำแพงเพชร")
    name_en = models.CharField(
        _("ชื่อหน่วยงาน (อังกฤษ)"), max_length=200, default="Kamphaeng Phet Town Municipality"
    )
    short_name = models.CharField(_("ชื่อย่อ"), max_length=50, default="ทม.กำแพงเพชร")
    document_prefix = models.CharField(
        _("รหัสหนังสือราชการ (ที่)"), max_length=40, default="กพ 52001",
        help_text=_("พิมพ์หน้าเลขทะเบียนหนังสือส่ง เช่น กพ 52001/15"))
    address = models.TextField(
        _("ที่อยู่"), default="เลขที่ 89 ถนนเทศบาล 1 ตำบลในเมือง อำเภอเมืองกำแพงเพชร จังหวัดกำแพงเพชร 62000"
    )
    address_en = models.TextField(
        _("ที่อยู่ (อังกฤษ)"), blank=True,
        default="89 Thesaban 1 Road, Nai Mueang, Mueang Kamphaeng Phet, Kamphaeng Phet 62000",
    )
    phone = models.CharField(_("โทรศัพท์"), max_length=100, default="0 5571 1203")
    fax = models.CharField(_("โทรสาร"), max_length=100, blank=True, default="0 5571 1203 ต่อ 107")
    email = models.EmailField(_("อีเมล"), default="saraban@kppmu.go.th")
    # Open data names the buyer by it (OCDS party identifier, scheme TH-TIN); not guessed.
    tax_id = models.CharField(_("เลขประจำตัวผู้เสียภาษีอากรของหน่วยงาน"), max_length=13, blank=True,
                              validators=[thai.validate_thai_tax_id],
                              help_text=_("13 หลัก ใช้เป็นรหัสผู้ซื้อในข้อมูลเปิดการจัดซื้อจัดจ้าง (OCDS)"))
    website = models.URLField(_("เว็บไซต์"), default="https://www.kppmu.go.th")
    facebook_url = models.URLField(
        _("เพจเฟซบุ๊ก"), blank=True, default="https://www.facebook.com/kppmunicipality"
    )
    line_url = models.URLField(_("ไลน์ทางการ"), blank=True)
    youtube_url = models.URLField(_("ยูทูบ"), blank=True)
    opening_hours = models.CharField(
        _("เวลาทำการ"), max_length=200, default="วันจันทร์–ศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)"
    )
    opening_hours_en = models.CharField(
        _("เวลาทำการ (อังกฤษ)"), max_length=200, blank=True,
        default="Monday–Friday 08:30–16:30 (closed on public holidays)",
    )
    map_url = models.URLField(_("ลิงก์แผนที่"), blank=True, default="https://www.openstreetmap.org/search?query=เทศบาลเมืองกำแพงเพชร")
    logo_sizes = models.JSONField(_("ตราสัญลักษณ์ (ขนาดต่าง ๆ)"), default=list, blank=True, editable=False)
    damrongtham_phone = models.CharField(_("สายด่วนศูนย์ดำรงธรรม"), max_length=20, default="1567")
    damrongtham_text = models.CharField(
        _("ศูนย์ดำรงธรรม"), max_length=300, default="ศูนย์ดำรงธรรมจังหวัดกำแพงเพชร ศาลากลางจังหวัดกำแพงเพชร"
    )
    complaint_box_text = models.CharField(
        _("ตู้/กล่องรับความคิดเห็น"), max_length=300,
        default="ตู้รับความคิดเห็น ณ จุดประชาสัมพันธ์ ชั้น 1 สำนักงานเทศบาล",
    )
    postal_text = models.CharField(
        _("หมายเหตุการส่งทางไปรษณีย์"), max_length=300,
        default="ส่งถึง ฝ่ายนิติการ (วงเล็บมุมซอง \"เรื่องร้องเรียนการทุจริต\")",
    )
    # PDPA 2562: whom a data subject asks to see, correct or delete their data (the /privacy/ notice).
    data_protection_contact = models.CharField(
        _("ผู้ติดต่อด้านข้อมูลส่วนบุคคล"), max_length=300, blank=True,
        help_text=_("ชื่อหรือตำแหน่งของเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) หรือหน่วยงานที่รับคำขอ "
                    "เว้นว่างจะใช้ที่อยู่และโทรศัพท์ของเทศบาล"),
    )
    data_protection_email = models.EmailField(_("อีเมลด้านข้อมูลส่วนบุคคล"), blank=True)
    # The complaint-handling manual on /complaints/manual/ is the portal's sample until the
    # municipality adopts it (its own deadlines and reference format may differ).
    complaint_manual_adopted_on = models.DateField(
        _("วันที่ประกาศใช้คู่มือการจัดการเรื่องร้องเรียนการทุจริตบนเว็บไซต์"), null=True, blank=True,
        help_text=_("เว้นว่างไว้จนกว่าเทศบาลจะตรวจและประกาศใช้ขั้นตอน กำหนดเวลา และรูปแบบเลขที่เรื่องในหน้าคู่มือ "
                    "ระหว่างนั้นหน้าคู่มือแสดงว่าเป็นตัวอย่าง"),
    )
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    picture_field = "logo_sizes"
    picture_folder = "identity"
    picture_widths = (96, 192)  # shown 48 px wide: sharp on screens of 2 and 4 pixels per point

    class Meta:
        verbose_name = _("ข้อมูลหน่วยงาน")
        verbose_name_plural = _("ข้อมูลหน่วยงาน")

    def __str__(self):
        return self.name_th

    def save(self, *args, **kwargs):
        self.pk = 1  # one record only
        super().save(*args, **kwargs)
        cache.delete(_CACHE_KEY)
        pagecache.invalidate()  # every page shows it: each process's copy and every kept page go

    @classmethod
    def current(cls):
        """The identity record (created with the defaults on first use), read on every page: kept
        like a fragment, so a request reads it from this process's memory; a new generation
        (any save) reads it again from the shared cache, a save of the record from the database."""
        return fragments.cached("identity-record", (), cls._shared_current, seconds=IDENTITY_SECONDS)

    @classmethod
    def _shared_current(cls):
        # Its own key besides the generation's copy: a write elsewhere starts a new generation,
        # and the record every page shows is then read from here, not from the database.
        profile = cache.get(_CACHE_KEY)
        if profile is None:
            profile, _created = cls.objects.get_or_create(pk=1)
            cache.set(_CACHE_KEY, profile, IDENTITY_SECONDS)
        return profile

    @property
    def display_name(self):
        """The name in the reader's language (page titles, the header)."""
        return thai.in_reader_language(self.name_th, self.name_en)

    @property
    def shown_address(self):
        """The address in the reader's language (English when it is filled in)."""
        return thai.in_reader_language(self.address, self.address_en)

    @property
    def shown_opening_hours(self):
        return thai.in_reader_language(self.opening_hours, self.opening_hours_en)

    @property
    def description(self):
        """The meta description of a page that has none of its own (search results show it)."""
        return _(
            "เว็บไซต์ทางการของ%(name)s: ข่าวสาร ข้อมูลสาธารณะและการประเมิน ITA จัดซื้อจัดจ้าง "
            "บริการออนไลน์ ถาม-ตอบ และช่องทางร้องเรียนการทุจริต"
        ) % {"name": self.display_name}


class ReferenceCounter(SequenceCounter):
    """Reference numbers of the public channels (general messages, e-service requests)."""

    class Meta:
        verbose_name = _("ตัวนับเลขที่อ้างอิง")
        verbose_name_plural = _("ตัวนับเลขที่อ้างอิง")
        constraints = [
            models.UniqueConstraint(fields=["scope", "year_be"], name="reference_counter_scope_year")
        ]

    @classmethod
    def next_reference(cls, prefix, fiscal_year):
        """`<prefix>-<fiscal year>-NNNN`, gap-free per prefix and fiscal year; call inside the
        transaction that creates the row it numbers."""
        return format_reference(prefix, fiscal_year, cls.next_number(prefix, fiscal_year))


# ทะเบียนหนังสือส่ง: the register of outgoing document numbers (the "ที่" of a letter or memo).
# Numbers run per fiscal year (BE) under the municipality's prefix, from the one gap-free counter;
# a document printed again keeps the number it was given the first time (`source`).
COUNTER_SCOPE = "outgoing"


class OutgoingDocument(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), editable=False)
    number = models.PositiveIntegerField(_("เลขทะเบียนส่ง"), editable=False)
    prefix = models.CharField(_("รหัสหน่วยงาน"), max_length=40, editable=False,
                              help_text=_("ตามที่ตั้งไว้ในข้อมูลหน่วยงานเมื่อออกเลข"))
    issued_on = models.DateField(_("ลงวันที่"), default=timezone.localdate)
    subject = models.CharField(_("เรื่อง"), max_length=300)
    recipient = models.CharField(_("ถึง"), max_length=300)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  null=True, editable=False, verbose_name=_("ผู้ออกเลข"))
    # What the number was given to (e.g. one complaint's supervisor memo), so a reprint reuses it.
    source = models.CharField(_("ออกให้กับ"), max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("หนังสือส่ง")
        verbose_name_plural = _("ทะเบียนหนังสือส่ง")
        ordering = ["-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="outgoing_year_number"),
            models.UniqueConstraint(fields=["source"], condition=~models.Q(source=""),
                                    name="outgoing_source"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """As printed after "ที่": e.g. กพ 52001/15."""
        return f"{self.prefix}/{self.number}"

    def assign_number(self, user):
        """Number a new entry from the counter of its fiscal year (inside the caller's transaction)."""
        self.fiscal_year = thai.fiscal_year_of(self.issued_on)
        self.number = ReferenceCounter.next_number(COUNTER_SCOPE, self.fiscal_year)
        self.prefix = MunicipalityProfile.current().document_prefix
        self.issued_by = user

    @classmethod
    def issue(cls, *, subject, recipient, user, source="", day=None):
        """The entry for `source` if it has one already, else a new number recorded now."""
        with transaction.atomic():
            if source:
                existing = cls.objects.select_for_update().filter(source=source).first()
                if existing:
                    return existing
            entry = cls(subject=subject, recipient=recipient, source=source,
                        issued_on=day or timezone.localdate())
            try:
                # Two first prints at once both find no entry; the second waits on the year's
                # counter, then meets the first's source. Its savepoint gives its number back
                # (the register stays gap-free) and it takes the first's entry.
                with transaction.atomic():
                    entry.assign_number(user)
                    entry.save()
            except IntegrityError:
                existing = cls.objects.filter(source=source).first() if source else None
                if existing is None:
                    raise
                return existing
            return entry


class RateLimitKey(models.Model):
    """The random key of one day under which rate-limit counters are named (kpp_portal.antispam).

    Kept here, not beside the counters in Redis, so a copy of Redis cannot tell whose counters
    they are; the previous day's key is deleted once the next one exists.
    """

    day = models.DateField(_("วันที่"), primary_key=True)
    secret = models.CharField(_("กุญแจ"), max_length=64)

    class Meta:
        verbose_name = _("กุญแจนับจำนวนครั้งประจำวัน")
        verbose_name_plural = _("กุญแจนับจำนวนครั้งประจำวัน")

    def __str__(self):
        return str(self.day)

    @classmethod
    def for_day(cls, day):
        """The key of `day` as bytes, made on first use (by whichever app server asks first)."""
        row, created = cls.objects.get_or_create(day=day, defaults={"secret": secrets.token_hex(32)})
        if created:
            cls.objects.filter(day__lt=day).delete()
        return bytes.fromhex(row.secret)


class SpentTokens(models.Model):
    """The one-time tokens of a channel's forms that have filed their row (see kpp_portal.forms.file_once).

    Only a hash of the token is kept, with the session that holds what the next page shows
    once; rows older than forms.TOKEN_MAX_AGE are removed as new ones arrive. A channel that must
    share no table with the others (the anti-corruption channel) has its own subclass.
    """

    digest = models.CharField(max_length=64, primary_key=True)
    filed_at = models.DateTimeField(default=timezone.now, db_index=True)
    session_key = models.CharField(max_length=40, blank=True)

    class Meta:
        abstract = True


class SpentFormToken(SpentTokens):
    """Spent one-time tokens of the public forms (kpp_portal.forms.file_once)."""

    class Meta:
        verbose_name = _("แบบฟอร์มที่ส่งแล้ว")
        verbose_name_plural = _("แบบฟอร์มที่ส่งแล้ว")


class StaffProfile(models.Model):
    """How a staff member is named on what they sign (the memo to a supervisor): full name and
    position, as on an official letter; the account's user name is no signature."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="staff_profile", verbose_name=_("บัญชีผู้ใช้"))
    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200, help_text=_("เช่น นางสาวสมใจ ใจดี"))
    position = models.CharField(_("ตำแหน่ง"), max_length=200, help_text=_("เช่น นิติกรชำนาญการ"))

    class Meta:
        verbose_name = _("ข้อมูลผู้ลงนามของเจ้าหน้าที่")
        verbose_name_plural = _("ข้อมูลผู้ลงนามของเจ้าหน้าที่")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.position})"

    @staticmethod
    def name_of(user):
        """How staff are named to each other (assign menus, timelines): full name and position,
        the user name only for an account without a profile. Select `staff_profile` with the user."""
        if user is None:
            return ""
        try:
            profile = user.staff_profile
        except ObjectDoesNotExist:
            return user.get_full_name() or user.get_username()
        return str(profile)

    @classmethod
    def signature_of(cls, user):
        """(full name, position) for a signature block; the account's own name when no profile."""
        profile = cls.objects.filter(user=user).first() if user is not None and user.pk else None
        if profile:
            return profile.full_name, profile.position
        if user is None:
            return "", ""
        return user.get_full_name() or user.get_username(), ""
