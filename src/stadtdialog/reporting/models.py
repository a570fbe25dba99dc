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


class AnnualPlanEntry(models.Model):
    """One participation a department plans for a year (Jahresplanung): for a plan or a new topic, the kind of
    process, its formats, the quarter, the budget and the lead contact; at the end of the year what became of it.
    `version` counts the saves; an edit form carries the version it was loaded from (core.versioning)."""

    class ProcessKind(models.TextChoices):
        INFORMATION = "information", _("Information")
        CONSULTATION = "consultation", _("Consultation")
        CODESIGN = "codesign", _("Co-design")
        PANEL = "panel", _("Citizens' panel")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        DROPPED = "dropped", _("Dropped")

    NEEDS_REASON = (Outcome.POSTPONED, Outcome.DROPPED)

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    org_unit = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.CharField(_("new topic"), max_length=200, blank=True, help_text=_("When there is no plan yet."))
    process_kind = models.CharField(_("kind of process"), max_length=20, choices=ProcessKind.choices)
    formats = models.JSONField(_("formats"), default=list, blank=True)  # values of processes.Phase.Format
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    lead_contact = models.CharField(_("lead contact"), max_length=200)
    committee = models.CharField(
        _("committee"), max_length=200, help_text=_("The committee the participation is reported to.")
    )
    outcome = models.CharField(_("what became of it"), max_length=20, choices=Outcome.choices, default=Outcome.PLANNED)
    outcome_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("process that carried it out"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entry of the annual plan")
        verbose_name_plural = _("entries of the annual plan")
        ordering = ["year", "quarter", "id"]
        constraints = [
            models.CheckConstraint(name="annual_plan_quarter_1_4", condition=models.Q(quarter__gte=1, quarter__lte=4)),
            models.CheckConstraint(
                name="annual_plan_plan_or_topic", condition=models.Q(plan__isnull=False) | ~models.Q(topic="")
            ),
            models.CheckConstraint(
                name="annual_plan_reason_when_not_done",
                condition=~models.Q(outcome__in=["postponed", "dropped"]) | ~models.Q(outcome_reason=""),
            ),
            models.CheckConstraint(
                name="annual_plan_budget_not_negative",
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
            ),
        ]
        indexes = [models.Index(fields=["year", "quarter"])]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return self.plan.title if self.plan_id else self.topic

    def format_labels(self) -> list[str]:
        from stadtdialog.processes.models import Phase

        labels = dict(Phase.Format.choices)
        return [str(labels.get(value, value)) for value in self.formats]


class LetterRun(models.Model):
    """One run of the letters (Anschreiben) of a process: an uploaded list of addresses merged with the letter
    into one PDF by the task worker.

    The addresses are personal data and are kept only for the run: the checked list waits in the private
    storage (`addresses_file`) until the task has made the PDF and is deleted then (also when the run fails);
    the PDF (private storage, downloaded through a view that checks the permission) is deleted when a newer run
    of the process is made and at the latest after `KEEP_DAYS`. The run itself keeps only counts.
    """

    KEEP_DAYS = 2

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    message = models.TextField(_("reason of the failure"), blank=True)
    greeting = models.TextField(_("personal paragraph"), blank=True, max_length=2000)
    letter_count = models.PositiveIntegerField(_("number of letters"), default=0)
    addresses_file = models.CharField(max_length=255, blank=True)  # private storage, deleted after the run
    file_name = models.CharField(max_length=255, blank=True)  # the PDF in the private storage
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(_("made"), null=True, blank=True)

    class Meta:
        verbose_name = _("letters")
        verbose_name_plural = _("letters")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{_('Letters')}: {self.process}"
