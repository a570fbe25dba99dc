"""Initiatives: residents ask for a participation process or propose a plan idea; district councils
file their motion for one. The responsible department reviews each through public states."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class Initiative(TimeStampedModel):
    class Kind(models.TextChoices):
        PROCESS_REQUEST = "process_request", _("Request for a participation process")
        PLAN_IDEA = "plan_idea", _("Idea for a plan")
        COUNCIL_MOTION = "council_motion", _("Motion of a district council")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("In review")
        REFERRED = "referred", _("Referred to the political body")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    # Which state may follow which; accepted and declined are final.
    TRANSITIONS = {
        State.RECEIVED: (State.IN_REVIEW, State.REFERRED, State.ACCEPTED, State.DECLINED),
        State.IN_REVIEW: (State.REFERRED, State.ACCEPTED, State.DECLINED),
        State.REFERRED: (State.IN_REVIEW, State.ACCEPTED, State.DECLINED),
        State.ACCEPTED: (),
        State.DECLINED: (),
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("Empty when the initiative concerns the whole city."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives"
    )
    council_decision_date = models.DateField(_("date of the council's decision"), null=True, blank=True)
    motion_number = models.CharField(_("number of the motion"), max_length=40, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True)
    state_reason = models.TextField(_("reason"), blank=True)
    state_changed_at = models.DateTimeField(_("state since"), null=True, blank=True)
    department = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("participation process that follows"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def is_citywide(self) -> bool:
        return self.district_id is None


class InitiativeStep(models.Model):
    """One step of an initiative's public history: its state then, with the note or reason."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="steps")
    state = models.CharField(_("state"), max_length=20, choices=Initiative.State.choices)
    note = models.TextField(_("note or reason"), blank=True)
    department = models.ForeignKey(
        "organisation.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of an initiative")
        verbose_name_plural = _("steps of initiatives")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.initiative_id}: {self.get_state_display()}"


class IntakeDefault(models.Model):
    """The department that takes initiatives of a district by default, until the coordination office reassigns."""

    district = models.OneToOneField(
        "organisation.District", verbose_name=_("district"), on_delete=models.CASCADE, related_name="initiative_intake"
    )
    department = models.ForeignKey(
        "organisation.OrgUnit", verbose_name=_("department"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("default department for initiatives")
        verbose_name_plural = _("default departments for initiatives")

    def __str__(self):
        return f"{self.district}: {self.department}"
