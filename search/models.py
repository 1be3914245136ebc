"""The portal-wide search index: one row per public object of every section."""
import functools
import operator

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    DOCUMENTS = "documents", _("เอกสารเผยแพร่")
    NEWS = "news", _("ข่าวประชาสัมพันธ์")
    PROCUREMENT = "procurement", _("จัดซื้อจัดจ้าง")
    COMMITTEES = "committees", _("คณะกรรมการและการประชุม")
    QA = "qa", _("ถาม-ตอบ")
    PAGES = "pages", _("ข้อมูลเทศบาล")
    SERVICES = "services", _("บริการออนไลน์")


class SearchEntryQuerySet(models.QuerySet):
    def visible(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now),
                           Q(visible_until__isnull=True) | Q(visible_until__gt=now))

    def matching(self, query, every_word=False):
        """Entries where each phrase of the query occurs (its words side by side, in order);
        with every_word, entries that hold every word of the query anywhere."""
        if settings.IS_POSTGRES:
            return self.filter(vector=_tsquery(query, every_word))
        return self.filter(*(_contains("title_terms", phrase) | _contains("terms", phrase)
                             for phrase in _phrases(query, every_word)))

    def ranked(self, query, every_word=False):
        """matching(), best first (see SearchEntry.rank); ties: newest first."""
        return self.matching(query, every_word).annotate(rank=SearchEntry.rank(query, every_word)).order_by(
            "-rank", F("date").desc(nulls_last=True), "-pk")


def _tsquery(query, every_word):
    # The words go through the same parser as the index (to_tsvector of the same terms), with
    # the `simple` configuration: no stemming, no stop words, only lower case.
    if every_word:
        return SearchQuery(" ".join(query.words), config="simple", search_type="plain")
    return functools.reduce(operator.and_, (
        SearchQuery(" ".join(phrase), config="simple", search_type="phrase") for phrase in query.phrases))


def _phrases(query, every_word):
    return [[word] for word in query.words] if every_word else query.phrases


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
        indexes = [GinIndex(fields=["vector"], name="search_entry_vector", fastupdate=False)]

    def __str__(self):
        return self.title

    @staticmethod
    def rank(query, every_word=False):
        """How well an entry answers QUERY, as an expression.

        PostgreSQL: cover density (how close together the words are, title words weighing more)
        of the words rather than of the phrases: the entries found already hold the phrases,
        and ranking by phrase costs three times as much for the same order. Normalisation 1
        divides by 1 + log(length): a short title all about the query outranks a long text
        that mentions it once. SQLite: entries with the query in the title first."""
        if settings.IS_POSTGRES:
            return SearchRank(F("vector"), _tsquery(query, every_word=True), cover_density=True,
                              normalization=Value(1))
        in_title = functools.reduce(operator.and_, (
            _contains("title_terms", phrase) for phrase in _phrases(query, every_word)))
        return Case(When(in_title, then=Value(1.0)), default=Value(0.5), output_field=models.FloatField())
