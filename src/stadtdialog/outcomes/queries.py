"""Reads of the outcome pages. Each loads a process's results, decision or milestones in a fixed
number of queries; the progress of parent milestones is computed in Python from one list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from stadtdialog.dialog.models import Contribution
from stadtdialog.events.models import Event

from .models import Decision, ImplementationUpdate, Milestone, Recommendation, Result, UpdatePhoto, Verdict

if TYPE_CHECKING:
    import datetime

    from django.http import HttpRequest

    from stadtdialog.plans.models import Plan
    from stadtdialog.processes.models import Process


def result_for_page(process: Process, public: bool = True) -> Result | None:
    """The process's results with recommendations (and their verdicts), documents and visible sources."""
    queryset = Result.objects.filter(process=process).prefetch_related(
        Prefetch(
            "recommendations", queryset=Recommendation.objects.select_related("verdict").order_by("position", "id")
        ),
        "documents",
        Prefetch(
            "contributions",
            queryset=Contribution.objects.filter(hidden_at__isnull=True)
            .only("id", "title", "process_id", "created_at")
            .order_by("created_at", "id"),
        ),
        Prefetch(
            "events",
            queryset=Event.objects.filter(published_at__isnull=False)
            .only("id", "title", "start", "process_id")
            .order_by("start", "id")
            if public
            else Event.objects.order_by("start", "id"),
        ),
    )
    if public:
        queryset = queryset.filter(published_at__isnull=False)
    return queryset.first()


def decision_for_page(process: Process, public: bool = True) -> Decision | None:
    """The process's decision with its council paper, responsible unit and verdicts (published only when `public`)."""
    queryset = (
        Decision.objects.filter(process=process)
        .select_related("council_paper", "responsible_unit")
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.select_related("recommendation").order_by(
                    "recommendation__position", "recommendation__id"
                ),
            ),
        )
    )
    if public:
        queryset = queryset.filter(published_at__isnull=False)
    return queryset.first()


@dataclass
class Node:
    """A milestone with its rolled-up progress, its depth and its parts."""

    milestone: Milestone
    progress: int
    overdue: bool
    depth: int = 0
    children: list = field(default_factory=list)


def rolled_up_progress(milestones: Iterable[Milestone], today: datetime.date | None = None) -> dict[int, Node]:
    """{milestone id: Node}. A milestone without parts has its own progress; a parent has the average
    of its parts' progress, weighted by each part's weight (1 where none is given). Dropped parts do not count."""
    today = today or timezone.localdate()
    children: dict = {}
    for m in milestones:
        children.setdefault(m.parent_id, []).append(m)
    nodes: dict[int, Node] = {}

    def visit(m: Milestone, depth: int, path: set[int]) -> Node:
        parts = [c for c in children.get(m.pk, []) if c.pk not in path]
        child_nodes = [visit(c, depth + 1, path | {c.pk}) for c in parts]
        counted = [(n, n.milestone.weight or 1) for n in child_nodes if n.milestone.status != Milestone.Status.DROPPED]
        if counted:
            total = sum(w for _n, w in counted)
            progress = round(sum(n.progress * w for n, w in counted) / total)
        else:
            progress = m.progress
        node = Node(m, progress, m.is_overdue(today), depth, child_nodes)
        nodes[m.pk] = node
        return node

    for m in children.get(None, []):
        visit(m, 0, {m.pk})
    return nodes


def milestone_tree(process: Process, today: datetime.date | None = None) -> list[Node]:
    """The process's milestones as a list in timeline order: each top-level milestone followed by its parts."""
    milestones = list(Milestone.objects.filter(process=process).order_by("planned_start", "planned_end", "id"))
    nodes = rolled_up_progress(milestones, today)
    ordered = []

    def walk(node: Node) -> None:
        ordered.append(node)
        for child in node.children:
            walk(child)

    for m in milestones:
        if m.parent_id is None:
            walk(nodes[m.pk])
    return ordered


def updates_for_page(process: Process) -> QuerySet[ImplementationUpdate]:
    """The process's implementation updates, newest first, with their milestone and photos."""
    return (
        ImplementationUpdate.objects.filter(process=process)
        .select_related("milestone")
        .prefetch_related(Prefetch("photos", queryset=UpdatePhoto.objects.order_by("id")))
        .order_by("-date", "-id")
    )


def overdue_milestones(
    today: datetime.date | None = None,
    process_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
) -> QuerySet[Milestone]:
    """Milestones whose planned end has passed and that are neither done nor dropped."""
    today = today or timezone.localdate()
    queryset = (
        Milestone.objects.filter(planned_end__lt=today)
        .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.DROPPED])
        .select_related("process__plan__lead_unit")
        .order_by("planned_end", "id")
    )
    if process_ids is not None:
        queryset = queryset.filter(process_id__in=process_ids)
    if unit_ids is not None:
        queryset = queryset.filter(process__plan__lead_unit_id__in=unit_ids)
    return queryset


def overdue_for_plan(plan: Plan, today: datetime.date | None = None) -> list[Milestone]:
    """Overdue milestones of the plan's public processes, for the flag on the plan page."""
    return list(overdue_milestones(today).filter(process__plan=plan, process__published_at__isnull=False))


def attach_overdue(plan: Plan) -> list[Milestone]:
    """The overdue milestones of the plan's public processes today, kept on plan.overdue_milestones with the day
    (read with the rest of the plan page's data and kept with it, plans/page_cache.py, whose key holds the day).
    One query, none when the plan has no published process (the processes, which the plan page shows anyway, are
    read once: processes.queries.published_processes_of)."""
    from stadtdialog.processes.queries import published_processes_of

    today = timezone.localdate()
    kept = getattr(plan, "overdue_milestones", None)
    if kept is not None and kept[0] == today:
        return kept[1]
    processes = published_processes_of(plan)
    by_id = {process.pk: process for process in processes}
    overdue = []
    if processes:
        overdue = list(
            Milestone.objects.filter(process_id__in=list(by_id), planned_end__lt=today)
            .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.DROPPED])
            .only("id", "process_id", "title", "planned_end", "status")
            .order_by("planned_end", "id")
        )
    for milestone in overdue:
        milestone.process = by_id[milestone.process_id]
    plan.overdue_milestones = (today, overdue)
    return overdue


def plan_page_section(request: HttpRequest, plan: Plan) -> dict | None:
    """The section "overdue" of the public plan page (core/extensions.py): the overdue milestones of the plan's
    public processes (attach_overdue), or None when there are none."""
    overdue = attach_overdue(plan)
    return {"overdue": overdue} if overdue else None


def process_page_section(request: HttpRequest, process: Process) -> dict | None:
    """The section "outcomes" of the public process page (core/extensions.py): results, decision and
    implementation (outcomes_story), or None when none of them is published."""
    story = outcomes_story(process, timezone.localdate())
    return {"story": story} if story["result"] or story["decision"] or story["milestones"] else None


def process_page_probe(process: Process) -> list[QuerySet]:
    """Whether the section "outcomes" has anything (core/extensions.py, asked with the page's other sections in one
    query): a published result or decision, or a milestone."""
    return [
        Result.objects.filter(process=process, published_at__isnull=False),
        Decision.objects.filter(process=process, published_at__isnull=False),
        Milestone.objects.filter(process=process),
    ]


def outcomes_story(process: Process, today: datetime.date | None = None) -> dict:
    """What the process page shows of the outcomes, in story order: results, decision, implementation.
    Six queries whatever the data."""
    result = (
        Result.objects.filter(process=process, published_at__isnull=False)
        .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.order_by("position", "id")))
        .first()
    )
    decision = (
        Decision.objects.filter(process=process, published_at__isnull=False)
        .select_related("council_paper")
        .prefetch_related("verdicts")
        .first()
    )
    milestones = list(Milestone.objects.filter(process=process).order_by("planned_start", "planned_end", "id"))
    nodes = rolled_up_progress(milestones, today)
    top = [nodes[m.pk] for m in milestones if m.parent_id is None]
    overall = round(sum(n.progress for n in top) / len(top)) if top else None
    latest_update = ImplementationUpdate.objects.filter(process=process).order_by("-date", "-id").first()
    return {
        "result": result,
        "decision": decision,
        "deviations": sum(1 for v in decision.verdicts.all() if v.deviates) if decision else 0,
        "milestones": top,
        "overall_progress": overall,
        "overdue_count": sum(1 for n in nodes.values() if n.overdue),
        "latest_update": latest_update,
        "implementation_started": min((m.planned_start for m in milestones), default=None),
    }
