"""Reads of the funding pages: public rounds and the approved projects (title, district, amount, purpose – no
personal data), the applicant's applications, the office's lists, and `statistics` for the reporting app."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from .models_funding import (
    ZERO,
    AgendaItem,
    CommitteeSession,
    FundingApplication,
    FundingRound,
)

State = FundingApplication.State
FUNDED = (State.APPROVED, State.COMPLETED)
# Only these columns of an application reach a public page.
PUBLIC_FIELDS = ("pk", "title", "purpose", "approved_amount", "district__name", "field_of_action__name", "round_id")


def public_rounds():
    return FundingRound.objects.filter(is_published=True).select_related("rules_page").order_by("-committee_date")


def open_rounds(now=None):
    return public_rounds().filter(submission_deadline__gte=now or timezone.now())


def funded_projects(funding_round: FundingRound | None = None) -> list[dict]:
    """The approved projects as plain values (no contact, no organisation, no person)."""
    queryset = FundingApplication.objects.filter(state__in=FUNDED, round__is_published=True)
    if funding_round is not None:
        queryset = queryset.filter(round=funding_round)
    return list(queryset.order_by("-decided_at", "pk").values(*PUBLIC_FIELDS))


def applications_of(user):
    """The user's applications and their colleagues' (same unit, same district council)."""
    from stadtdialog.accounts.rules import unit_ids_of

    from .rules_funding import council_district_ids_of

    scope = Q(created_by=user)
    units = unit_ids_of(user)
    if units:
        scope |= Q(org_unit_id__in=units)
    districts = council_district_ids_of(user)
    if districts:
        scope |= Q(district_council__district_id__in=districts)
    return FundingApplication.objects.filter(scope).select_related("round").order_by("-updated_at")


def application_for_page(pk: int) -> FundingApplication | None:
    return (
        FundingApplication.objects.select_related(
            "round__committee", "district", "field_of_action", "org_unit", "district_council", "created_by"
        )
        .prefetch_related("budget_items", "instalments", "agenda_items__session")
        .filter(pk=pk)
        .first()
    )


def round_applications(funding_round: FundingRound):
    return funding_round.applications.select_related("district", "field_of_action").order_by(
        "state", "-submitted_at", "pk"
    )


def session_for_page(pk: int) -> CommitteeSession | None:
    items = AgendaItem.objects.select_related("application__district").prefetch_related(
        "conflicts__member__user", "votes"
    )
    return (
        CommitteeSession.objects.select_related("round__committee")
        .prefetch_related(Prefetch("items", queryset=items), "present__user")
        .filter(pk=pk)
        .first()
    )


def sessions_of_member(user):
    return (
        CommitteeSession.objects.filter(round__committee__members__user=user)
        .select_related("round")
        .order_by("-date")
        .distinct()
    )


def reports_to_review():
    return FundingApplication.objects.filter(report__state="submitted").select_related("round", "report")


def _money(value) -> Decimal:
    return value if value is not None else ZERO


def statistics(year: int | None = None) -> dict:
    """Figures for the reporting app: per round, per district and per field of action.

    {
      "year": 2027 or None,
      "totals": {"rounds", "budget", "approved", "remaining", "applications", "submitted", "funded", "declined"},
      "rounds": [{"id", "title", "committee_date", "budget", "approved", "remaining", "applications",
                  "funded", "declined"}, ...],                       # by committee date
      "districts": [{"district": name or None (citywide), "applications", "funded", "approved"}, ...],
      "fields_of_action": [{"field_of_action": name or None, "applications", "funded", "approved"}, ...],
    }
    Amounts are Decimal euros; "applications" counts everything past the draft; `year` is the committee date's."""
    rounds = FundingRound.objects.all()
    applications = FundingApplication.objects.exclude(state=State.DRAFT)
    if year is not None:
        rounds = rounds.filter(committee_date__year=year)
        applications = applications.filter(round__committee_date__year=year)
    funded = Q(state__in=FUNDED)
    counts = {
        "applications": Count("pk"),
        "funded": Count("pk", filter=funded),
        "approved": Sum("approved_amount", filter=funded),
    }
    per_round = {
        row["round_id"]: row
        for row in applications.values("round_id").annotate(
            **counts, declined=Count("pk", filter=Q(state=State.DECLINED))
        )
    }
    round_rows = []
    for funding_round in rounds.order_by("committee_date", "pk"):
        row = per_round.get(funding_round.pk, {})
        round_rows.append(
            {
                "id": funding_round.pk,
                "title": funding_round.title,
                "committee_date": funding_round.committee_date,
                "budget": funding_round.budget,
                "approved": funding_round.committed,
                "remaining": funding_round.remaining,
                "applications": row.get("applications", 0),
                "funded": row.get("funded", 0),
                "declined": row.get("declined", 0),
            }
        )
    districts = [
        {
            "district": row["district__name"],
            "applications": row["applications"],
            "funded": row["funded"],
            "approved": _money(row["approved"]),
        }
        for row in applications.values("district__name").annotate(**counts).order_by("district__name")
    ]
    fields = [
        {
            "field_of_action": row["field_of_action__name"],
            "applications": row["applications"],
            "funded": row["funded"],
            "approved": _money(row["approved"]),
        }
        for row in applications.values("field_of_action__name").annotate(**counts).order_by("field_of_action__name")
    ]
    budget = sum((r["budget"] for r in round_rows), ZERO)
    approved = sum((r["approved"] for r in round_rows), ZERO)
    return {
        "year": year,
        "totals": {
            "rounds": len(round_rows),
            "budget": budget,
            "approved": approved,
            "remaining": budget - approved,
            "applications": sum(r["applications"] for r in round_rows),
            "submitted": applications.count(),
            "funded": sum(r["funded"] for r in round_rows),
            "declined": sum(r["declined"] for r in round_rows),
        },
        "rounds": round_rows,
        "districts": districts,
        "fields_of_action": fields,
    }
