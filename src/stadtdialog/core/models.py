"""Shared building blocks: timestamps, the audit log and the staff-editable site pages."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
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
    """A page of the site that staff edit: imprint, privacy, accessibility statement, easy language."""

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")
        EASY_LANGUAGE = "leichte-sprache", _("Easy language")
        NETIQUETTE = "netiquette", _("Netiquette")

    slug = models.SlugField(_("address"), unique=True, choices=Slug.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)
