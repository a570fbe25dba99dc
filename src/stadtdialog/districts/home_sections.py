"""The districts' sections of the start page ("start_page": the districts, each linking to its page) and of the
staff home ("staff_home": open concerns the user handles). Registered in apps.py."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from stadtdialog.organisation.models import District

from . import queries_concerns

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

TODO_LIMIT = 5


def start_districts_probe(today: datetime.date) -> QuerySet[District]:
    return District.objects.all()


def start_districts_section(request: HttpRequest | None, today: datetime.date) -> dict:
    """The districts in their official order: one query."""
    districts = District.objects.order_by("number").only("number", "name", "slug")
    return {
        "districts": [
            {"number": d.number, "name": d.name, "url": reverse("districts:detail", args=[d.slug])} for d in districts
        ]
    }


def _open_concerns(user: User):
    return queries_concerns.staff_list(user, queries_concerns.OPEN)


def staff_concerns_probe(user: User):
    return _open_concerns(user) if user.has_perm("districts.access_concerns") else []


def staff_concerns_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("districts.access_concerns"):
        return None
    found = _open_concerns(user)
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "open-concerns",
            "heading": _("Open concerns"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": str(concern),
                    "url": reverse("districts:staff_concern", args=[concern.pk]),
                    "context": f"{concern.category.name} · {concern.district.name}",
                    "when": concern.due_on,
                    "when_label": _("due"),
                }
                for concern in rows
            ],
            "more_url": reverse("districts:staff_concerns"),
            "more_label": _("All concerns"),
        }
    }
