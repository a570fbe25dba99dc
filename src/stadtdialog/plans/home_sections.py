"""The plans' section of the staff home ("staff_home": draft plans the user may edit). Registered in apps.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of

from .models import Plan

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

TODO_LIMIT = 5


def drafts(user: User) -> QuerySet[Plan]:
    """Plans not yet published that the user may edit, the longest untouched first."""
    plans = Plan.objects.filter(published_at__isnull=True)
    if not is_city_wide_staff(user):
        plans = plans.filter(lead_unit_id__in=unit_ids_of(user))
    return plans.order_by("updated_at", "id")


def staff_drafts_probe(user: User):
    return drafts(user) if user.has_perm("plans.access_staff_plans") else []


def staff_drafts_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("plans.access_staff_plans"):
        return None
    found = drafts(user).select_related("lead_unit")
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "draft-plans",
            "heading": _("Plans not yet published"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": plan.title,
                    "url": reverse("plans:staff_detail", args=[plan.pk]),
                    "context": plan.lead_unit.short_name,
                    "when": plan.updated_at,
                    "when_label": _("last changed"),
                }
                for plan in rows
            ],
            "more_url": reverse("plans:staff_list") + "?stand=entwurf",
            "more_label": _("All draft plans"),
        }
    }
