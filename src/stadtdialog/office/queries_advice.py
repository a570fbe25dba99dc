"""Reads of the consultation requests, work aids and the training catalogue, each with a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Min, Q, QuerySet

from stadtdialog.accounts.rules import is_city_wide_staff, is_staff_member, unit_ids_of

from .models_advice import ConsultationRequest, WorkAid

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

Status = ConsultationRequest.Status
REQUEST_RELATED = ("org_unit", "requester", "advisor", "process", "plan")


def requests_for(user: User) -> QuerySet[ConsultationRequest]:
    """The requests a user may see: all for the coordination office, their units' for a department; newest first."""
    requests = ConsultationRequest.objects.select_related(*REQUEST_RELATED).order_by("-created_at", "-id")
    if is_city_wide_staff(user):
        return requests
    return requests.filter(org_unit_id__in=unit_ids_of(user))


def open_requests(advisor_id: int | None = None, status: str = "") -> QuerySet[ConsultationRequest]:
    """The office's work list: open requests (or those of `status`), oldest first."""
    requests = ConsultationRequest.objects.select_related(*REQUEST_RELATED)
    if status:
        requests = requests.filter(status=status)
    else:
        requests = requests.filter(status__in=ConsultationRequest.OPEN_STATUSES)
    if advisor_id:
        requests = requests.filter(advisor_id=advisor_id)
    return requests.order_by("created_at", "id")


def workload() -> list[dict]:
    """Open requests per advisor and status, with the oldest; the unassigned first (advisor None). One query."""
    rows = (
        ConsultationRequest.objects.filter(status__in=ConsultationRequest.OPEN_STATUSES)
        .values("advisor_id", "advisor__full_name", "advisor__display_name")
        .annotate(
            new=Count("id", filter=Q(status=Status.NEW)),
            assigned=Count("id", filter=Q(status=Status.ASSIGNED)),
            in_progress=Count("id", filter=Q(status=Status.IN_PROGRESS)),
            total=Count("id"),
            oldest=Min("created_at"),
        )
        .order_by("advisor_id")
    )
    result = [
        {
            "advisor_id": row["advisor_id"],
            "name": row["advisor__full_name"] or row["advisor__display_name"] or "",
            "new": row["new"],
            "assigned": row["assigned"],
            "in_progress": row["in_progress"],
            "total": row["total"],
            "oldest": row["oldest"],
        }
        for row in rows
    ]
    return sorted(result, key=lambda row: (row["advisor_id"] is not None, row["oldest"]))


def status_counts() -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    for row in ConsultationRequest.objects.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def visible_work_aids(user: User) -> QuerySet[WorkAid]:
    """The work aids a user may see: the public ones, and for staff all."""
    aids = WorkAid.objects.select_related("current_version").filter(current_version__isnull=False)
    if not is_staff_member(user):
        aids = aids.filter(is_public=True)
    return aids.order_by("title", "id")


def search_work_aids(user: User, text: str = "", target_group: str = "", kind: str = "") -> QuerySet[WorkAid]:
    aids = visible_work_aids(user)
    for word in text.split()[:8]:
        aids = aids.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if target_group in WorkAid.TARGET_GROUP_FIELDS:
        aids = aids.filter(**{target_group: True})
    if kind:
        aids = aids.filter(kind=kind)
    return aids
