"""Reports of content to the moderators (Flag). Hiding itself is stored on the content (dialog's `Hideable`).

The table keeps the name it had in the dialog app (``dialog_flag``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel
from stadtdialog.dialog.models import AUTHOR


class Flag(TimeStampedModel):
    """Anyone may report a contribution or comment to the moderators, with a reason."""

    class Decision(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Hidden")
        KEPT = "kept", _("Kept")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reason = models.TextField(_("reason"), max_length=1000)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", **AUTHOR)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report to the moderators")
        verbose_name_plural = _("reports to the moderators")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="dialog_flag_content_aef2da_idx")]
        db_table = "dialog_flag"
