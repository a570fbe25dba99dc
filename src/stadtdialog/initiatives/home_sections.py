"""The initiatives' section of the staff home ("staff_home": initiatives still to be reviewed, oldest first).
Registered in apps.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from . import queries

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

TODO_LIMIT = 5


def _to_review(user: User):
    return queries.staff_list(user, "offen")


def staff_reviews_probe(user: User):
    return _to_review(user) if user.has_perm("initiatives.access_staff") else []


def staff_reviews_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("initiatives.access_staff"):
        return None
    found = _to_review(user)
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "initiatives-to-review",
            "heading": _("Initiatives to review"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": initiative.title,
                    "url": reverse("initiatives:staff_review", args=[initiative.pk]),
                    "context": initiative.get_state_display(),
                    "when": initiative.created_at,
                    "when_label": _("received on"),
                }
                for initiative in rows
            ],
            "more_url": reverse("initiatives:staff_list") + "?stand=offen",
            "more_label": _("All initiatives"),
        }
    }
