"""Residents follow plans, processes, districts and fields of action and get e-mail about them (a district's or a
field of action's followers also hear of every plan published in it); authors hear of answers and of their posts
being hidden by the moderators, with the reason.

NotificationLog remembers every notice a user was given (one row per user and key), so the daily
command and the signal listeners never send the same thing twice; unsent rows of users who chose the
daily digest wait there for the next digest."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="follow_once")]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user_id} → {self.content_type.model} {self.object_id}"


class NotificationSetting(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately, one e-mail per notice")
        DAILY = "daily", _("Once a day, all notices in one e-mail")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_setting")
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    answers = models.BooleanField(_("e-mail when my contributions are answered"), default=True)
    mail_enabled = models.BooleanField(_("send me e-mail notifications"), default=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class NotificationLog(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("New report")
        ANSWER = "answer", _("Answer to your contribution")
        PHASE_START = "phase_start", _("A phase starts")
        DEADLINE = "deadline", _("Deadline in three days")
        RESULTS = "results", _("Results published")
        PLAN = "plan", _("A plan is published")
        HIDDEN = "hidden", _("The moderators hid your post")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=120, help_text="What was notified, e.g. report:12; unique per user.")
    follow = models.ForeignKey(Follow, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject = models.CharField(max_length=300)
    text = models.TextField(max_length=2000)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user")]

    def __str__(self):
        return f"{self.user_id}: {self.key}"
