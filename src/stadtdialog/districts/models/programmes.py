"""Action programmes (Handlungsprogramm, issue 13 item 5): per district a programme over the fields of action, the
needs (Handlungsbedarfe) from residents, concerns and conferences, public prioritisation rounds in which every
verified resident distributes a fixed number of points, the priorities (Handlungsschwerpunkte) the district
conference agrees and the directors' conference's decision.

A resident's points are rows (`Allocation`, unique per round, resident and need) under one `Ballot` per round and
resident; the service changes them in one transaction with the ballot's row locked and moves the needs' kept
totals (`Need.points_total`) by F() expressions, so that parallel votes lose nothing.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stadtdialog.core.models import TimeStampedModel
from stadtdialog.dialog.models import AUTHOR, Hideable, Response

__all__ = ["ActionProgramme", "Allocation", "Ballot", "Need", "PrioritisationRound", "Priority"]


class ActionProgramme(TimeStampedModel):
    """One per district: the programme, public once published, with the directors' conference's decision."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("decision", "Approved")
        APPROVED_WITH_CHANGES = "changed", _("Approved with changes")
        DEFERRED = "deferred", _("Deferred")
        REJECTED = "rejected", _("Rejected")

    district = models.OneToOneField(
        "organisation.District", verbose_name=_("district"), on_delete=models.CASCADE, related_name="action_programme"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=3000, blank=True)
    is_published = models.BooleanField(_("shown in public"), default=False)
    decided_on = models.DateField(_("decided by the directors' conference on"), null=True, blank=True)
    outcome = models.CharField(
        _("decision of the directors' conference"), max_length=20, choices=Outcome.choices, blank=True
    )
    decision_text = models.TextField(_("what the directors' conference decided"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("action programme")
        verbose_name_plural = _("action programmes")
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="programme_title_not_blank"),
            # a decision has its date and its outcome, or neither is recorded
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True, outcome="")
                | (models.Q(decided_on__isnull=False) & ~models.Q(outcome="")),
                name="programme_decision_date_and_outcome",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("districts:programme", args=[self.district.slug])


class PrioritisationRound(TimeStampedModel):
    """A public round: while it is open, verified residents propose needs and distribute their points."""

    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    points_per_resident = models.PositiveSmallIntegerField(
        _("points per resident"), default=10, help_text=_("Every resident distributes this many points.")
    )

    class Meta:
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_closes_after"),
            models.CheckConstraint(
                condition=models.Q(points_per_resident__gte=1, points_per_resident__lte=100),
                name="round_points_1_to_100",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at


class Need(TimeStampedModel, Hideable):
    """A need (Handlungsbedarf) of the district: proposed by a resident in a round, taken over from a concern (the
    link is kept, nothing personal is copied) or entered by staff from a conference. Moderated and answered like a
    contribution."""

    class Source(models.TextChoices):
        RESIDENT = "resident", _("Proposed by a resident")
        CONCERN = "concern", _("From a concern")
        CONFERENCE = "conference", _("Stadtbezirkskonferenz")

    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="needs")
    round = models.ForeignKey(
        PrioritisationRound,
        verbose_name=_("prioritisation round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    field_of_action = models.ForeignKey(
        "organisation.FieldOfAction", verbose_name=_("field of action"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("description"), max_length=2000)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.RESIDENT)
    source_on = models.DateField(_("date of the conference"), null=True, blank=True)
    source_note = models.CharField(_("where it came up"), max_length=200, blank=True)
    concern = models.ForeignKey(
        "districts.Concern",
        verbose_name=_("concern"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    points_total = models.PositiveIntegerField(_("points"), default=0)
    answer_status = models.CharField(_("answer"), max_length=30, choices=Response.Status.choices, blank=True)
    answer_text = models.TextField(_("reason"), max_length=3000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-points_total", "id"]
        indexes = [models.Index(fields=["round", "-points_total"], name="need_round_points_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="need_title_not_blank"),
            models.CheckConstraint(condition=~models.Q(text=""), name="need_text_not_blank"),
            models.CheckConstraint(
                condition=models.Q(source="concern") | models.Q(concern__isnull=True), name="need_concern_only_source"
            ),
            models.UniqueConstraint(
                fields=["programme", "concern"], condition=models.Q(concern__isnull=False), name="need_concern_once"
            ),
            # the answer's reason, as a contribution's (dialog.Response)
            models.CheckConstraint(
                condition=models.Q(answer_status__in=["", "taken", "under_review"]) | ~models.Q(answer_text=""),
                name="need_answer_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("districts:need", args=[self.programme.district.slug, self.pk])


class Ballot(models.Model):
    """A resident's points in one round; its row is locked while the points change."""

    round = models.ForeignKey(PrioritisationRound, on_delete=models.CASCADE, related_name="ballots")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["round", "resident"], name="ballot_once_per_round")]

    def __str__(self):
        return f"{self.round_id}/{self.resident_id}"


class Allocation(models.Model):
    """Points of one resident on one need of a round."""

    round = models.ForeignKey(PrioritisationRound, on_delete=models.CASCADE, related_name="allocations")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="allocations")
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("points on a need")
        verbose_name_plural = _("points on needs")
        constraints = [
            models.UniqueConstraint(fields=["round", "resident", "need"], name="allocation_once"),
            models.CheckConstraint(condition=models.Q(points__gt=0), name="allocation_points_positive"),
        ]

    def __str__(self):
        return f"{self.need_id}: {self.points}"


class Priority(TimeStampedModel):
    """A priority (Handlungsschwerpunkt) agreed by the district conference, with the needs it takes up."""

    class State(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(_("title"), max_length=200)
    field_of_action = models.ForeignKey(
        "organisation.FieldOfAction", verbose_name=_("field of action"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), max_length=3000, blank=True)
    needs = models.ManyToManyField(Need, verbose_name=_("needs it takes up"), blank=True, related_name="priorities")
    agreed_on = models.DateField(_("agreed on"))
    agreed_at = models.CharField(
        _("agreed at"), max_length=200, help_text=_("For example “Stadtbezirkskonferenz 12.03.2027”.")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.AGREED)
    state_note = models.CharField(_("note on the state"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["field_of_action__position", "agreed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="priority_title_not_blank"),
            models.CheckConstraint(condition=~models.Q(agreed_at=""), name="priority_agreed_at_not_blank"),
        ]

    def __str__(self):
        return self.title
