"""The reports' section of the staff home ("staff_home": comments on concepts still to be adopted or declined,
oldest first). Registered in apps.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of

from .models import ConceptComment

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.accounts.models import User

TODO_LIMIT = 5


def _open_comments(user: User):
    """Open comments on the concepts of processes whose comments the user handles (reports.handle_concept_comments:
    the plan's staff, the process's lead contact and deputy, city-wide staff)."""
    comments = ConceptComment.objects.filter(status=ConceptComment.Status.OPEN)
    if not is_city_wide_staff(user):
        comments = comments.filter(
            Q(concept__process__plan__lead_unit_id__in=unit_ids_of(user))
            | Q(concept__process__lead_contact=user)
            | Q(concept__process__deputy=user)
        )
    return comments


def staff_comments_probe(user: User):
    return _open_comments(user) if user.is_staff_member else []


def staff_comments_section(request: HttpRequest | None, _obj: object) -> dict | None:
    user = request.user
    if not user.is_staff_member:
        return None
    found = _open_comments(user).select_related("concept__process").order_by("created_at", "id")
    rows = list(found[:TODO_LIMIT])
    if not rows:
        return None
    return {
        "todo": {
            "id": "concept-comments",
            "heading": _("Comments on concepts to handle"),
            "count": found.count() if len(rows) == TODO_LIMIT else len(rows),
            "items": [
                {
                    "title": str(comment),
                    "url": reverse("reports:staff_concept_comment", args=[comment.concept.process_id, comment.pk]),
                    "context": comment.concept.process.title,
                    "when": comment.created_at,
                    "when_label": _("written on"),
                }
                for comment in rows
            ],
        }
    }
