"""The processes' sections of the start page ("start_page": participations running now, soonest deadline first)
and of the staff home ("staff_home": draft processes the user may edit). Registered in apps.py."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of

from .models import Phase, Process

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

START_LIMIT = 6
TODO_LIMIT = 5


def running_phases(today: datetime.date) -> QuerySet[Phase]:
    """Phases running today of published processes of published plans."""
    return Phase.objects.filter(
        process__published_at__isnull=False, process__plan__published_at__isnull=False, start__lte=today, end__gte=today
    )


def start_running_probe(today: datetime.date) -> QuerySet[Phase]:
    return running_phases(today)


def start_running_section(request: HttpRequest | None, today: datetime.date) -> dict:
    """The participations running now, the one whose running phase ends first at the top (two queries)."""
    phases = running_phases(today).select_related("process__plan").order_by("end", "process_id", "id")
    items, seen = [], set()
    for phase in phases[: START_LIMIT * 3]:  # a process with overlapping running phases appears once
        if phase.process_id in seen or len(items) == START_LIMIT:
            continue
        seen.add(phase.process_id)
        items.append(
            {
                "title": phase.process.title,
                "url": phase.process.get_absolute_url(),
                "context": phase.title if phase.title != phase.process.title else phase.process.plan.title,
                "when": phase.end,
                "when_label": _("You can take part until"),
            }
        )
    total = running_phases(today).values("process_id").distinct().count()
    more = total > len(items)
    return {
        "start": {
            "id": "running",
            "heading": _("Take part now"),
            "items": items,
            "more_url": reverse("plans:list") + "?participation=running" if more else "",
            "more_label": _("All %(count)s participations running now") % {"count": total},
        }
    }


# Shown without a query when nothing runs (core.extensions: when_empty).
START_RUNNING_WHEN_EMPTY = {
    "start": {
        "id": "running",
        "heading": gettext_lazy("Take part now"),
        "items": [],
        "empty": gettext_lazy("No participation is running at the moment. The plan list shows the ones planned."),
        "more_url": format_lazy("{}?participation=planned", reverse_lazy("plans:list")),
        "more_label": gettext_lazy("Plans with a participation planned"),
    }
}


def _editable(user: User) -> QuerySet[Process]:
    processes = Process.objects.all()
    if not is_city_wide_staff(user):
        processes = processes.filter(plan__lead_unit_id__in=unit_ids_of(user))
    return processes


def drafts(user: User) -> QuerySet[Process]:
    """Processes not yet published that the user may edit, the longest untouched first."""
    return _editable(user).filter(published_at__isnull=True).select_related("plan").order_by("updated_at", "id")


def staff_drafts_probe(user: User):
    if not user.has_perm("plans.access_staff_plans"):
        return []
    return drafts(user)


def staff_drafts_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("plans.access_staff_plans"):
        return None
    found = drafts(user)
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "draft-processes",
            "heading": _("Participation processes not yet published"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": p.title,
                    "url": reverse("processes:staff_detail", args=[p.pk]),
                    "context": p.plan.title,
                    "when": p.updated_at,
                    "when_label": _("last changed"),
                }
                for p in rows
            ],
            "more_url": reverse("plans:staff_list"),
            "more_label": _("All plans and processes"),
        }
    }
