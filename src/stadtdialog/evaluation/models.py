"""The evaluation of a process: its goals assessed, an anonymous questionnaire, lessons learned.

Anonymity of the questionnaire lives in the schema: an Invitation keeps only the hash of its
one-time token and whether it was used (no person, no address, no time); a Submission and its
Answers keep no reference to an invitation or a person, only the day they came in. Random UUIDs
as keys, so that not even the order of rows links an invitation to a submission.
"""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel
from stadtdialog.core.sanitize import sanitize_html


class Evaluation(TimeStampedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        PUBLISHED = "published", _("Published")

    process = models.OneToOneField("processes.Process", on_delete=models.CASCADE, related_name="evaluation")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED, db_index=True
    )
    accompanied = models.BooleanField(
        _("accompanied evaluation"),
        default=False,
        help_text=_("The coordination office accompanies this evaluation."),
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    invitations_sent_on = models.DateField(_("questionnaire sent on"), null=True, blank=True)
    invitations_sent = models.PositiveIntegerField(_("questionnaires sent"), default=0)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{_('Evaluation')}: {self.process}"

    def get_absolute_url(self):
        return reverse("evaluation:public", args=[self.process_id])

    @property
    def is_started(self) -> bool:
        return self.status != self.Status.NOT_STARTED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_open(self) -> bool:
        """The questionnaire takes answers while the evaluation is in progress."""
        return self.status == self.Status.IN_PROGRESS

    def save(self, *args, **kwargs):
        self.lessons_learned = sanitize_html(self.lessons_learned)
        super().save(*args, **kwargs)


class GoalAssessment(models.Model):
    """How far one SMART goal of the concept was reached."""

    class Rating(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assessments")
    goal = models.OneToOneField("processes.Goal", on_delete=models.CASCADE, related_name="assessment")
    measured_value = models.CharField(_("measured value"), max_length=200)
    rating = models.CharField(_("assessment"), max_length=20, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")

    def __str__(self):
        return f"{self.goal}: {self.get_rating_display()}"


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("Agreement (scale 1–5)")
        TEXT = "text", _("Free text")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.LIKERT)
    criterion = models.CharField(_("quality criterion"), max_length=40, blank=True)  # blank: the process's own
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def is_standard(self) -> bool:
        return bool(self.criterion)


class Invitation(models.Model):
    """A one-time link: only the SHA-256 of its token and whether it was used. Nothing about the person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("questionnaire link")
        verbose_name_plural = _("questionnaire links")

    def __str__(self):
        return str(self.id)


class Submission(models.Model):
    """One filled-in questionnaire. No person, no link, no time of day."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper form")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="submissions")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    submitted_on = models.DateField(_("received on"))

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")

    def __str__(self):
        return f"{self.evaluation_id} {self.submitted_on:%Y-%m-%d}"


class Answer(models.Model):
    """The answer to one question: a scale value (0 = no answer, 1 = fully agree … 5 = not at all) or text."""

    NO_ANSWER = 0

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(5)])
    text = models.TextField(blank=True, max_length=3000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="evaluation_answer_once"),
            models.CheckConstraint(name="evaluation_answer_scale", condition=models.Q(value__lte=5)),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.text or self.value}"
