"""Gap-free reference numbers (`<prefix>-<BE year>-<number>`), one mechanism for every channel.

A counter row per (scope, year) is locked while the next number is taken, so concurrent
submissions queue on that row instead of racing on max()+1, and a number once given out is
never given again, even when its row is later deleted. Channels that must share no table with
the others (the anti-corruption channel) subclass `SequenceCounter` with their own table; the
rest use `kpp_portal.models.ReferenceCounter`.
"""
import secrets

from django.db import models, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _


class SequenceCounter(models.Model):
    scope = models.CharField(_("ชุดเลขที่"), max_length=20)
    # Not named fiscal_year: counters issued before numbering went by the fiscal year hold a
    # calendar year here, and keep counting on it.
    year_be = models.PositiveIntegerField(_("ปี พ.ศ."))
    last_number = models.PositiveIntegerField(_("เลขล่าสุด"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.scope}-{self.year_be}: {self.last_number}"

    @classmethod
    def next_reference_at(cls, prefix, moment):
        """`<prefix>-<fiscal year>-NNNN` for a filing received at `moment`: every channel numbers
        by the fiscal year, as staff report by it. Numbers already issued on the calendar year
        keep theirs; a (prefix, year) counter only ever goes up, so none is given twice."""
        from .thai import fiscal_year_of

        fiscal_year = fiscal_year_of(moment)
        return format_reference(prefix, fiscal_year, cls.next_number(prefix, fiscal_year))

    @classmethod
    def next_number(cls, scope, fiscal_year):
        """The next number of `scope` in `fiscal_year`; the lock is held until the caller's
        transaction ends, so a rolled-back submission gives its number back (no gap)."""
        with transaction.atomic():
            cls.objects.get_or_create(scope=scope, year_be=fiscal_year)
            counter = cls.objects.select_for_update().get(scope=scope, year_be=fiscal_year)
            counter.last_number += 1
            counter.save(update_fields=["last_number"])
            return counter.last_number


def format_reference(prefix, fiscal_year, number):
    return f"{prefix}-{fiscal_year}-{number:04d}"


# Follow-up codes avoid look-alike characters (0/O, 1/I/L) so they survive being read aloud.
FOLLOW_UP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_follow_up_code(length):
    """A random code shown once to the person who filed, beside the public reference number."""
    return "".join(secrets.choice(FOLLOW_UP_ALPHABET) for _ in range(length))


def follow_up_digest(salt, code):
    """What is stored instead of the code: a keyed hash (SECRET_KEY), so a database copy alone
    cannot be used to follow anyone's request. Typed codes are compared upper-case and trimmed."""
    return salted_hmac(salt, code.strip().upper()).hexdigest()


def find_for_follow_up(queryset, salt, reference, code):
    """The row of `queryset` whose reference and follow-up code (stored as follow_up_digest
    under `salt`) both match, else None. A reference that does not exist costs the same hash
    as a wrong code: no timing hint that it exists."""
    row = queryset.filter(reference=(reference or "").strip().upper()).first()
    typed = follow_up_digest(salt, code or "")
    if row is not None and constant_time_compare(row.follow_up_digest, typed):
        return row
    return None
