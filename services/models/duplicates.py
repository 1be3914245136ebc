"""The same request filed twice from different browsers (or after the session is gone)."""
from django.db import models
from django.utils import timezone


class RecentFiling(models.Model):
    """A keyed digest of what a request said (type, subject, details, contact), kept only for
    SERVICE_SENT_KEEP_SECONDS: no text, and no personal data beyond a digest that dies young."""

    fingerprint = models.CharField(max_length=64, unique=True)
    request = models.ForeignKey("ServiceRequest", on_delete=models.CASCADE, related_name="+")
    filed_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.fingerprint[:12]
