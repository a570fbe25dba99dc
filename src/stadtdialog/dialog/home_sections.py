"""The dialog's section of the staff home ("staff_home": contributions without an answer, oldest first).
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


def staff_unanswered_probe(user: User):
    return queries.unanswered_for(user) if user.has_perm("dialog.view_unanswered") else []


def staff_unanswered_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.has_perm("dialog.view_unanswered"):
        return None
    found = queries.unanswered_for(user).select_related(None).select_related("process")
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "unanswered",
            "heading": _("Contributions without an answer"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": c.title,
                    "url": c.get_absolute_url(),
                    "context": c.process.title,
                    "when": c.created_at,
                    "when_label": _("written on"),
                }
                for c in rows
            ],
            "more_url": reverse("dialog:unanswered"),
            "more_label": _("All contributions without an answer, oldest first"),
        }
    }
