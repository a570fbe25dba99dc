"""The news of a process and the comments on it: reports (before, interim, final) with attachments,
residents' comments on an interim report, and comments on the participation concept.

The tables keep the names they had in the dialog app (``dialog_report`` and so on).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel
from stadtdialog.dialog.models import AUTHOR, Hideable


def report_attachment_path(instance, filename):
    return f"reports/{instance.report_id}/{filename}"


class Report(TimeStampedModel):
    """News of a process: before, interim or final report. An interim report may take comments until a deadline."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Preliminary report")
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    comments_until = models.DateField(_("comments possible until"), null=True, blank=True)
    decision_where_when = models.CharField(_("where and when the decision is taken"), max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-published_at", "-id"]
        db_table = "dialog_report"

    def __str__(self):
        return self.title


class ReportAttachment(TimeStampedModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=report_attachment_path)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        db_table = "dialog_reportattachment"


class ReportComment(TimeStampedModel, Hideable):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        verbose_name = _("comment on a report")
        verbose_name_plural = _("comments on reports")
        ordering = ["created_at", "id"]
        db_table = "dialog_reportcomment"


class ConceptComment(TimeStampedModel, Hideable):
    """A resident's comment on a published concept; staff adopt it (and revise the concept) or decline it with a
    reason."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted")
        DECLINED = "declined", _("Declined")

    concept = models.ForeignKey("processes.Concept", on_delete=models.CASCADE, related_name="comments")
    concept_version = models.PositiveIntegerField(_("on version"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    text = models.TextField(_("comment"), max_length=3000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("reason"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    handled_at = models.DateTimeField(null=True, blank=True)
    adopted_in_version = models.PositiveIntegerField(_("adopted in version"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on the concept")
        verbose_name_plural = _("comments on the concept")
        ordering = ["created_at", "id"]
        db_table = "dialog_conceptcomment"
