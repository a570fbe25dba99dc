"""Plans (Vorhaben) of the administration, their council papers and attachments."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel

COUNCIL_PAPER_NUMBER = re.compile(r"^(?:\d{1,2}-)?\d{1,5}/\d{4}(?: [A-Z]\d{0,2})?$")


def validate_council_paper_number(value: str) -> None:
    if not COUNCIL_PAPER_NUMBER.match(value or ""):
        raise ValidationError(
            _("“%(value)s” is not a council paper number. Use the form 1736/2018 or 15-1178/2022."),
            code="invalid_council_paper_number",
            params={"value": value},
        )


class CouncilPaper(models.Model):
    """A council document (Drucksache), identified by its number."""

    number = models.CharField(_("number"), max_length=30, unique=True, validators=[validate_council_paper_number])
    title = models.CharField(_("title"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    paper_type = models.CharField(_("type"), max_length=100, blank=True)
    url = models.URLField(_("link"), blank=True, help_text=_("Leave empty to link to the council information system."))

    class Meta:
        verbose_name = _("council paper")
        verbose_name_plural = _("council papers")
        ordering = ["-date", "number"]

    def __str__(self):
        return f"{_('Council paper')} {self.number}"

    @property
    def link(self) -> str:
        return self.url or settings.COUNCIL_PAPER_URL.format(number=self.number)


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Plan(TimeStampedModel):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PREPARATION = "preparation", _("In preparation")
        PARTICIPATION = "participation", _("Participation running")
        EVALUATION = "evaluation", _("Evaluation")
        DECIDED = "decided", _("Decided")
        IMPLEMENTATION = "implementation", _("In implementation")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("short summary"), max_length=600, help_text=_("Two or three sentences for the plan list.")
    )
    description = models.TextField(_("description"), blank=True)
    easy_language_summary = models.TextField(
        _("summary in easy language"),
        blank=True,
        help_text=_("Short sentences, common words, one statement a sentence."),
    )
    is_citywide = models.BooleanField(_("concerns the whole city"), default=False)
    districts = models.ManyToManyField(
        "organisation.District", verbose_name=_("districts"), blank=True, related_name="plans"
    )
    quarters = models.ManyToManyField(
        "organisation.Quarter", verbose_name=_("quarters"), blank=True, related_name="plans"
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    fields_of_action = models.ManyToManyField(
        "organisation.FieldOfAction", verbose_name=_("fields of action"), blank=True, related_name="plans"
    )
    lead_unit = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("lead department"), on_delete=models.PROTECT, related_name="plans"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEA, db_index=True)
    cost_estimate = models.DecimalField(
        _("estimated cost (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    schedule_start = models.DateField(_("expected start"), null=True, blank=True)
    schedule_end = models.DateField(_("expected end"), null=True, blank=True)
    schedule_note = models.CharField(_("note on the schedule"), max_length=300, blank=True)
    council_papers = models.ManyToManyField(
        CouncilPaper, verbose_name=_("council papers"), blank=True, related_name="plans"
    )
    participation_planned = models.BooleanField(_("participation is planned"), default=True)
    no_participation_reason = models.TextField(_("why no participation is planned"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Plain text of title, summary and description for full-text search, kept by the services.
    search_text = models.TextField(editable=False, default="")

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="plan_schedule_in_order",
                condition=models.Q(schedule_start__isnull=True)
                | models.Q(schedule_end__isnull=True)
                | models.Q(schedule_end__gte=models.F("schedule_start")),
            ),
            models.CheckConstraint(
                name="plan_point_complete",
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # counts of the filtered public list read this narrow index instead of the whole table
            models.Index(
                fields=["status", "participation_planned", "id"],
                condition=models.Q(published_at__isnull=False),
                name="plan_public_status_idx",
            ),
            models.Index(fields=["title", "id"], name="plan_title_idx"),
            # counts of the year and date filters read the dates from this narrow index instead of the table
            models.Index(
                fields=["schedule_start", "schedule_end", "id"],
                condition=models.Q(published_at__isnull=False),
                name="plan_public_schedule_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def attachment_path(instance, filename):
    return f"plans/{instance.plan_id}/{filename}"


class Attachment(TimeStampedModel):
    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF document")
        IMAGE = "image", _("Image")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    alt_text = models.CharField(
        _("description of the image"), max_length=300, blank=True, help_text=_("For people who cannot see the image.")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title
