"""What became of a process: its results, the decision on them, and the implementation."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class Result(TimeStampedModel):
    """The documented results of a process: a summary, recommendations, documents, and their sources."""

    process = models.OneToOneField("processes.Process", on_delete=models.CASCADE, related_name="result")
    summary = models.TextField(_("summary"), blank=True)
    contributions = models.ManyToManyField(
        "dialog.Contribution", verbose_name=_("contributions"), blank=True, related_name="results"
    )
    events = models.ManyToManyField("events.Event", verbose_name=_("events"), blank=True, related_name="results")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return f"{_('Results')}: {self.process}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Recommendation(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:80]


def document_path(instance, filename):
    return f"results/{instance.result_id}/{filename}"


class ResultDocument(TimeStampedModel):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    kind = models.CharField(_("kind"), max_length=10)  # plans.Attachment.Kind: pdf or image
    size = models.PositiveIntegerField(_("size in bytes"))
    alt_text = models.CharField(_("description of the image"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("result document")
        verbose_name_plural = _("result documents")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class Decision(TimeStampedModel):
    """The decision maker's decision on the results, with a verdict on every recommendation."""

    class Responsible(models.TextChoices):
        UNIT = "unit", _("Administration unit")
        BODY = "body", _("Political body")
        RESIDENTS = "residents", _("Residents' group")

    process = models.OneToOneField("processes.Process", on_delete=models.CASCADE, related_name="decision")
    decision_maker = models.CharField(_("decision maker"), max_length=200)
    date = models.DateField(_("date of the decision"), null=True, blank=True)
    body = models.CharField(_("body"), max_length=200, blank=True)
    council_paper = models.ForeignKey(
        "plans.CouncilPaper",
        verbose_name=_("council paper"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    text = models.TextField(_("decision"), blank=True)
    responsible_kind = models.CharField(
        _("responsible for implementation"), max_length=10, choices=Responsible.choices, blank=True
    )
    responsible_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("administration unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_name = models.CharField(_("name of the body or group"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{_('Decision')}: {self.process}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def responsible_label(self) -> str:
        if self.responsible_kind == self.Responsible.UNIT and self.responsible_unit_id:
            return str(self.responsible_unit)
        return self.responsible_name


class Verdict(models.Model):
    """What the decision made of one recommendation. Any deviation carries a published reason."""

    class Outcome(models.TextChoices):
        FOLLOWED = "followed", _("Followed")
        PARTLY = "partly", _("Partly followed")
        NOT_FOLLOWED = "not_followed", _("Not followed")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="verdicts")
    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="verdict")
    outcome = models.CharField(_("verdict"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("verdict on a recommendation")
        verbose_name_plural = _("verdicts on recommendations")
        constraints = [
            models.CheckConstraint(
                name="verdict_deviation_has_reason", condition=Q(outcome="followed") | ~Q(reason="")
            ),
        ]

    def __str__(self):
        return f"{self.recommendation}: {self.get_outcome_display()}"

    @property
    def deviates(self) -> bool:
        return self.outcome != self.Outcome.FOLLOWED


class Milestone(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DELAYED = "delayed", _("Delayed")
        DROPPED = "dropped", _("Dropped")

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="milestones")
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress in percent"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(_("weight"), null=True, blank=True, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["planned_start", "planned_end", "id"]
        constraints = [
            models.CheckConstraint(name="milestone_planned_in_order", condition=Q(planned_end__gte=F("planned_start"))),
            models.CheckConstraint(
                name="milestone_actual_in_order",
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
            ),
            models.CheckConstraint(name="milestone_progress_0_100", condition=Q(progress__lte=100)),
        ]
        indexes = [models.Index(fields=["process", "planned_end"])]

    def __str__(self):
        return self.title

    def is_overdue(self, today) -> bool:
        return self.planned_end < today and self.status not in (self.Status.DONE, self.Status.DROPPED)


class ImplementationUpdate(TimeStampedModel):
    """News of the implementation, with text and photos."""

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="implementation_updates")
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), null=True, blank=True, on_delete=models.SET_NULL, related_name="updates"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("implementation update")
        verbose_name_plural = _("implementation updates")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.text[:60]


def photo_path(instance, filename):
    return f"implementation/{instance.update.process_id}/{filename}"


class UpdatePhoto(models.Model):
    update = models.ForeignKey(ImplementationUpdate, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to=photo_path)
    alt_text = models.CharField(_("description of the image"), max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self):
        return self.alt_text


class CouncilPaperConsultation(models.Model):
    """One step of a council paper's consultations (Beratungsfolge), as read from OParl by oparl.sync_papers."""

    paper = models.ForeignKey(
        "plans.CouncilPaper", verbose_name=_("council paper"), on_delete=models.CASCADE, related_name="consultations"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    organization = models.CharField(_("body"), max_length=300, blank=True)
    meeting = models.CharField(_("meeting"), max_length=300, blank=True)
    date = models.DateField(_("date of the meeting"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=100, blank=True)
    authoritative = models.BooleanField(_("decides"), default=False)

    class Meta:
        verbose_name = _("consultation of a council paper")
        verbose_name_plural = _("consultations of council papers")
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "position"], name="council_paper_consultation_position_unique"),
        ]

    def __str__(self):
        return f"{self.paper.number}: {self.organization} ({self.role})"
