"""Funding rounds, applications, the committee and its sessions, approvals and use-of-funds reports (issue 15).

Amounts are euros and cents as decimals (never floats). A round's `committed` column is the sum of the amounts
approved in it, kept by the service in the same transaction as the approval, under a row lock on the round; the
database refuses `committed > budget` (CheckConstraint `office_round_not_overcommitted`)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stadtdialog.core.models import TimeStampedModel

__all__ = [
    "AgendaItem",
    "BudgetItem",
    "Committee",
    "CommitteeMember",
    "CommitteeSession",
    "ConflictOfInterest",
    "FundingApplication",
    "FundingRound",
    "Instalment",
    "ReportDocument",
    "UseOfFundsReport",
    "Vote",
]

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class Committee(TimeStampedModel):
    """The committee that decides the applications of funding rounds; its composition is decided politically."""

    name = models.CharField(_("name"), max_length=200)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=3, help_text=_("How many members without a conflict must be present for a decision.")
    )

    class Meta:
        verbose_name = _("funding committee")
        verbose_name_plural = _("funding committees")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(name="office_committee_quorum_positive", condition=models.Q(quorum__gte=1))
        ]

    def __str__(self):
        return self.name


class CommitteeMember(TimeStampedModel):
    """A member of the committee, with an account (external members too: from associations, initiatives)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="committee_seats"
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    is_external = models.BooleanField(_("external member"), default=False)
    affiliation = models.CharField(_("sent by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["-is_chair", "user__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="office_committee_member_once")]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The member's full name (the committee acts in public capacity), else the name they go by."""
        return self.user.full_name or self.user.display_name


class FundingRound(TimeStampedModel):
    """A funding round: a budget, what may be funded, a submission deadline and the committee's date."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("what may be funded"), max_length=5000)
    budget = models.DecimalField(_("budget in euros"), **MONEY)
    committed = models.DecimalField(_("approved so far"), default=ZERO, editable=False, **MONEY)
    submission_deadline = models.DateTimeField(_("submission deadline"))
    committee_date = models.DateField(_("committee date"))
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="rounds"
    )
    open_to_initiatives = models.BooleanField(
        _("initiatives and associations may apply"),
        default=False,
        help_text=_("Without this, only departments and district councils file applications."),
    )
    rules_page = models.ForeignKey(
        "core.Page",
        verbose_name=_("funding rules"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        ordering = ["-committee_date", "-id"]
        constraints = [
            models.CheckConstraint(name="office_round_budget_positive", condition=models.Q(budget__gt=0)),
            models.CheckConstraint(name="office_round_committed_positive", condition=models.Q(committed__gte=0)),
            models.CheckConstraint(
                name="office_round_not_overcommitted", condition=models.Q(committed__lte=models.F("budget"))
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("office:funding_round", args=[self.slug])

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed


class FundingApplication(TimeStampedModel):
    """An application for funding, filed through a department, a district council or (where the round allows
    it) by an initiative or association. Its state has an internal label and a label for the applicant."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        DISTRICT_COUNCIL = "district_council", _("District council")
        INITIATIVE = "initiative", _("Initiative or association")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, to be screened")
        MORE_INFO = "more_info", _("More information requested")
        ELIGIBLE = "eligible", _("Eligible, not yet on an agenda")
        INELIGIBLE = "ineligible", _("Not eligible")
        ON_AGENDA = "on_agenda", _("On the committee's agenda")
        APPROVED = "approved", pgettext_lazy("funding", "Approved")
        DECLINED = "declined", pgettext_lazy("funding", "Declined")
        DEFERRED = "deferred", _("Deferred to the next round")
        COMPLETED = "completed", _("Completed, use of funds accepted")

    APPLICANT_LABELS = {
        State.DRAFT: _("Draft, not submitted yet"),
        State.SUBMITTED: _("Submitted, being checked"),
        State.MORE_INFO: _("Please add information"),
        State.ELIGIBLE: _("Being checked"),
        State.INELIGIBLE: _("Cannot be funded"),
        State.ON_AGENDA: _("Waiting for the committee"),
        State.APPROVED: pgettext_lazy("funding", "Approved"),
        State.DECLINED: _("Not approved"),
        State.DEFERRED: _("Moved to the next round"),
        State.COMPLETED: _("Completed"),
    }
    EDITABLE = (State.DRAFT, State.MORE_INFO)
    DECIDED = (State.APPROVED, State.DECLINED, State.COMPLETED)

    class Recommendation(models.TextChoices):
        NONE = "", _("No recommendation")
        APPROVE = "approve", pgettext_lazy("funding", "Approve")
        APPROVE_LOWER = "approve_lower", _("Approve a lower amount")
        DECLINE = "decline", pgettext_lazy("funding", "Decline")

    round = models.ForeignKey(
        FundingRound, verbose_name=_("funding round"), on_delete=models.PROTECT, related_name="applications"
    )
    kind = models.CharField(_("filed by"), max_length=20, choices=Kind.choices)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )
    district_council = models.ForeignKey(
        "organisation.DistrictCouncil",
        verbose_name=_("district council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )
    organisation = models.CharField(_("applicant organisation"), max_length=200)
    title = models.CharField(_("project title"), max_length=200)
    purpose = models.TextField(_("purpose (published if approved)"), max_length=1000)
    participation = models.TextField(_("how people take part"), max_length=3000, blank=True)
    timeline = models.TextField(_("timeline"), max_length=2000, blank=True)
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty: citywide."),
    )
    field_of_action = models.ForeignKey(
        "organisation.FieldOfAction",
        verbose_name=_("field of action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    own_funds = models.DecimalField(_("own funds"), default=ZERO, **MONEY)
    other_funding = models.DecimalField(_("other funding"), default=ZERO, **MONEY)
    requested_amount = models.DecimalField(_("requested amount"), default=ZERO, **MONEY)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    info_request = models.TextField(_("information requested"), max_length=2000, blank=True)
    screening_note = models.TextField(_("internal screening note"), max_length=2000, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=16, choices=Recommendation.choices, blank=True, default=""
    )
    recommended_amount = models.DecimalField(_("recommended amount"), null=True, blank=True, **MONEY)
    approved_amount = models.DecimalField(_("approved amount"), null=True, blank=True, **MONEY)
    conditions = models.TextField(_("conditions"), max_length=2000, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    report_due = models.DateField(_("use-of-funds report due"), null=True, blank=True)
    report_reminded_at = models.DateTimeField(_("reminded of the report"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="funding_applications",
    )

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="office_application_amounts_positive",
                condition=models.Q(own_funds__gte=0, other_funding__gte=0, requested_amount__gte=0),
            ),
            models.CheckConstraint(
                name="office_application_approved_within_request",
                condition=models.Q(approved_amount__isnull=True)
                | models.Q(approved_amount__gt=0, approved_amount__lte=models.F("requested_amount")),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("office:funding_application", args=[self.pk])

    @property
    def applicant_label(self) -> str:
        return str(self.APPLICANT_LABELS.get(self.state, self.get_state_display()))

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE

    @property
    def is_funded(self) -> bool:
        return self.state in (self.State.APPROVED, self.State.COMPLETED)


class BudgetItem(models.Model):
    """One cost item of an application's budget plan."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="budget_items")
    description = models.CharField(_("cost item"), max_length=200)
    amount = models.DecimalField(_("amount in euros"), **MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(name="office_budget_item_positive", condition=models.Q(amount__gt=0))]

    def __str__(self):
        return self.description


class CommitteeSession(TimeStampedModel):
    """A session of the committee for a round: who is present, the agenda, the decisions, the minutes."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("In session")
        CLOSED = "closed", _("Closed")

    round = models.ForeignKey(
        FundingRound, verbose_name=_("funding round"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PLANNED)
    present = models.ManyToManyField(CommitteeMember, verbose_name=_("present"), blank=True, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee session")
        verbose_name_plural = _("committee sessions")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.round} – {self.date:%d.%m.%Y}"


class AgendaItem(models.Model):
    """An application on a session's agenda, with the office's recommendation and the committee's decision."""

    class Outcome(models.TextChoices):
        OPEN = "", _("Not decided yet")
        APPROVED = "approved", pgettext_lazy("funding", "Approved")
        APPROVED_CONDITIONS = "approved_conditions", _("Approved with conditions")
        DECLINED = "declined", pgettext_lazy("funding", "Declined")
        DEFERRED = "deferred", _("Deferred to the next round")

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey(FundingApplication, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True, default="")
    amount = models.DecimalField(_("approved amount"), null=True, blank=True, **MONEY)
    conditions = models.TextField(_("conditions"), max_length=2000, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    votes_yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    votes_no = models.PositiveSmallIntegerField(_("no"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="office_agenda_application_once")
        ]

    def __str__(self):
        return f"TOP {self.position}: {self.application.title}"


class ConflictOfInterest(models.Model):
    """A member's declared conflict of interest on an agenda item: they take no part in its vote and do not see
    its documents."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="office_conflict_once")]

    def __str__(self):
        return self.reason


class Vote(models.Model):
    """A member's vote on an agenda item (never by a member with a conflict on it: the service refuses)."""

    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstention")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="office_vote_once")]

    def __str__(self):
        return self.get_choice_display()


class Instalment(models.Model):
    """A payment date of an approved application."""

    application = models.ForeignKey(FundingApplication, on_delete=models.CASCADE, related_name="instalments")
    due_date = models.DateField(_("payment date"))
    amount = models.DecimalField(_("amount in euros"), **MONEY)
    paid_at = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["due_date", "id"]
        constraints = [models.CheckConstraint(name="office_instalment_positive", condition=models.Q(amount__gt=0))]

    def __str__(self):
        return f"{self.due_date:%d.%m.%Y}"


class UseOfFundsReport(TimeStampedModel):
    """The use-of-funds report (Verwendungsnachweis) of an approved application, accepted by the office."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted")

    application = models.OneToOneField(FundingApplication, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("what was done and who took part"), max_length=5000)
    spent_amount = models.DecimalField(_("funds spent in euros"), **MONEY)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SUBMITTED)
    office_note = models.TextField(_("note of the coordination office"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("use-of-funds report")
        verbose_name_plural = _("use-of-funds reports")
        constraints = [
            models.CheckConstraint(name="office_report_spent_positive", condition=models.Q(spent_amount__gte=0))
        ]

    def __str__(self):
        return f"{_('Use-of-funds report')}: {self.application}"


def report_document_path(instance, filename):
    return f"office/funding/{instance.report.application_id}/{filename}"


class ReportDocument(models.Model):
    """A receipt or document of a use-of-funds report (PDF or image, checked by content and size)."""

    report = models.ForeignKey(UseOfFundsReport, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=report_document_path)
    title = models.CharField(_("title"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document of a report")
        verbose_name_plural = _("documents of reports")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title
