"""Shared building blocks: timestamps, the audit log, the site pages staff write and the barrier reports."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .sanitize import sanitize_html


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write of a service: who did what to which object, with the values before and after."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the actor's account was deleted: the entry stays, "who" reads as a deleted account, not the system.
    actor_deleted = models.BooleanField(_("by a deleted account"), default=False)
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            # the site-wide log's filters by person, action and area (core.audit.log_entries)
            models.Index(fields=["actor", "-created_at"], name="core_audit_actor_created"),
            models.Index(fields=["action", "-created_at"], name="core_audit_action_created"),
            models.Index(fields=["content_type", "-created_at"], name="core_audit_type_created"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def who(self) -> str:
        """The actor for a history: the person, "deleted account", or "system" for work without a person."""
        if self.actor_id:
            return str(self.actor)
        return str(_("deleted account") if self.actor_deleted else _("system"))


class Page(TimeStampedModel):
    """A page of the site that staff write: the required legal and help pages and any pages the city adds.

    The pages with a reserved slug (`Slug`) are required (imprint, privacy, accessibility statement, easy
    language, sign language, netiquette): their address stays and they cannot be removed. The sign-language
    page carries a video with captions and a transcript; the accessibility statement its structured parts
    (compliance, known barriers, date, arbitration body).
    """

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")
        EASY_LANGUAGE = "leichte-sprache", _("Easy language")
        SIGN_LANGUAGE = "gebaerdensprache", _("Sign language")
        NETIQUETTE = "netiquette", _("Netiquette")

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=100)
    in_footer = models.BooleanField(_("linked in the footer of every page"), default=False)
    # Set for the imprint and privacy pages while they hold the text they were installed with.
    needs_review = models.BooleanField(_("still holds placeholder text"), default=False)
    # The sign-language page: a video from the city's own media (an upload or an https address on its
    # media server), captions (WebVTT) and the transcript shown below the video.
    video = models.FileField(_("video file"), upload_to="pages/video/", blank=True)
    video_url = models.URLField(_("video address"), max_length=500, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to="pages/captions/", blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    # The accessibility statement (BITV 2.0, BGG).
    compliance = models.CharField(_("state of compliance"), max_length=10, choices=Compliance.choices, blank=True)
    known_barriers = models.TextField(_("known barriers"), blank=True)
    statement_date = models.DateField(_("date of the statement"), null=True, blank=True)
    arbitration_body = models.TextField(_("arbitration body"), blank=True)

    RICH_TEXT_FIELDS = ("body", "transcript", "known_barriers", "arbitration_body")

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for name in self.RICH_TEXT_FIELDS:
            setattr(self, name, sanitize_html(getattr(self, name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("core:page", args=[self.slug])

    @property
    def is_reserved(self) -> bool:
        """A required page: its address stays and it cannot be removed."""
        return self.slug in self.Slug.values

    @property
    def is_sign_language(self) -> bool:
        return self.slug == self.Slug.SIGN_LANGUAGE

    @property
    def is_statement(self) -> bool:
        return self.slug == self.Slug.ACCESSIBILITY

    @property
    def video_source(self) -> str:
        """The address the page's video plays from: the uploaded file, else the media server's address."""
        if self.video:
            return self.video.url
        return self.video_url

    @property
    def video_type(self) -> str:
        """The MIME type of the video for <source type>, from the address's ending; empty when unknown."""
        name = (self.video.name if self.video else self.video_url.split("?")[0]).lower()
        if name.endswith(".webm"):
            return "video/webm"
        if name.endswith((".mp4", ".m4v")):
            return "video/mp4"
        return ""


class BarrierReport(models.Model):
    """A barrier someone reported through the accessibility statement's feedback form: a case the
    coordination office answers within ACCESSIBILITY_ANSWER_DAYS. Name and e-mail are for the answer only
    and are never shown in public; no IP address is stored."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    text = models.TextField(_("what does not work"), max_length=4000)
    page_url = models.CharField(_("where"), max_length=500)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    due_at = models.DateField(_("answer due by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), max_length=6000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        # No name or e-mail: this text is the audit log's object name.
        return gettext("Barrier report no. %(number)s") % {"number": self.pk}

    @property
    def title(self) -> str:
        return str(self)

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_at < timezone.localdate()
