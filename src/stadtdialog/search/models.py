"""The search index: one row per public object of the site search (search/index.py keeps it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A public plan, process, contribution, report, event or page as the site search finds it: plain text only,
    never a name or other personal data (contributions are shown as on their public pages, without author).

    On PostgreSQL migration 0001 adds the stored column `vector` (German, of the normalised title A, summary B and
    body C, GIN-indexed) and a trigram index on the normalised title; they are not model fields."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plans")
        PROCESS = "process", _("Participation processes")
        CONTRIBUTION = "contribution", _("Contributions")
        REPORT = "report", _("Reports")
        EVENT = "event", _("Events")
        PAGE = "page", _("Pages")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["kind", "-published_at", "-id"], name="search_entry_kind_date")]

    def __str__(self):
        return self.title
