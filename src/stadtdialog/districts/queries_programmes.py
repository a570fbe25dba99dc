"""Reads of the action programmes, tuned for their pages: a fixed number of queries whatever the number of needs,
residents and points (the totals are kept on the needs; the number of residents behind a need is one grouped
count in the same query).

`public_programme(district)` is the plain public data for the open-data API (no personal data: no authors, no
names, no concern texts).
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stadtdialog.organisation.models import District, FieldOfAction
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

from .models.concerns import CLOSED_STATUSES, Concern
from .models.programmes import ActionProgramme, Allocation, Need, PrioritisationRound, Priority


def fields_of_action() -> list[FieldOfAction]:
    return list(FieldOfAction.objects.order_by("position", "name"))


def programme_of(district: District) -> ActionProgramme | None:
    return ActionProgramme.objects.filter(district=district).first()


def district_and_programme(slug: str, user, *, staff: bool = False) -> tuple[District, ActionProgramme | None]:
    """The district and its programme; Http404 when the user may not see it (unpublished, for the public)."""
    district = get_object_or_404(District, slug=slug)
    programme = ActionProgramme.objects.filter(district=district).first()
    if programme is not None:
        programme.district = district
    if not staff and (programme is None or not user.has_perm("districts.view_programme", programme)):
        raise Http404
    return district, programme


def visible_needs():
    return Need.objects.filter(hidden_at__isnull=True)


def ranking(round_: PrioritisationRound) -> list[Need]:
    """The round's visible needs, most points first, each with `residents` (how many gave it points). One query."""
    return list(
        visible_needs()
        .filter(round=round_)
        .select_related("field_of_action")
        .annotate(residents=Count("allocations"))
        .order_by("-points_total", "id")
    )


def rounds_of(programme: ActionProgramme) -> list[PrioritisationRound]:
    return list(programme.rounds.order_by("-opens_at", "-id"))


def current_round(rounds: list[PrioritisationRound]) -> PrioritisationRound | None:
    """The open round, else the latest that has opened, else the next to come."""
    now = timezone.now()
    for round_ in rounds:
        if round_.is_open(now):
            return round_
    started = [r for r in rounds if r.opens_at <= now]
    return started[0] if started else (rounds[-1] if rounds else None)


def priorities_of(programme: ActionProgramme) -> list[Priority]:
    return list(
        programme.priorities.select_related("field_of_action").prefetch_related(
            Prefetch("needs", queryset=visible_needs().only("pk", "title", "programme_id", "points_total"))
        )
    )


def by_field(priorities: list[Priority], fields: list[FieldOfAction]) -> list[tuple[FieldOfAction, list]]:
    """The nine fields of action, each with its priorities (fields without any are kept: the programme covers all)."""
    grouped: dict[int, list] = {field.pk: [] for field in fields}
    for priority in priorities:
        grouped.setdefault(priority.field_of_action_id, []).append(priority)
    return [(field, grouped[field.pk]) for field in fields]


def programme_page(programme: ActionProgramme) -> dict:
    """The public programme page: priorities by field of action, the rounds, the current round's ranking and the
    answered needs from concerns and conferences. A fixed number of queries."""
    rounds = rounds_of(programme)
    round_ = current_round(rounds)
    fields = fields_of_action()
    priorities = priorities_of(programme)
    return {
        "programme": programme,
        "rounds": rounds,
        "round": round_,
        "ranking": ranking(round_) if round_ else [],
        "fields": by_field(priorities, fields),
        "priorities": priorities,
        "other_needs": list(
            visible_needs()
            .filter(programme=programme, round__isnull=True)
            .select_related("field_of_action")
            .order_by("field_of_action__position", "id")
        ),
    }


def round_of(programme: ActionProgramme, pk: int) -> PrioritisationRound:
    round_ = get_object_or_404(PrioritisationRound, pk=pk, programme=programme)
    round_.programme = programme
    return round_


def my_points(round_: PrioritisationRound, user) -> dict[int, int]:
    if not user.is_authenticated:
        return {}
    return dict(Allocation.objects.filter(round=round_, resident=user).values_list("need_id", "points"))


def need_of(programme: ActionProgramme, pk: int) -> Need:
    need = get_object_or_404(
        Need.objects.select_related("field_of_action", "round", "author", "hidden_by"), pk=pk, programme=programme
    )
    need.programme = programme
    return need


# -- the district page, the API ----------------------------------------------------------------------------


def published_programmes():
    return ActionProgramme.objects.filter(is_published=True)


def _district_section_data(district: District) -> dict:
    programme = published_programmes().filter(district=district).first()
    if programme is None:
        return {"programme": None}
    return {
        "programme": programme,
        "priorities": list(programme.priorities.select_related("field_of_action")),
        "rounds": rounds_of(programme),
    }


def district_section(request, district: District) -> dict | None:
    """The section on the public district page: the programme's priorities and their state, the directors'
    decision and the open round. Cached with the district page (`queries._cached`: its version moves on with every
    save of a programme, round or priority), so a warm page asks nothing, with or without a programme."""
    from . import queries as district_queries

    data = district_queries._cached(f"programme-section:{district.pk}", lambda: _district_section_data(district))
    programme = data["programme"]
    if programme is None:
        return None
    programme.district = district
    now = timezone.now()
    open_rounds = [r for r in data["rounds"] if r.is_open(now)]
    return {
        "programme": programme,
        "priorities": data["priorities"],
        "open_round": open_rounds[0] if open_rounds else None,
    }


def public_programme(district: District) -> dict | None:
    """The district's published programme as plain public data (None when there is none). Shape:

        {"id", "district": {"number", "name", "slug"}, "title", "summary", "url",
         "decision": {"decided_on": "YYYY-MM-DD", "outcome", "outcome_label", "text"} | None,
         "priorities": [{"id", "title", "field_of_action", "description", "agreed_on", "agreed_at", "state",
                         "state_label", "state_note", "needs": [need ids]}],
         "rounds": [{"id", "title", "opens_at", "closes_at" (ISO 8601), "points_per_resident", "residents",
                     "needs": [{"id", "title", "text", "field_of_action", "source", "source_label", "source_on",
                                "source_note", "points", "residents", "answer_status", "answer_label",
                                "answer_text"}]}],
         "other_needs": [needs without a round, same shape], "updated_at"}

    Hidden needs are left out; no author, name or concern text is in it. Five queries."""
    programme = published_programmes().filter(district=district).first()
    if programme is None:
        return None
    programme.district = district
    return public_programmes([programme])[0]


def public_programmes(programmes: list[ActionProgramme]) -> list[dict]:
    """Published programmes (with their district selected) in public_programme's shape, for the open-data API's
    pages: four queries for any number of programmes. `updated_at` is the newest change of the programme, its
    rounds, priorities and needs."""
    ids = [programme.pk for programme in programmes]
    needs = list(
        visible_needs()
        .filter(programme_id__in=ids)
        .select_related("field_of_action")
        .annotate(residents=Count("allocations"))
        .order_by("-points_total", "id")
    )
    rounds = list(
        PrioritisationRound.objects.filter(programme_id__in=ids)
        .annotate(residents=Count("ballots", filter=Q(ballots__isnull=False), distinct=True))
        .order_by("opens_at", "id")
    )
    priorities = list(
        Priority.objects.filter(programme_id__in=ids)
        .select_related("field_of_action")
        .prefetch_related(
            Prefetch("needs", queryset=visible_needs().only("pk", "title", "programme_id", "points_total"))
        )
    )

    def need_data(need: Need) -> dict:
        return {
            "id": need.pk,
            "title": need.title,
            "text": need.text,
            "field_of_action": need.field_of_action.name,
            "source": need.source,
            "source_label": str(need.get_source_display()),
            "source_on": need.source_on.isoformat() if need.source_on else None,
            "source_note": need.source_note if need.source != Need.Source.CONCERN else "",
            "points": need.points_total,
            "residents": need.residents,
            "answer_status": need.answer_status,
            "answer_label": str(need.get_answer_status_display()) if need.answer_status else "",
            "answer_text": need.answer_text,
        }

    rows = []
    for programme in programmes:
        district = programme.district
        own_needs = [n for n in needs if n.programme_id == programme.pk]
        own_rounds = [r for r in rounds if r.programme_id == programme.pk]
        own_priorities = [p for p in priorities if p.programme_id == programme.pk]
        stamps = [programme.updated_at, *(x.updated_at for x in (*own_needs, *own_rounds, *own_priorities))]
        rows.append(
            {
                "id": programme.pk,
                "district": {"number": district.number, "name": district.name, "slug": district.slug},
                "title": programme.title,
                "summary": programme.summary,
                "url": programme.get_absolute_url(),
                "decision": {
                    "decided_on": programme.decided_on.isoformat(),
                    "outcome": programme.outcome,
                    "outcome_label": str(programme.get_outcome_display()),
                    "text": programme.decision_text,
                }
                if programme.decided_on
                else None,
                "priorities": [
                    {
                        "id": p.pk,
                        "title": p.title,
                        "field_of_action": p.field_of_action.name,
                        "description": p.description,
                        "agreed_on": p.agreed_on.isoformat(),
                        "agreed_at": p.agreed_at,
                        "state": p.state,
                        "state_label": str(p.get_state_display()),
                        "state_note": p.state_note,
                        "needs": [n.pk for n in p.needs.all()],
                    }
                    for p in own_priorities
                ],
                "rounds": [
                    {
                        "id": r.pk,
                        "title": r.title,
                        "opens_at": r.opens_at.isoformat(),
                        "closes_at": r.closes_at.isoformat(),
                        "points_per_resident": r.points_per_resident,
                        "residents": r.residents,
                        "needs": [need_data(n) for n in own_needs if n.round_id == r.pk],
                    }
                    for r in own_rounds
                ],
                "other_needs": [need_data(n) for n in own_needs if n.round_id is None],
                "updated_at": max(stamp for stamp in stamps if stamp is not None),
            }
        )
    return rows


# -- staff ---------------------------------------------------------------------------------------------------


def staff_page(programme: ActionProgramme) -> dict:
    """The staff page of a programme: rounds, every need (hidden ones marked), priorities. Fixed queries."""
    return {
        "rounds": rounds_of(programme),
        "needs": list(
            Need.objects.filter(programme=programme)
            .select_related("field_of_action", "round")
            .order_by("round_id", "-points_total", "id")
        ),
        "priorities": priorities_of(programme),
    }


def concerns_to_take_over(programme: ActionProgramme) -> list[Concern]:
    """The district's confirmed concerns not yet taken over as a need (newest first, at most 50)."""
    taken = Need.objects.filter(programme=programme, concern__isnull=False).values("concern_id")
    return list(
        Concern.objects.filter(district_id=programme.district_id, confirmed_at__isnull=False)
        .exclude(pk__in=taken)
        .select_related("category")
        .order_by("-created_at", "-id")[:50]
    )


def concern_of(programme: ActionProgramme, pk: int) -> Concern:
    return get_object_or_404(
        Concern.objects.select_related("category"), pk=pk, district_id=programme.district_id, confirmed_at__isnull=False
    )


def comparison(programme: ActionProgramme, round_: PrioritisationRound | None) -> dict:
    """For the conference: the round's ranking next to the departments' plans and processes in preparation for the
    district. A fixed number of queries."""
    linked = Plan.districts.through.objects.filter(district_id=programme.district_id).values("plan_id")
    plans = (
        Plan.objects.filter(pk__in=linked, status__in=[Plan.Status.IDEA, Plan.Status.PREPARATION])
        .select_related("lead_unit")
        .prefetch_related("fields_of_action")
        .order_by("lead_unit__short_name", "title")[:100]
    )
    processes = (
        Process.objects.filter(plan__in=linked, published_at__isnull=True)
        .select_related("plan", "plan__lead_unit")
        .order_by("-updated_at", "-id")[:50]
    )
    return {
        "ranking": ranking(round_) if round_ else [],
        "plans": list(plans),
        "processes": list(processes),
        "open_concerns": Concern.objects.filter(district_id=programme.district_id, confirmed_at__isnull=False)
        .exclude(status__in=CLOSED_STATUSES)
        .count(),
    }


def district_work_section(request, district: District) -> dict | None:
    """The link to the programme in the district's work area, for those who keep it."""
    if request is None or not request.user.has_perm("districts.manage_programme", district):
        return None
    return {"district": district}
