"""The public data of every app, as rows for the API and the open-data download. Reads only, never a write.

Every list takes the same rules as the public pages: published plans; processes that are published with a published
plan; contributions, comments and answers of those processes, without what moderation hid; published reports,
events, results and decisions; published evaluations without free-text answers; sortitions past their setup with
their published lottery. Authors appear only by their display name (the pseudonym the public pages show), staff
never by name; no e-mail address, registration, pool member or IP address is read.

Each `*_rows(filters)` returns a queryset of plain rows (values()); `complete_*(rows)` adds what lives in other
tables with one query per kind, whatever the number of rows, so a page costs the same queries at any size.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import F, Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from stadtdialog.core.sql import in_ids
from stadtdialog.dialog.models import Comment, Contribution, Response
from stadtdialog.evaluation.models import Answer, Evaluation, GoalAssessment, Question, Submission
from stadtdialog.evaluation.standard import NO_ANSWER_LABEL, SCALE
from stadtdialog.events.models import Event
from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter
from stadtdialog.outcomes.models import Decision, Milestone, Recommendation, Result, Verdict
from stadtdialog.plans import queries as plan_queries
from stadtdialog.plans import registry as plans_registry
from stadtdialog.plans.models import CouncilPaper, Plan
from stadtdialog.processes.models import ConceptVersion, Goal, Phase, Process
from stadtdialog.reports.models import Report
from stadtdialog.sortition.models import Draw, PublishedLottery, Sortition

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet


def labels(choices: type) -> dict[str, str]:
    """{code: German label} of a TextChoices class, in the active language."""
    return {value: str(label) for value, label in choices.choices}


def _link(name: str) -> Callable[[int | str], str]:
    """pk -> reverse(name, args=[pk]), from the URL's fixed parts (one reverse() per name and script prefix, not per
    row: reverse() was a third of a list's CPU; the script prefix is read once per page too). `pk` may be a slug:
    the marker is all digits, which `<slug:…>` accepts, and a slug's characters need no quoting, so the result is
    reverse()'s."""
    head, tail = _url_parts(name, get_script_prefix())
    return lambda pk: f"{head}{pk}{tail}"


_MARKER = 987654321


@functools.lru_cache(maxsize=128)
def _url_parts(name: str, prefix: str) -> tuple[str, str]:
    head, tail = reverse(name, args=[_MARKER]).split(str(_MARKER))
    return head, tail


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


# --- the public sets -------------------------------------------------------------------------------------------


def public_processes() -> QuerySet[Process]:
    """Processes the public pages show (processes.rules.is_public: the process and its plan are published)."""
    return Process.objects.filter(published_at__isnull=False, plan__published_at__isnull=False)


def public_contributions() -> QuerySet[Contribution]:
    """Contributions of public processes that moderation has not hidden."""
    return Contribution.objects.filter(
        hidden_at__isnull=True, process__published_at__isnull=False, process__plan__published_at__isnull=False
    )


def public_events() -> QuerySet[Event]:
    """Published events without a process or of a public process (events.queries.public_events, all dates)."""
    return Event.objects.published().filter(
        Q(process__isnull=True) | Q(process__published_at__isnull=False, process__plan__published_at__isnull=False)
    )


def _of_public_process() -> Q:
    """Rows of a public process (a field "process")."""
    return Q(process__published_at__isnull=False, process__plan__published_at__isnull=False)


# --- plans -----------------------------------------------------------------------------------------------------

PLAN_COLUMNS = (
    "id",
    "title",
    "summary",
    "description",
    "status",
    "is_citywide",
    "participation_planned",
    "schedule_start",
    "schedule_end",
    "schedule_note",
    "cost_estimate",
    "latitude",
    "longitude",
    "lead_unit_id",
    "published_at",
    "updated_at",
)


def plan_rows(criteria: dict) -> QuerySet:
    """Published plans matching the criteria of the plan list (plans.queries.filter_plans), as rows."""
    return plan_queries.filter_plans(criteria).values(*PLAN_COLUMNS)


def complete_plans(rows: list[dict]) -> list[dict]:
    """Districts, quarters, fields of action, council papers and "participation running now" of the page's plans
    (one UNION ALL query, _plan_details)."""
    ids = [row["id"] for row in rows]
    districts, quarters, fields, papers, running = _plan_details(ids)
    statuses = labels(Plan.Status)
    url_of = _link("plans:detail")
    for row in rows:
        pk = row["id"]
        row["status_label"] = statuses.get(row["status"], row["status"])
        row["cost_estimate"] = _float(row["cost_estimate"])
        row["latitude"], row["longitude"] = _float(row["latitude"]), _float(row["longitude"])
        row["district_ids"] = sorted(districts[pk])
        row["quarter_ids"] = sorted(quarters[pk])
        row["field_of_action_ids"] = sorted(fields[pk])
        row["council_papers"] = sorted(papers[pk])
        row["participation_running"] = pk in running
        row["url"] = url_of(pk)
    return rows


def _plan_details(ids: list[int]) -> tuple[dict, dict, dict, dict, set]:
    """For the plans `ids`: their district, quarter and field of action ids, their council papers' numbers and the
    plans with participation running now (the SQL of processes, plans.registry "running_plans_sql"), in one
    UNION ALL query instead of five (the ORM built each query in about 1 ms)."""
    districts, quarters, fields, papers = (defaultdict(list) for _ in range(4))
    running: set[int] = set()
    if not ids:
        return districts, quarters, fields, papers, running
    qn = connection.ops.quote_name
    parts, params = [], []
    for kind, field in enumerate((Plan.districts, Plan.quarters, Plan.fields_of_action), start=1):
        link = field.through._meta
        plan_column, other_column = (qn(f.column) for f in link.get_fields() if f.is_relation and f.many_to_one)
        of_plans, ids_params = in_ids(plan_column, ids)
        parts.append(
            f"SELECT {kind}, {plan_column}, {other_column}, CAST(NULL AS VARCHAR(50))"
            f" FROM {qn(link.db_table)} WHERE {of_plans}"
        )
        params += ids_params
    paper_link, paper = Plan.council_papers.through._meta, CouncilPaper._meta
    of_plans, ids_params = in_ids(f"l.{qn(paper_link.get_field('plan').column)}", ids)
    parts.append(
        f"SELECT 4, l.{qn(paper_link.get_field('plan').column)}, 0, p.{qn(paper.get_field('number').column)}"
        f" FROM {qn(paper_link.db_table)} l INNER JOIN {qn(paper.db_table)} p"
        f" ON l.{qn(paper_link.get_field('councilpaper').column)} = p.{qn(paper.pk.column)}"
        f" WHERE {of_plans}"
    )
    params += ids_params
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    running_plan, running_sql, running_params = plans_registry.provided("running_plans_sql")(ids, today)
    parts.append(f"SELECT DISTINCT 5, {running_plan}, 0, CAST(NULL AS VARCHAR(50)) {running_sql}")
    targets = {1: districts, 2: quarters, 3: fields}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [*params, *running_params])
        for kind, plan_id, other_id, number in cursor.fetchall():
            if kind in targets:
                targets[kind][plan_id].append(other_id)
            elif kind == 4:
                papers[plan_id].append(number)
            else:
                running.add(plan_id)
    return districts, quarters, fields, papers, running


# --- processes -------------------------------------------------------------------------------------------------

PROCESS_COLUMNS = ("id", "plan_id", "title", "published_at", "updated_at")
CONCEPT_FIELDS = (
    "subject",
    "scope_open",
    "scope_fixed",
    "decision_maker",
    "decision_where",
    "decision_when",
    "results_handling",
    "implementation",
    "staff_time",
    "external_costs",
    "external_moderation",
    "project_group",
    "advisory_group",
    "current_version",
)


CONCEPT_COLUMNS = tuple(f"concept__{name}" for name in CONCEPT_FIELDS)


def process_rows(plan_id: int | None = None) -> QuerySet:
    """Public processes with their concept's fields (a LEFT JOIN of the one-to-one concept: no query of its own)."""
    processes = public_processes()
    if plan_id is not None:
        processes = processes.filter(plan_id=plan_id)
    return processes.values(*PROCESS_COLUMNS, "concept__id", *CONCEPT_COLUMNS)


def complete_processes(rows: list[dict]) -> list[dict]:
    """The concept (read with the row by process_rows) with its goals and versions, and the phases of the page's
    processes (three queries, _process_details), whatever the number of rows."""
    concept_ids = [row["concept__id"] for row in rows if row["concept__id"] is not None]
    phases, goals, versions = _process_details([row["id"] for row in rows], concept_ids)
    url_of = _link("processes:detail")
    for row in rows:
        concept_id = row.pop("concept__id")
        values = [row.pop(column) for column in CONCEPT_COLUMNS]
        if concept_id is None:
            row["concept"] = None
        else:
            concept = dict(zip(CONCEPT_FIELDS, values, strict=True))
            costs = concept["external_costs"]
            concept["external_costs"] = None if costs is None else float(costs)
            concept["goals"] = goals.get(concept_id, [])
            concept["versions"] = versions.get(concept_id, [])
            row["concept"] = concept
        row["phases"] = phases.get(row["id"], [])
        row["url"] = url_of(row["id"])
    return rows


def _process_details(process_ids: list[int], concept_ids: list[int]) -> tuple[dict, dict, dict]:
    """{process id: phases}, {concept id: goals} and {concept id: versions} of the page (three queries), each in the
    order of the public process page. (One UNION ALL of the three through the ORM was measured: no cheaper, the
    ORM's compilation of the parts is the cost, not the round trips.)"""
    phases, goals, versions = defaultdict(list), defaultdict(list), defaultdict(list)
    if not process_ids:
        return phases, goals, versions
    kinds, formats, channels = labels(Phase.Kind), labels(Phase.Format), labels(Phase.Channel)
    for pk, process_id, title, kind, format_, channel, start, end, description in _detail_rows("phases", process_ids):
        phases[process_id].append(
            {
                "id": pk,
                "title": title,
                "kind": kind,
                "format": format_,
                "channel": channel,
                "start": start,
                "end": end,
                "description": description,
                "kind_label": kinds.get(kind, kind),
                "format_label": formats.get(format_, format_),
                "channel_label": channels.get(channel, channel),
            }
        )
    if concept_ids:
        for pk, concept_id, description, indicator, target_value, due_date in _detail_rows("goals", concept_ids):
            goals[concept_id].append(
                {
                    "id": pk,
                    "description": description,
                    "indicator": indicator,
                    "target_value": target_value,
                    "due_date": due_date,
                }
            )
        for concept_id, number, published_at, change_note, unit in _detail_rows("versions", concept_ids):
            versions[concept_id].append(
                {"number": number, "published_at": published_at, "change_note": change_note, "unit": unit}
            )
    return phases, goals, versions


_DETAILS = {
    "phases": lambda ids: (
        Phase.objects.filter(process_id__in=ids)
        .order_by("start", "id")
        .values_list("id", "process_id", "title", "kind", "format", "channel", "start", "end", "description")
    ),
    "goals": lambda ids: (
        Goal.objects.filter(concept_id__in=ids)
        .order_by("position", "id")
        .values_list("id", "concept_id", "description", "indicator", "target_value", "due_date")
    ),
    "versions": lambda ids: (
        ConceptVersion.objects.filter(concept_id__in=ids)
        .order_by("number")
        .values_list("concept_id", "number", "published_at", "change_note", "org_unit__short_name")
    ),
}


def _detail_rows(kind: str, ids: list[int]) -> Any:
    """The rows of one of the _DETAILS queries for the ids. On PostgreSQL its SQL is compiled by the ORM once per
    number of ids (_compiled_detail) and then sent with the ids only: compiling the three queries was a third of a
    page's CPU (bench/api/cpu_processes.py). PostgreSQL's driver returns the same Python types as the ORM for
    these columns; on SQLite, whose dates need the ORM's converters, the ORM runs them."""
    if connection.vendor != "postgresql":
        return _DETAILS[kind](ids)
    with connection.cursor() as cursor:
        cursor.execute(_compiled_detail(kind, connection.alias, len(ids)), ids)
        return cursor.fetchall()


@functools.lru_cache(maxsize=256)
def _compiled_detail(kind: str, alias: str, size: int) -> str:
    marker = list(range(_MARKER, _MARKER + size))
    sql, params = _DETAILS[kind](marker).query.get_compiler(alias).as_sql()
    if list(params) != marker:  # the ids must be the only parameters, in order
        raise ValueError(f"{kind}: parameters other than the ids")
    return sql


# --- dialog ----------------------------------------------------------------------------------------------------

CONTRIBUTION_COLUMNS = (
    "id",
    "process_id",
    "phase_id",
    "kind",
    "title",
    "text",
    "latitude",
    "longitude",
    "quarter_id",
    "source",
    "support_count",
    "comment_count",
    "answer_status",
    "created_at",
    "updated_at",
)


def contribution_rows(filters: dict) -> QuerySet:
    """Visible contributions of public processes, filtered like the contribution list."""
    contributions = public_contributions()
    if filters.get("process_id"):
        contributions = contributions.filter(process_id=filters["process_id"])
    if filters.get("kind"):
        contributions = contributions.filter(kind=filters["kind"])
    if filters.get("quarter_id"):
        contributions = contributions.filter(quarter_id=filters["quarter_id"])
    answer = filters.get("answer")
    if answer == "none":
        contributions = contributions.filter(answer_status="")
    elif answer:
        contributions = contributions.filter(answer_status=answer)
    return contributions.values(*CONTRIBUTION_COLUMNS, author_name=F("author__display_name"))


def complete_contributions(rows: list[dict]) -> list[dict]:
    """The answers of the page's contributions (one query) and the German labels; the author as the public pages
    show them: the display name, "collected on site (…)" for contributions entered by staff."""
    ids = [row["id"] for row in rows]
    answers = {}
    if ids:
        for answer in Response.objects.filter(contribution_id__in=ids).values(
            "contribution_id", "status", "text", "created_at", "updated_at", unit=F("org_unit__short_name")
        ):
            answers[answer.pop("contribution_id")] = answer
    kinds, sources, statuses = labels(Contribution.Kind), labels(Contribution.Source), labels(Response.Status)
    url_of = _link("dialog:contribution")
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["source_label"] = sources.get(row["source"], row["source"])
        if row["source"] != Contribution.Source.ONLINE:
            row["author_name"] = None
        row["latitude"], row["longitude"] = _float(row["latitude"]), _float(row["longitude"])
        answer = answers.get(row["id"])
        if answer is not None:
            answer["status_label"] = statuses.get(answer["status"], answer["status"])
        row["answer"] = answer
        row["answer_status"] = row["answer_status"] or None
        row["url"] = url_of(row["id"])
    return rows


def comment_rows(filters: dict) -> QuerySet:
    """Visible comments on visible contributions of public processes."""
    comments = Comment.objects.filter(
        hidden_at__isnull=True,
        contribution__hidden_at__isnull=True,
        contribution__process__published_at__isnull=False,
        contribution__process__plan__published_at__isnull=False,
    )
    if filters.get("contribution_id"):
        comments = comments.filter(contribution_id=filters["contribution_id"])
    if filters.get("process_id"):
        comments = comments.filter(contribution__process_id=filters["process_id"])
    return comments.values(
        "id", "contribution_id", "parent_id", "text", "created_at", "updated_at", author_name=F("author__display_name")
    )


def response_rows(filters: dict) -> QuerySet:
    """The answers of the city to visible contributions of public processes (the unit, never the staff member)."""
    responses = Response.objects.filter(
        contribution__hidden_at__isnull=True,
        contribution__process__published_at__isnull=False,
        contribution__process__plan__published_at__isnull=False,
    )
    if filters.get("process_id"):
        responses = responses.filter(contribution__process_id=filters["process_id"])
    if filters.get("status"):
        responses = responses.filter(status=filters["status"])
    return responses.values(
        "id", "contribution_id", "status", "text", "created_at", "updated_at", unit=F("org_unit__short_name")
    )


def complete_responses(rows: list[dict]) -> list[dict]:
    statuses = labels(Response.Status)
    for row in rows:
        row["status_label"] = statuses.get(row["status"], row["status"])
    return rows


# --- reports and events ----------------------------------------------------------------------------------------


def report_rows(filters: dict) -> QuerySet:
    reports = Report.objects.filter(_of_public_process(), published_at__isnull=False)
    if filters.get("process_id"):
        reports = reports.filter(process_id=filters["process_id"])
    if filters.get("kind"):
        reports = reports.filter(kind=filters["kind"])
    return reports.values(
        "id",
        "process_id",
        "kind",
        "title",
        "text",
        "comments_until",
        "decision_where_when",
        "published_at",
        "updated_at",
    )


def complete_reports(rows: list[dict]) -> list[dict]:
    kinds = labels(Report.Kind)
    url_of = _link("reports:report")
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["url"] = url_of(row["id"])
    return rows


EVENT_COLUMNS = (
    "id",
    "process_id",
    "district_id",
    "org_unit_id",
    "title",
    "description",
    "format",
    "start",
    "end",
    "place_name",
    "address",
    "latitude",
    "longitude",
    "step_free",
    "hearing_loop",
    "easy_language",
    "sign_language",
    "childcare",
    "accessibility_note",
    "registration_required",
    "capacity",
    "cancelled_at",
    "cancellation_reason",
    "published_at",
    "updated_at",
)


def event_rows(filters: dict) -> QuerySet:
    events = public_events()
    if filters.get("process_id"):
        events = events.filter(process_id=filters["process_id"])
    if filters.get("district_id"):
        events = events.filter(district_id=filters["district_id"])
    if filters.get("start_from"):
        events = events.filter(end__date__gte=filters["start_from"])
    if filters.get("start_until"):
        events = events.filter(start__date__lte=filters["start_until"])
    return events.values(*EVENT_COLUMNS)


def complete_events(rows: list[dict]) -> list[dict]:
    formats = labels(Event.Format)
    url_of = _link("events:detail")
    for row in rows:
        row["format_label"] = formats.get(row["format"], row["format"])
        row["latitude"], row["longitude"] = _float(row["latitude"]), _float(row["longitude"])
        row["cancelled"] = row.pop("cancelled_at") is not None
        row["url"] = url_of(row["id"])
    return rows


# --- outcomes and evaluation -----------------------------------------------------------------------------------


def result_rows(filters: dict) -> QuerySet:
    results = Result.objects.filter(_of_public_process(), published_at__isnull=False)
    if filters.get("process_id"):
        results = results.filter(process_id=filters["process_id"])
    return results.values("id", "process_id", "summary", "published_at", "updated_at")


def complete_results(rows: list[dict]) -> list[dict]:
    """The recommendations of the page's results (one query), each with its verdict when the decision is public."""
    ids = [row["id"] for row in rows]
    recommendations = defaultdict(list)
    if ids:
        for item in (
            Recommendation.objects.filter(result_id__in=ids)
            .order_by("position", "id")
            .values("id", "result_id", "text", "position")
        ):
            recommendations[item.pop("result_id")].append(item)
    url_of = _link("outcomes:results")
    for row in rows:
        row["recommendations"] = recommendations[row["id"]]
        row["url"] = url_of(row["process_id"])
    return rows


def decision_rows(filters: dict) -> QuerySet:
    decisions = Decision.objects.filter(_of_public_process(), published_at__isnull=False)
    if filters.get("process_id"):
        decisions = decisions.filter(process_id=filters["process_id"])
    return decisions.values(
        "id",
        "process_id",
        "decision_maker",
        "date",
        "body",
        "text",
        "responsible_kind",
        "responsible_unit_id",
        "responsible_name",
        "published_at",
        "updated_at",
        paper_number=F("council_paper__number"),
    )


def complete_decisions(rows: list[dict]) -> list[dict]:
    """The verdicts on the recommendations, in the order of the recommendations (one query)."""
    ids = [row["id"] for row in rows]
    verdicts = defaultdict(list)
    outcomes = labels(Verdict.Outcome)
    if ids:
        for verdict in (
            Verdict.objects.filter(decision_id__in=ids)
            .order_by("recommendation__position", "recommendation_id")
            .values("decision_id", "recommendation_id", "outcome", "reason", text=F("recommendation__text"))
        ):
            verdict["recommendation"] = verdict.pop("text")
            verdict["outcome_label"] = outcomes.get(verdict["outcome"], verdict["outcome"])
            verdicts[verdict.pop("decision_id")].append(verdict)
    url_of = _link("outcomes:decision")
    for row in rows:
        row["council_paper"] = row.pop("paper_number")
        row["verdicts"] = verdicts[row["id"]]
        row["url"] = url_of(row["process_id"])
    return rows


def milestone_rows(filters: dict) -> QuerySet:
    milestones = Milestone.objects.filter(_of_public_process())
    if filters.get("process_id"):
        milestones = milestones.filter(process_id=filters["process_id"])
    if filters.get("status"):
        milestones = milestones.filter(status=filters["status"])
    return milestones.values(
        "id",
        "process_id",
        "parent_id",
        "title",
        "description",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "status",
        "progress",
        "weight",
        "updated_at",
    )


def complete_milestones(rows: list[dict]) -> list[dict]:
    statuses = labels(Milestone.Status)
    url_of = _link("outcomes:implementation")
    for row in rows:
        row["status_label"] = statuses.get(row["status"], row["status"])
        row["url"] = url_of(row["process_id"])
    return rows


def evaluation_rows(filters: dict) -> QuerySet:
    evaluations = Evaluation.objects.filter(_of_public_process(), status=Evaluation.Status.PUBLISHED)
    if filters.get("process_id"):
        evaluations = evaluations.filter(process_id=filters["process_id"])
    return evaluations.values("id", "process_id", "accompanied", "lessons_learned", "published_at", "updated_at")


def complete_evaluations(rows: list[dict]) -> list[dict]:
    """The goals' assessments and the number of questionnaires answered online and on paper (two queries); the
    answers themselves stay out (free texts may hold personal details)."""
    ids = [row["id"] for row in rows]
    assessments, submissions = defaultdict(list), defaultdict(dict)
    ratings = labels(GoalAssessment.Rating)
    if ids:
        for item in (
            GoalAssessment.objects.filter(evaluation_id__in=ids)
            .order_by("goal__position", "goal_id")
            .values(
                "evaluation_id",
                "goal_id",
                "measured_value",
                "rating",
                "comment",
                goal_text=F("goal__description"),
                target_value=F("goal__target_value"),
            )
        ):
            item["goal"] = item.pop("goal_text")
            item["rating_label"] = ratings.get(item["rating"], item["rating"])
            assessments[item.pop("evaluation_id")].append(item)
        counts = Submission.objects.filter(evaluation_id__in=ids).values_list("evaluation_id", "source").order_by()
        for evaluation_id, source in counts:
            submissions[evaluation_id][source] = submissions[evaluation_id].get(source, 0) + 1
    questions = _scale_questions(ids)
    url_of = _link("evaluation:public")
    for row in rows:
        row["assessments"] = assessments[row["id"]]
        row["questions"] = questions[row["id"]]
        by_source = submissions[row["id"]]
        row["questionnaires_online"] = by_source.get(Submission.Source.ONLINE, 0)
        row["questionnaires_paper"] = by_source.get(Submission.Source.PAPER, 0)
        row["url"] = url_of(row["process_id"])
    return rows


def _scale_questions(evaluation_ids: list[int]) -> dict[int, list[dict]]:
    """The scale questions of the evaluations with the count of every answer value, as the public evaluation page
    shows them (two queries; free-text answers are never read)."""
    found: dict[int, list[dict]] = defaultdict(list)
    if not evaluation_ids:
        return found
    counts = defaultdict(int)
    for question_id, value in (
        Answer.objects.filter(question__evaluation_id__in=evaluation_ids, text="")
        .values_list("question_id", "value")
        .order_by()
    ):
        counts[(question_id, value)] += 1
    scale = [(value, str(label)) for value, label in SCALE] + [(Answer.NO_ANSWER, str(NO_ANSWER_LABEL))]
    for question in (
        Question.objects.filter(evaluation_id__in=evaluation_ids, kind=Question.Kind.LIKERT)
        .order_by("position", "id")
        .values("id", "evaluation_id", "text")
    ):
        question["answers"] = [
            {"value": value, "label": label, "count": counts[(question["id"], value)]} for value, label in scale
        ]
        found[question.pop("evaluation_id")].append(question)
    return found


# --- sortition -------------------------------------------------------------------------------------------------


def sortition_rows(filters: dict) -> QuerySet:
    """Sortitions past their setup (sortition.queries.public_sortition)."""
    sortitions = Sortition.objects.exclude(state=Sortition.State.SETUP)
    if filters.get("process_id"):
        sortitions = sortitions.filter(process_id=filters["process_id"])
    return sortitions.values("id", "process_id", "title", "description", "panel_size", "state", "updated_at")


def complete_sortitions(rows: list[dict]) -> list[dict]:
    """The published lottery (the document the public page offers as JSON) and the draw (two queries)."""
    ids = [row["id"] for row in rows]
    lotteries, draws = {}, {}
    if ids:
        for sortition_id, document, published_at in PublishedLottery.objects.filter(sortition_id__in=ids).values_list(
            "sortition_id", "document", "published_at"
        ):
            lotteries[sortition_id] = (document, published_at)
        for draw in Draw.objects.filter(sortition_id__in=ids).values(
            "sortition_id", "public_number", "panel_index", "members", "drawn_at"
        ):
            draws[draw.pop("sortition_id")] = draw
    states = labels(Sortition.State)
    url_of = _link("sortition:public_detail")
    for row in rows:
        pk = row["id"]
        row["state_label"] = states.get(row["state"], row["state"])
        document, published_at = lotteries.get(pk, (None, None))
        row["lottery"] = json.loads(document) if document else None
        row["lottery_published_at"] = published_at
        row["lottery_url"] = reverse("sortition:lottery_json", args=[pk]) if document else None
        row["draw"] = draws.get(pk)
        row["url"] = url_of(pk)
    return rows


# --- the city's master data ------------------------------------------------------------------------------------


def district_rows(filters: dict) -> QuerySet:
    return District.objects.values("id", "number", "name", "slug", "boundary")


def quarter_rows(filters: dict) -> QuerySet:
    quarters = Quarter.objects.all()
    if filters.get("district_id"):
        quarters = quarters.filter(district_id=filters["district_id"])
    return quarters.values("id", "district_id", "name", "slug", "boundary")


def field_of_action_rows(filters: dict) -> QuerySet:
    return FieldOfAction.objects.values("id", "name", "slug", "position")


def org_unit_rows(filters: dict) -> QuerySet:
    """The city's units with their public office data (no person: the contacts of processes stay on the pages)."""
    units = OrgUnit.objects.all()
    if not filters.get("include_dissolved"):
        units = units.filter(dissolved_at__isnull=True)
    return units.values(
        "id", "parent_id", "kind", "short_name", "name", "website", "address", "dissolved_at", "successor_id"
    )


def complete_org_units(rows: list[dict]) -> list[dict]:
    kinds = labels(OrgUnit.Kind)
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
    return rows
