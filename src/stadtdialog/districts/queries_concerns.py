"""Reads of residents' concerns, tuned for their pages: constant queries whatever the number of concerns and steps.

`statistics` is the read for the reporting app: number by category and district, days to the first answer and
to closing (no personal data).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stadtdialog.accounts.rules import district_ids_of, unit_ids_of

from .models.concerns import (
    CLOSED_STATUSES,
    Concern,
    ConcernCategory,
    ConcernStatus,
    ConcernStep,
    ConcernUpdate,
)

OPEN = "offen"
OVERDUE = "ueberfaellig"
CLOSED = "erledigt"
ALL = "alle"
LIST_FILTERS = (OPEN, OVERDUE, CLOSED, ALL)


def _overdue_steps():
    today = timezone.localdate()
    return ConcernStep.objects.filter(concern=OuterRef("pk"), done_at=None, due_on__lt=today)


def _base():
    return Concern.objects.select_related("category", "district", "quarter").annotate(
        has_overdue_step=Exists(_overdue_steps())
    )


def _filtered(concerns, state: str):
    today = timezone.localdate()
    if state == OPEN:
        return concerns.exclude(status__in=CLOSED_STATUSES)
    if state == OVERDUE:
        return concerns.exclude(status__in=CLOSED_STATUSES).filter(Q(due_on__lt=today) | Q(has_overdue_step=True))
    if state == CLOSED:
        return concerns.filter(status__in=CLOSED_STATUSES)
    return concerns


def staff_list(user, state: str = OPEN):
    """The concerns the user handles: of their districts (manager, deputy) or with a step handed to their
    departments; confirmed ones only."""
    districts, units = district_ids_of(user), unit_ids_of(user)
    with_step = ConcernStep.objects.filter(concern=OuterRef("pk"), unit_id__in=units)
    concerns = _base().filter(confirmed_at__isnull=False).filter(Q(district_id__in=districts) | Exists(with_step))
    return _filtered(concerns, state).order_by("due_on", "id")


def for_district_work(district, user) -> dict | None:
    """The district's open concerns and overdue steps for the work area (only for its manager and deputy)."""
    if district.pk not in district_ids_of(user):
        return None
    open_concerns = list(
        _base()
        .filter(district=district, confirmed_at__isnull=False)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("due_on", "id")[:50]
    )
    overdue_steps = list(
        ConcernStep.objects.filter(
            concern__district=district,
            done_at=None,
            due_on__lt=timezone.localdate(),
            concern__confirmed_at__isnull=False,
        )
        .exclude(concern__status__in=CLOSED_STATUSES)
        .select_related("concern", "unit")
        .order_by("due_on", "id")[:50]
    )
    return {"open_concerns": open_concerns, "overdue_steps": overdue_steps, "district": district}


def concern_for_staff(pk: int) -> Concern:
    """One concern with everything its staff page shows, in a fixed number of queries."""
    return get_object_or_404(
        Concern.objects.select_related(
            "category",
            "category__department",
            "district",
            "quarter",
            "referral_unit",
            "referral_contact",
            "moved_from",
            "initiative",
        ).prefetch_related(
            Prefetch("steps", queryset=ConcernStep.objects.select_related("unit")),
            Prefetch("updates", queryset=ConcernUpdate.objects.select_related("unit", "step")),
            "notes",
        ),
        pk=pk,
    )


def concern_for_resident(concern: Concern) -> dict:
    """What the private status page shows besides the concern: its steps and status updates (no internal notes)."""
    return {
        "steps": list(concern.steps.select_related("unit")),
        "updates": list(concern.updates.select_related("unit")),
    }


def published(district=None):
    """Published anonymised summaries (resident agreed, staff published), newest first."""
    concerns = Concern.objects.filter(published_at__isnull=False, consent_publish=True).select_related(
        "category", "district", "quarter"
    )
    if district is not None:
        concerns = concerns.filter(district=district)
    return concerns.order_by("-published_at", "-id")


def district_public_section(request, district) -> dict | None:
    """The section on the public district page: the latest published summaries of the district's concerns."""
    concerns = list(published(district)[:10])
    return {"published_concerns": concerns, "district": district}


def district_work_section(request, district) -> dict | None:
    if request is None:
        return None
    return for_district_work(district, request.user)


def active_categories():
    return ConcernCategory.objects.filter(is_active=True).select_related("department").order_by("position", "name")


def _days(delta) -> float | None:
    return round(delta.total_seconds() / 86400, 1) if delta is not None else None


def statistics(start: datetime.date | None = None, end: datetime.date | None = None, district=None) -> list[dict]:
    """For the reporting app: per district and category the number of concerns received in [start, end], how many
    are closed, and the average days to the first answer and to closing. One query."""
    concerns = Concern.objects.filter(confirmed_at__isnull=False)
    if start:
        concerns = concerns.filter(created_at__date__gte=start)
    if end:
        concerns = concerns.filter(created_at__date__lte=end)
    if district is not None:
        concerns = concerns.filter(district=district)
    rows: dict[tuple, dict] = {}
    values = concerns.values(
        "pk",
        "district__number",
        "district__name",
        "category__code",
        "category__name",
        "status",
        "created_at",
        "first_answer_at",
        "closed_at",
    ).order_by("district__number", "category__name")
    for value in values:
        key = (value["district__number"], value["category__code"])
        row = rows.setdefault(
            key,
            {
                "district_number": value["district__number"],
                "district": value["district__name"],
                "category_code": value["category__code"],
                "category": value["category__name"],
                "count": 0,
                "closed": 0,
                "by_status": {status.value: 0 for status in ConcernStatus},
                "_answer": [],
                "_close": [],
            },
        )
        row["count"] += 1
        row["by_status"][value["status"]] += 1
        if value["first_answer_at"]:
            row["_answer"].append(value["first_answer_at"] - value["created_at"])
        if value["closed_at"] and value["status"] in CLOSED_STATUSES:
            row["closed"] += 1
            row["_close"].append(value["closed_at"] - value["created_at"])
    result = []
    for row in rows.values():
        answers, closes = row.pop("_answer"), row.pop("_close")
        row["days_to_first_answer"] = _days(sum(answers, datetime.timedelta()) / len(answers)) if answers else None
        row["days_to_close"] = _days(sum(closes, datetime.timedelta()) / len(closes)) if closes else None
        result.append(row)
    return result


def counts_by_district() -> dict[int, int]:
    """Open concerns per district id (for overviews)."""
    rows = (
        Concern.objects.filter(confirmed_at__isnull=False)
        .exclude(status__in=CLOSED_STATUSES)
        .values("district_id")
        .annotate(n=Count("id"))
    )
    return {row["district_id"]: row["n"] for row in rows}
