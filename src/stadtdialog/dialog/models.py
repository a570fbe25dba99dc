"""The dialog of a process: contributions, comments, support and the administration's responses.

`Hideable` is the part of every piece of content that the moderators (stadtdialog.moderation) can hide;
the reports app's comments use it too.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel

# The placeholder where a withdrawn contribution or comment was.
WITHDRAWN = _("Withdrawn by its author")
AUTHOR = dict(null=True, blank=True, on_delete=models.SET_NULL)  # contributions stay when an account is deleted


class OwnedByAuthor(models.Model):
    """What a resident may do with what they wrote (dialog.services): edit it until it is answered (then
    `edited_at` is set and shown as "bearbeitet"), withdraw it at any time (its text is removed, `withdrawn_at`
    set; a placeholder stays where it was, answers and replies stay in place)."""

    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Hideable(models.Model):
    """Moderators hide content; the public then sees a placeholder with the reason."""

    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


def contribution_image_path(instance, filename):
    return f"contributions/{instance.process_id}/{filename}"


class Contribution(TimeStampedModel, Hideable, OwnedByAuthor):
    class Kind(models.TextChoices):
        IDEA = "idea", _("Idea")
        CONCERN = "concern", _("Concern or objection")
        QUESTION = "question", _("Question")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        POSTCARD = "postcard", _("Postcard")
        WORKSHOP = "workshop", _("Workshop")
        EVENT = "event", _("Event on site")
        LETTER = "letter", _("Letter or e-mail")

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="contributions")
    phase = models.ForeignKey(
        "processes.Phase", null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=5000)
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
    quarter = models.ForeignKey(
        "organisation.Quarter", verbose_name=_("quarter"), null=True, blank=True, on_delete=models.SET_NULL
    )
    image = models.FileField(_("image"), upload_to=contribution_image_path, blank=True)
    image_alt = models.CharField(_("description of the image"), max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="contributions", **AUTHOR)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.ONLINE)
    source_note = models.CharField(_("where it was collected"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    # Kept by the services so that lists sort and filter without aggregating.
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    answer_status = models.CharField(_("answer"), max_length=30, blank=True, default="", db_index=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["process", "-created_at"]),
            models.Index(fields=["process", "-support_count"]),
            models.Index(fields=["process", "-comment_count"]),
            # counts of the list's kind and answer filters and the process page's counts by answer, from the index alone
            models.Index(fields=["process", "answer_status", "kind", "hidden_at"], name="contribution_filter_idx"),
        ]
        constraints = [
            # a withdrawn contribution keeps its row without its words (the placeholder stands for them)
            models.CheckConstraint(
                condition=~models.Q(title="") | models.Q(withdrawn_at__isnull=False),
                name="contribution_title_not_blank",
            ),
            models.CheckConstraint(
                condition=~models.Q(text="") | models.Q(withdrawn_at__isnull=False),
                name="contribution_text_not_blank",
            ),
        ]

    def __str__(self):
        return self.title or str(WITHDRAWN)

    def get_absolute_url(self):
        return reverse("dialog:contribution", args=[self.pk])


class Comment(TimeStampedModel, Hideable, OwnedByAuthor):
    """A reply to a contribution; replies to a comment stay one level deep."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="comments", **AUTHOR)
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text="") | models.Q(withdrawn_at__isnull=False), name="comment_text_not_blank"
            )
        ]

    def __str__(self):
        return self.text[:60] or str(WITHDRAWN)


class Support(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["contribution", "user"], name="support_once_per_account")]

    def __str__(self):
        return f"{self.user_id} → {self.contribution_id}"


class Response(TimeStampedModel):
    """The administration's published answer to a contribution."""

    class Status(models.TextChoices):
        TAKEN = "taken", _("Taken into account")
        PARTLY = "partly", _("Partly taken into account")
        NOT_TAKEN = "not_taken", _("Not taken into account")
        OUT_OF_SCOPE = "out_of_scope", _("Outside the scope")
        UNDER_REVIEW = "under_review", _("Under review")

    # A reason is required for every status but these.
    NO_REASON_NEEDED = (Status.TAKEN, Status.UNDER_REVIEW)

    contribution = models.OneToOneField(Contribution, on_delete=models.CASCADE, related_name="response")
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    text = models.TextField(_("answer"), max_length=5000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            # the reason that every status but two needs (answer_contribution says so in German first)
            models.CheckConstraint(
                condition=models.Q(status__in=["taken", "under_review"]) | ~models.Q(text=""),
                name="response_reason_unless_taken_or_under_review",
            )
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.contribution}"
