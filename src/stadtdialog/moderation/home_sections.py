"""Moderation's section of the staff home ("staff_home": the reports waiting in the queue). Registered in
apps.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Flag

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User


def _open_flags():
    return Flag.objects.filter(decision=Flag.Decision.OPEN)


def staff_queue_probe(user: User):
    return _open_flags() if user.has_perm("moderation.moderate") else []


def staff_queue_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    """How many reports wait and since when (one query); the queue itself shows them grouped by content."""
    if not user.has_perm("moderation.moderate"):
        return None
    oldest = list(_open_flags().order_by("created_at", "id").values_list("created_at", flat=True)[:1])
    if not oldest:
        return None
    return {
        "todo": {
            "id": "moderation-queue",
            "heading": _("Reported content to check"),
            "count": _open_flags().count(),
            "items": [
                {
                    "title": _("The moderation queue, the longest waiting first"),
                    "url": reverse("moderation:queue"),
                    "when": oldest[0],
                    "when_label": _("oldest report of"),
                }
            ],
        }
    }
