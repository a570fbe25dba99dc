"""What the reporting app keeps: the annual report PDF of each year (made in the background) and the annual
plan of the departments' participation (Jahresplanung)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


class AnnualReport(models.Model):
    """The annual report of a year as an information paper (PDF), made by the task worker.

    `status`, `progress`, `step` and `message` describe the latest request; `file_name` (in the default
    storage: the report holds published figures only) and `made_at` the file there is, kept until a new one
    replaces it.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress in percent"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    step = models.CharField(_("current step"), max_length=200, blank=True)
    message = models.TextField(_("reason of the failure"), blank=True)
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    made_at = models.DateTimeField(_("made"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    seconds = models.FloatField(_("seconds to make"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(name="annual_report_progress_0_100", condition=models.Q(progress__lte=100))
        ]

    def __str__(self):
        return f"{_('Annual report')} {self.year}"

    @property
    def pending(self) -> bool:
        return self.status in PENDING
