"""The outcomes' sections of the start page ("start_page": results and decisions published lately) and of the
staff home ("staff_home": overdue milestones of the user's processes). Registered in apps.py."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of

from . import queries
from .models import Decision, Result

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

START_LIMIT = 5
TODO_LIMIT = 5


def _public(model):
    return model.objects.filter(
        published_at__isnull=False, process__published_at__isnull=False, process__plan__published_at__isnull=False
    )


def start_outcomes_probe(today: datetime.date) -> list:
    return [_public(Result), _public(Decision)]


def start_outcomes_section(request: HttpRequest | None, today: datetime.date) -> dict:
    """The latest published results and decisions together, newest first: two queries."""
    found = [
        (r.published_at, _("Results published"), r.process, reverse("outcomes:results", args=[r.process_id]))
        for r in _public(Result).select_related("process__plan").order_by("-published_at", "-id")[:START_LIMIT]
    ] + [
        (d.published_at, _("Decision published"), d.process, reverse("outcomes:decision", args=[d.process_id]))
        for d in _public(Decision).select_related("process__plan").order_by("-published_at", "-id")[:START_LIMIT]
    ]
    found.sort(key=lambda row: row[0], reverse=True)
    return {
        "start": {
            "id": "outcomes",
            "heading": _("What came of it"),
            "items": [
                {
                    "title": process.title,
                    "url": url,
                    "context": process.plan.title,
                    "when": timezone.localtime(when).date(),
                    "when_label": label,
                }
                for when, label, process, url in found[:START_LIMIT]
            ],
        }
    }


def _overdue(user: User):
    return queries.overdue_milestones(unit_ids=None if is_city_wide_staff(user) else unit_ids_of(user))


def staff_overdue_probe(user: User):
    return _overdue(user) if user.has_perm("outcomes.view_overdue") else []


def staff_overdue_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("outcomes.view_overdue"):
        return None
    found = _overdue(user)
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "overdue-milestones",
            "heading": _("Overdue milestones"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": milestone.title,
                    "url": reverse("outcomes:staff_milestone", args=[milestone.process_id, milestone.pk]),
                    "context": milestone.process.title,
                    "when": milestone.planned_end,
                    "when_label": _("planned end"),
                }
                for milestone in rows
            ],
            "more_url": reverse("outcomes:staff_overdue"),
            "more_label": _("All overdue milestones"),
        }
    }
