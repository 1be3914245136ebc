"""The portal-wide search index: one row per public object of every section."""
import functools
import operator

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When, signals
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpp_portal.thai import in_reader_language
from kpp_portal.words import Query


class Section(models.TextChoices):
    DOCUMENTS = "documents", _("เอกสารเผยแพร่")
    NEWS = "news", _("ข่าวประชาสัมพันธ์")
    PROCUREMENT = "procurement", _("จัดซื้อจัดจ้าง")
    COMMITTEES = "committees", _("คณะกรรมการและการประชุม")
    QA = "qa", _("ถาม-ตอบ")
    PAGES = "pages", _("ข้อมูลเทศบาล")
    SERVICES = "services", _("บริการออนไลน์")
    BUDGET = "budget", _("งบประมาณ")


class SearchEntryQuerySet(models.QuerySet):
    def visible(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now),
                           Q(visible_until__isnull=True) | Q(visible_until__gt=now))

    def matching(self, query, every_word=False):
        """Entries where each phrase of the query occurs (its words side by side, in order) or
        a word kept whole that holds it (words.FOUND_BY_PARTS: งบประมาณ finds ปีงบประมาณ); with
        every_word, entries that hold every word of the query anywhere."""
        if settings.IS_POSTGRES:
            tsquery = _tsquery(query, every_word, compounds=True)
            return self.filter(Q(vector=tsquery) | Q(inside_vector=tsquery))
        return self.filter(*(functools.reduce(operator.or_, (
            _contains("title_terms", alternative) | _contains("terms", alternative)
            for alternative in alternatives)) for alternatives in _alternatives(query, every_word)))

    def found_itself(self, query, every_word=False):
        """matching() by the entry's own words (title and text). SQLite keeps the file's words in
        the same column: there it is matching()."""
        if settings.IS_POSTGRES:
            return self.filter(vector=_tsquery(query, every_word, compounds=True))
        return self.matching(query, every_word)

    def found_inside_only(self, query, every_word=False):
        """PostgreSQL: matching() by the words of the entry's file alone, newest first (ranked 0,
        after the entries found by their own words)."""
        tsquery = _tsquery(query, every_word, compounds=True)
        return (self.filter(inside_vector__isnull=False, inside_vector=tsquery).exclude(vector=tsquery)
                .order_by(*NEWEST_FIRST))

    def ranked(self, query, every_word=False):
        """matching(), best first (see SearchEntry.rank); ties: newest first."""
        rank = SearchEntry.rank(query, every_word)
        if settings.IS_POSTGRES:  # found only inside the file: 0
            rank = Case(When(vector=_tsquery(query, every_word, compounds=True), then=rank),
                        default=Value(0.0), output_field=models.FloatField())
        return self.matching(query, every_word).annotate(rank=rank).order_by("-rank", *NEWEST_FIRST)


NEWEST_FIRST = (F("date").desc(nulls_last=True), F("pk").desc())


def _tsquery(query, every_word, compounds=False):
    # The words go through the same parser as the index (to_tsvector of the same terms), with
    # the `simple` configuration: no stemming, no stop words, only lower case.
    if not compounds:
        if every_word:
            return SearchQuery(" ".join(query.words), config="simple", search_type="plain")
        return functools.reduce(operator.and_, (
            SearchQuery(" ".join(phrase), config="simple", search_type="phrase") for phrase in query.phrases))
    return functools.reduce(operator.and_, (functools.reduce(operator.or_, (
        SearchQuery(" ".join(alternative), config="simple", search_type="phrase")
        for alternative in alternatives)) for alternatives in _alternatives(query, every_word)))


def _phrases(query, every_word):
    return [[word] for word in query.words] if every_word else query.phrases


def _alternatives(query, every_word):
    """For each phrase, the phrase and the words kept whole that hold it."""
    return [[phrase, *([whole] for whole in wholes)]
            for phrase, wholes in zip(_phrases(query, every_word), query.compounds(every_word), strict=True)]


def _contains(field, phrase):
    return Q(**{f"{field}__contains": f" {' '.join(phrase)} "})


class SearchEntry(models.Model):
    """What the search finds of one public object. Written only by search.index, from the
    object's app's search.py; title and text keep every character, with words cut by
    words.SEPARATOR."""

    section = models.CharField(_("หมวด"), max_length=20, choices=Section.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    url = models.TextField(_("ลิงก์"))  # percent-encoded Thai slugs run long
    title = models.TextField(_("หัวเรื่อง"))
    text = models.TextField(_("เนื้อหา"), blank=True)
    title_terms = models.TextField(editable=False)
    terms = models.TextField(editable=False)
    # The text of the object's published file, pages apart (search.files), and its address.
    # Nullable: SQLite adds such a column in place, where a NOT NULL one remakes the table and
    # with it the PostgreSQL-only GIN index.
    inside = models.TextField(_("ข้อความในไฟล์"), null=True, blank=True, editable=False)
    inside_url = models.TextField(null=True, blank=True, editable=False)
    # PostgreSQL: the file's words apart from `vector`. A file holds a hundred times the words of
    # a title and summary: matched through its own index, never ranked (an entry found only
    # inside its file ranks 0, after those that hold the words themselves, newest first), so
    # ranking reads only the small vectors.
    inside_vector = SearchVectorField(null=True, editable=False)
    date = models.DateField(_("วันที่"), null=True, blank=True)
    visible_from = models.DateTimeField(_("แสดงตั้งแต่"), null=True, blank=True)
    visible_until = models.DateTimeField(_("แสดงถึง"), null=True, blank=True)
    # PostgreSQL: the terms as a tsvector (title weight A, text weight B); unused on SQLite.
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายการในดัชนีค้นหา")
        verbose_name_plural = _("ดัชนีค้นหา")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"],
                                    name="search_entry_once_per_object"),
        ]
        # fastupdate off: with it on, new entries wait in a pending list that every search reads
        # through until a vacuum merges it, so a search slowed down as entries were written.
        # The entries found only inside their files are read newest first, a page or a bounded
        # count at a time (search.results): checking a phrase reads the file's whole vector.
        indexes = [GinIndex(fields=["vector"], name="search_entry_vector", fastupdate=False),
                   GinIndex(fields=["inside_vector"], name="search_entry_inside_vector", fastupdate=False),
                   models.Index("section", F("date").desc(nulls_last=True), F("id").desc(),
                                name="search_entry_inside_section", condition=Q(inside_vector__isnull=False))]

    def __str__(self):
        return self.title

    @staticmethod
    def rank(query, every_word=False):
        """How well an entry answers QUERY, as an expression.

        PostgreSQL: cover density (how close together the words are, title words weighing more)
        of the words rather than of the phrases: the entries found already hold the phrases,
        and ranking by phrase costs three times as much for the same order. Normalisation 1
        divides by 1 + log(length): a short title all about the query outranks a long text
        that mentions it once. SQLite: entries with the query in the title first.

        When the query is also found inside words kept whole (งบประมาณ in ปีงบประมาณ), entries
        holding the query itself come first: their rank is squeezed below 1 (normalisation 32,
        rank / (rank + 1), the same order) and 1 added; the others rank 0, newest first (ranking
        them too cost half as much again, and ปีงบประมาณ is in nearly every document)."""
        compounds = any(query.compounds(every_word))
        if settings.IS_POSTGRES:
            def density(tsquery):
                return SearchRank(F("vector"), tsquery, cover_density=True,
                                  normalization=Value(1 | 32 if compounds else 1))
            if not compounds:
                return density(_tsquery(query, every_word=True))
            itself = density(_tsquery(query, every_word=True)) + Value(1.0)
            return Case(When(vector=_tsquery(query, every_word), then=itself), default=Value(0.0),
                        output_field=models.FloatField())
        in_title = functools.reduce(operator.and_, (
            _contains("title_terms", phrase) for phrase in _phrases(query, every_word)))
        if not compounds:
            return Case(When(in_title, then=Value(1.0)), default=Value(0.5), output_field=models.FloatField())
        exact = functools.reduce(operator.and_, (_contains("title_terms", phrase) | _contains("terms", phrase)
                                                 for phrase in _phrases(query, every_word)))
        return Case(When(in_title, then=Value(1.0)), When(exact, then=Value(0.5)), default=Value(0.25),
                    output_field=models.FloatField())


class ServiceShortcut(models.Model):
    """A service shown above the results when a search names it (ร้องเรียน → the complaint
    channel): people type what they want done, and the documents that mention it are not it."""

    title = models.CharField(_("ชื่อบริการ"), max_length=200)
    title_en = models.CharField(_("ชื่อบริการ (อังกฤษ)"), max_length=200, blank=True)
    description = models.CharField(_("คำอธิบายสั้น"), max_length=300, blank=True)
    description_en = models.CharField(_("คำอธิบายสั้น (อังกฤษ)"), max_length=300, blank=True)
    url = models.CharField(_("ลิงก์"), max_length=500,
                           help_text=_("ที่อยู่ในเว็บไซต์นี้ เช่น /complaints/ หรือลิงก์เต็มที่ขึ้นต้นด้วย https://"))
    keywords = models.TextField(
        _("คำค้นที่แสดงบริการนี้"),
        help_text=_("บรรทัดละหนึ่งคำหรือวลี เช่น ร้องเรียน เมื่อคำค้นมีคำนี้ บริการนี้จะแสดงก่อนผลการค้นหา"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("แสดง"), default=True)

    class Meta:
        verbose_name = _("บริการที่แสดงก่อนผลการค้นหา")
        verbose_name_plural = _("บริการที่แสดงก่อนผลการค้นหา")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.url.startswith(("/", "https://")):
            raise ValidationError({"url": _("ลิงก์ต้องขึ้นต้นด้วย / (หน้าในเว็บไซต์นี้) หรือ https://")})
        if not self.phrases():
            raise ValidationError({"keywords": _("กรุณาระบุคำค้นอย่างน้อยหนึ่งคำ")})

    @property
    def label(self):
        return in_reader_language(self.title, self.title_en)

    @property
    def summary(self):
        return in_reader_language(self.description, self.description_en)

    def phrases(self):
        """Each keyword line as the words the search cuts it into."""
        return [tuple(word for phrase in Query(line).phrases for word in phrase)
                for line in self.keywords.splitlines() if Query(line)]

    @classmethod
    def named_by(cls, query):
        """The active shortcuts one of whose keywords QUERY holds, its words side by side."""
        typed = f" {' '.join(query.words)} "
        return [shortcut for shortcut, phrases in _shortcuts()
                if any(f" {' '.join(phrase)} " in typed for phrase in phrases)]


_SHORTCUTS_KEY = "search-service-shortcuts"
SHORTCUTS_SECONDS = 3600


def _shortcuts():
    # Read on every search, from the shared cache: a search costs no query more for it, and
    # writes elsewhere (which start a new page-cache generation) do not send it to the database.
    shortcuts = cache.get(_SHORTCUTS_KEY)
    if shortcuts is None:
        shortcuts = [(each, each.phrases()) for each in ServiceShortcut.objects.filter(is_active=True)]
        cache.set(_SHORTCUTS_KEY, shortcuts, SHORTCUTS_SECONDS)
    return shortcuts


def _forget_shortcuts(**_kwargs):
    cache.delete(_SHORTCUTS_KEY)


signals.post_save.connect(_forget_shortcuts, sender=ServiceShortcut, dispatch_uid="search-shortcuts-save")
signals.post_delete.connect(_forget_shortcuts, sender=ServiceShortcut, dispatch_uid="search-shortcuts-delete")

from .files import FileText  # noqa: E402,F401  (a model of this app, in its own module)
