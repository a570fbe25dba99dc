"""Participation processes, their mandatory concept (versioned), goals and phases."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class Process(TimeStampedModel):
    plan = models.ForeignKey("plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="processes")
    title = models.CharField(_("title"), max_length=200)
    lead_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead contact"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="processes_led",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="processes_deputised",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")
        ordering = ["plan", "created_at", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("processes:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Concept(models.Model):
    """The participation concept of a process. Once published, every saved change is a new version. The long
    texts (RICH_TEXT_FIELDS) hold sanitised HTML (core.sanitize.rich_text_html, applied by the services); the
    one-liners (decision maker, where, when, staff time) stay plain text."""

    RICH_TEXT_FIELDS = (
        "subject",
        "scope_open",
        "scope_fixed",
        "results_handling",
        "implementation",
        "project_group",
        "advisory_group",
    )

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="concept")
    subject = models.TextField(
        _("subject of participation"), blank=True, help_text=_("What exactly is open for participation?")
    )
    scope_open = models.TextField(_("what can still be shaped or decided"), blank=True)
    scope_fixed = models.TextField(_("what is already fixed"), blank=True)
    decision_maker = models.CharField(
        _("decision maker"), max_length=200, blank=True, help_text=_("The body or person who decides.")
    )
    decision_where = models.CharField(_("where the decision is taken"), max_length=200, blank=True)
    decision_when = models.CharField(
        _("when the decision is taken"),
        max_length=200,
        blank=True,
        help_text=_("A date or a period, e.g. “spring 2027”."),
    )
    results_handling = models.TextField(_("handling of the results"), blank=True)
    implementation = models.TextField(_("implementation"), blank=True)
    staff_time = models.CharField(
        _("internal staff time"), max_length=200, blank=True, help_text=_("e.g. “about 40 working days”")
    )
    external_costs = models.DecimalField(
        _("external costs (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    external_moderation = models.BooleanField(_("external moderation"), null=True, blank=True)
    project_group = models.TextField(_("project group"), blank=True, help_text=_("Internal, cross-department team."))
    advisory_group = models.TextField(_("advisory group"), blank=True)
    current_version = models.PositiveIntegerField(_("current version"), default=0)

    class Meta:
        verbose_name = _("participation concept")
        verbose_name_plural = _("participation concepts")

    def __str__(self):
        return f"{_('Participation concept')}: {self.process}"


class Goal(models.Model):
    """A SMART goal: what, measured by which indicator, which target value, by when."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField(_("goal"))
    indicator = models.CharField(_("indicator"), max_length=300)
    target_value = models.CharField(_("target value"), max_length=200)
    due_date = models.DateField(_("to be reached by"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "id"]

    def __str__(self):
        return self.description[:80]


class Phase(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        DIALOG = "dialog", _("Dialog")
        ON_SITE = "on_site", _("On site")
        EVALUATION = "evaluation", _("Evaluation")
        DECISION = "decision", _("Decision")
        IMPLEMENTATION = "implementation", _("Implementation")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        ON_SITE = "on_site", _("On site")
        BOTH = "both", _("Online and on site")

    class Format(models.TextChoices):
        ONLINE_DIALOG = "online_dialog", _("Online dialog")
        WORKSHOP = "workshop", _("Workshop")
        WALK = "walk", _("Neighbourhood walk")
        SURVEY = "survey", _("Survey")
        PANEL = "panel", _("Citizens' panel")
        INFO_EVENT = "info_event", _("Information event")
        EXHIBITION = "exhibition", _("Exhibition")
        OTHER = "other", _("Other format")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    channel = models.CharField(_("online or on site"), max_length=10, choices=Channel.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    description = models.TextField(_("description"), blank=True)
    target_groups = models.TextField(_("target groups and how they are reached"), blank=True)
    multipliers = models.TextField(
        _("multipliers"), blank=True, help_text=_("Networks and people who pass the word on.")
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(name="phase_end_after_start", condition=models.Q(end__gte=models.F("start")))
        ]
        indexes = [
            models.Index(fields=["start", "end"]),
            models.Index(fields=["process", "start", "end"], name="phase_process_dates_idx"),  # "running now" per plan
        ]

    def __str__(self):
        return self.title


class ConceptVersion(models.Model):
    """A published state of a concept, kept for the public version history."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    org_unit = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("unit"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_note = models.CharField(_("what changed and why"), max_length=500, blank=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["concept", "number"], name="concept_version_unique")]

    def __str__(self):
        return f"{self.concept} v{self.number}"
