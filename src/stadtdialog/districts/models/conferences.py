"""District conferences, agreements, action items, escalations and district projects (issue 13).

A district conference (Stadtbezirkskonferenz) brings the departments' representatives together, at least twice a
year; a working meeting (Arbeitstreffen) is the same record with `agreement` set: the follow-up of one agreement.
An agreement (Vereinbarung) has action items (Maßnahmen): who (a department) does what, from when to when, whom it
addresses and how. An overdue or disputed item, or a whole agreement, is escalated to the directors' conference
(Dezernentenkonferenz) or to the mayor (Oberbürgermeister); their decision and its consequence are recorded.
Every step of an item is in the core audit log (its history).

What the public sees (queries_conferences.public_summary): the agreement's title, the departments (units only), the
measures with their state and month, and the district projects. Reasons, notes, disputes, escalations, minutes and
names of people stay internal. No model here points at an account: people act officially and are kept by name in
the audit log only.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel

__all__ = [
    "DEFAULT_CONFERENCE_UNITS",
    "ActionItem",
    "ActionItemStatus",
    "Agreement",
    "DistrictConference",
    "DistrictProject",
    "Escalation",
]

# The departments the concept of 2007 invites to every district conference (by short name; matched to the OrgUnits
# of the city's data). A district's next conference starts from its previous conference's list instead.
DEFAULT_CONFERENCE_UNITS = (
    "FB 15",
    "FB 18",
    "FB 19",
    "FB 23",
    "FB 32",
    "FB 42",
    "FB 43",
    "FB 50",
    "FB 51",
    "FB 52",
    "FB 57",
    "FB 61",
    "FB 66",
    "FB 67",
)


def half_year_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the half-year the day lies in."""
    if day.month <= 6:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
    return datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31)


class DistrictConference(TimeStampedModel):
    """An internal district conference, or a working meeting on one agreement (`agreement` set)."""

    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="conferences"
    )
    agreement = models.ForeignKey(
        "districts.Agreement",
        verbose_name=_("working meeting on the agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("begins"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    units = models.ManyToManyField(
        "organisation.OrgUnit", verbose_name=_("invited departments"), related_name="+", blank=True
    )
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True, help_text=_("One item per line."))
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    present_units = models.ManyToManyField(
        "organisation.OrgUnit", verbose_name=_("departments present"), related_name="+", blank=True
    )
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published to the participants"), null=True, blank=True)

    class Meta:
        verbose_name = _("district conference")
        verbose_name_plural = _("district conferences")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["district", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="conference_ends_after_start")
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    @property
    def is_working_meeting(self) -> bool:
        return self.agreement_id is not None

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip(" -–•\t") for line in self.agenda.splitlines() if line.strip(" -–•\t")]


class Agreement(TimeStampedModel):
    """What the departments agreed in a district conference: what, why and by whom."""

    conference = models.ForeignKey(
        DistrictConference, verbose_name=_("conference"), on_delete=models.PROTECT, related_name="agreements"
    )
    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(
        _("what was agreed"), max_length=300, help_text=_("Published in the district page's summary.")
    )
    reason = models.TextField(_("why"), max_length=3000, help_text=_("Internal."))
    units = models.ManyToManyField(
        "organisation.OrgUnit", verbose_name=_("agreed by the departments"), related_name="+"
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class ActionItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Reported done")
    CONFIRMED = "confirmed", _("Done (confirmed)")
    DISPUTED = "disputed", _("Disputed")


# The states a department sets itself; "confirmed" is set by the district manager, "disputed" with a reason.
UNIT_STATUSES = (ActionItemStatus.PLANNED, ActionItemStatus.IN_PROGRESS, ActionItemStatus.DONE)
FINISHED_STATUSES = frozenset({ActionItemStatus.DONE, ActionItemStatus.CONFIRMED})


class ActionItem(TimeStampedModel):
    """One measure of an agreement's action plan: which department does what, in which period, whom it addresses
    and how."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="items"
    )
    unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    measure = models.CharField(_("measure"), max_length=300, help_text=_("Published in the district page's summary."))
    starts_on = models.DateField(_("from"))
    due_on = models.DateField(_("due on"))
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    approach = models.CharField(
        _("how they are addressed"), max_length=500, blank=True, help_text=_("Who speaks to them, in which way.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionItemStatus.choices, default=ActionItemStatus.PLANNED
    )
    note = models.TextField(_("internal note"), max_length=3000, blank=True)
    done_at = models.DateTimeField(_("reported done"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("completion confirmed"), null=True, blank=True)
    disputed_reason = models.TextField(_("why it is disputed"), max_length=3000, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["due_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("starts_on")), name="actionitem_due_after_start"),
            models.CheckConstraint(
                condition=~Q(status="disputed") | ~Q(disputed_reason=""), name="actionitem_disputed_has_reason"
            ),
        ]

    def __str__(self):
        return self.measure

    @property
    def title(self) -> str:
        return self.measure

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return not self.is_finished and self.due_on < timezone.localdate()


class Escalation(TimeStampedModel):
    """An overdue or disputed item (or a whole agreement, `item` empty) brought to a body that decides."""

    class Body(models.TextChoices):
        DIRECTORS = "directors", _("Directors' conference (Dezernentenkonferenz)")
        MAYOR = "mayor", _("Mayor (Oberbürgermeister)")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="escalations"
    )
    item = models.ForeignKey(
        ActionItem,
        verbose_name=_("action item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    body = models.CharField(_("escalated to"), max_length=20, choices=Body.choices)
    escalated_on = models.DateField(_("escalated on"))
    reason = models.TextField(_("reason"), max_length=3000)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), max_length=3000, blank=True)
    consequence = models.TextField(_("consequence for the item"), max_length=3000, blank=True)
    new_due_on = models.DateField(_("new due date"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-escalated_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | ~Q(decision=""), name="escalation_decided_has_decision"
            )
        ]

    def __str__(self):
        return str(_("Escalation #%(number)s") % {"number": self.pk})

    @property
    def is_open(self) -> bool:
        return self.decided_on is None


class DistrictProject(TimeStampedModel):
    """A project of the district's development (at least one a year), linked to agreements, plans or processes,
    shown on the public district page with its state."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    district = models.ForeignKey(
        "organisation.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, help_text=_("Public."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PLANNED)
    agreements = models.ManyToManyField(Agreement, verbose_name=_("agreements"), related_name="projects", blank=True)
    plans = models.ManyToManyField("plans.Plan", verbose_name=_("plans"), related_name="+", blank=True)
    processes = models.ManyToManyField("processes.Process", verbose_name=_("processes"), related_name="+", blank=True)

    class Meta:
        verbose_name = _("district project")
        verbose_name_plural = _("district projects")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["district", "year"])]

    def __str__(self):
        return self.title
