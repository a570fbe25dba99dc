"""The built-in sections of the public report, one per app that exists below reporting.

Each function takes a `scope.ReportScope` and returns its tables with a constant number of queries (counts
grouped in the database; the medians are read by rank, never by loading every value). What belongs to a year
and to a district or unit is explained in `scope.py` (frozen history).
"""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.dialog.models import Comment, Contribution, Response
from stadtdialog.evaluation.models import Evaluation, GoalAssessment
from stadtdialog.events.models import Event, Registration
from stadtdialog.outcomes.models import Decision, Milestone, Recommendation, Result, Verdict
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Phase, Process
from stadtdialog.reports.models import ConceptComment, ReportComment
from stadtdialog.sortition.models import Sortition

from .registry import register
from .scope import ReportScope
from .tables import Table, nearest_rank, share

LIST_LIMIT = 25  # rows of the lists of reasons (not taken into account, deviations); the CSV has the same rows
ON_SITE_SOURCES = [value for value in Contribution.Source.values if value != Contribution.Source.ONLINE]
ANSWERED = [Response.Status.TAKEN, Response.Status.PARTLY, Response.Status.NOT_TAKEN, Response.Status.OUT_OF_SCOPE]


def _counts(queryset, field: str) -> dict:
    return {row[field]: row["n"] for row in queryset.order_by().values(field).annotate(n=Count("pk"))}


def _by_choice(choices, counts: dict) -> list[list]:
    return [[label, counts.get(value, 0)] for value, label in choices]


def _rows_with_total(rows: list[list]) -> list[list]:
    return rows + [[_("Total"), sum(row[1] for row in rows)]]


# --- plans ------------------------------------------------------------------------------------------------------


def plan_figures(scope: ReportScope) -> list[Table]:
    plans = scope.plans().filter(scope.in_year("published_at"))
    by_status = _counts(plans, "status")
    participation = plans.order_by().aggregate(
        planned=Count("pk", filter=Q(participation_planned=True)),
        without_reason=Count("pk", filter=Q(participation_planned=False) & ~Q(no_participation_reason="")),
        without_none=Count("pk", filter=Q(participation_planned=False, no_participation_reason="")),
    )
    return [
        Table(
            "plans_by_status",
            _("Plans published in the year, by their status today"),
            [_("Status"), _("Plans")],
            _by_choice(Plan.Status.choices, by_status),
            chart_column=1,
        ),
        Table(
            "plans_participation",
            _("Plans with and without participation"),
            [_("Plans"), _("Number")],
            [
                [_("with participation planned"), participation["planned"]],
                [_("without participation, with the reason given"), participation["without_reason"]],
                [_("without participation, no reason given"), participation["without_none"]],
            ],
            note=_("Every plan without participation should say why (guidelines for participation)."),
            chart_column=1,
        ),
    ]


# --- processes and phases ---------------------------------------------------------------------------------------


def process_figures(scope: ReportScope) -> list[Table]:
    processes = Process.objects.filter(scope.in_year("published_at"), scope.plan_q("plan"))
    overview = processes.order_by().aggregate(
        total=Count("pk"),
        concept=Count("pk", filter=Q(concept__current_version__gt=0)),
    )
    phases = Phase.objects.filter(scope.in_year_dates("start"), scope.public_process_q())
    grid = {
        (row["format"], row["channel"]): row["n"]
        for row in phases.order_by().values("format", "channel").annotate(n=Count("pk"))
    }
    channels = [Phase.Channel.ONLINE, Phase.Channel.ON_SITE, Phase.Channel.BOTH]
    rows = []
    for value, label in Phase.Format.choices:
        cells = [grid.get((value, channel), 0) for channel in channels]
        rows.append([label, *cells, sum(cells)])
    return [
        Table(
            "processes",
            _("Participation processes published in the year"),
            [_("Processes"), _("Number")],
            [
                [_("published"), overview["total"]],
                [_("with a published participation concept"), overview["concept"]],
            ],
        ),
        Table(
            "phases_by_format",
            _("Phases that began in the year, by format"),
            [_("Format"), _("Online"), _("On site"), _("Online and on site"), _("Total")],
            rows,
            chart_column=4,
        ),
    ]


# --- events -----------------------------------------------------------------------------------------------------


def _events(scope: ReportScope):
    events = Event.objects.published().filter(scope.in_year("start"))
    with_process = Q(process__isnull=False, process__published_at__isnull=False)
    if scope.district is None:
        with_process &= scope.plan_q("process__plan")
    else:
        with_process &= scope.plan_q_without_district("process__plan") & (
            Q(district=scope.district) | (Q(district__isnull=True) & scope.plan_q("process__plan"))
        )
    if scope.directorate is None and scope.department is None and scope.field is None:
        without_process = Q(process__isnull=True)
        if scope.district is not None:
            without_process &= Q(district=scope.district)
    else:
        units = set()
        for unit in (scope.department, scope.directorate):
            if unit is not None:
                units = scope.subtree_ids(unit) if not units else units & scope.subtree_ids(unit)
        without_process = Q(process__isnull=True, org_unit__in=sorted(units)) if scope.field is None else Q(pk=None)
        if scope.district is not None:
            without_process &= Q(district=scope.district)
    return events.filter(with_process | without_process)


def event_figures(scope: ReportScope) -> list[Table]:
    events = _events(scope)
    counts = {
        row["format"]: row
        for row in events.order_by()
        .values("format")
        .annotate(n=Count("pk"), cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)))
    }
    participants = _counts(
        Registration.objects.filter(event__in=events.values("pk"), status=Registration.Status.CONFIRMED),
        "event__format",
    )
    rows = []
    for value, label in Event.Format.choices:
        row = counts.get(value, {})
        rows.append([label, row.get("n", 0), row.get("cancelled", 0), participants.get(value, 0)])
    rows.append([_("Total"), *(sum(row[i] for row in rows) for i in (1, 2, 3))])
    return [
        Table(
            "events_by_format",
            _("Events on site in the year, by format"),
            [_("Format"), _("Events"), _("of them cancelled"), _("Registered participants")],
            rows,
            note=_("Participants are the confirmed registrations; events without registration count none."),
            chart_column=1,
        )
    ]


# --- contributions, comments, answers ------------------------------------------------------------------------------


def _days(duration) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 86400, 1)


def dialog_figures(scope: ReportScope) -> list[Table]:
    contributions = Contribution.objects.filter(scope.in_year("created_at"), scope.contribution_q())
    by_source = _counts(contributions, "source")
    comments = Comment.objects.filter(scope.in_year("created_at"), scope.contribution_q("contribution")).count()
    report_comments = ReportComment.objects.filter(
        scope.in_year("created_at"),
        scope.public_process_q("report__process"),
        report__published_at__isnull=False,
    ).count()
    total = sum(by_source.values())
    online = by_source.get(Contribution.Source.ONLINE, 0)
    source_rows = [[label, by_source.get(value, 0)] for value, label in Contribution.Source.choices]

    responses = Response.objects.filter(contribution__in=contributions.values("pk"))
    by_status = _counts(responses, "status")
    answered = sum(by_status.get(status, 0) for status in ANSWERED)
    waits = (
        responses.filter(status__in=ANSWERED)
        .annotate(wait=ExpressionWrapper(F("created_at") - F("contribution__created_at"), output_field=DurationField()))
        .order_by("wait", "pk")
        .values_list("wait", flat=True)
    )
    median = p90 = None
    if answered:
        median = _days(waits[nearest_rank(answered, 0.5)])
        p90 = _days(waits[nearest_rank(answered, 0.9)])
    status_rows = [
        [label, by_status.get(value, 0), share(by_status.get(value, 0), answered)]
        for value, label in ((status, Response.Status(status).label) for status in ANSWERED)
    ]
    reasons = (
        responses.filter(status=Response.Status.NOT_TAKEN, contribution__hidden_at__isnull=True)
        .select_related("contribution__process")
        .order_by("-created_at", "-pk")[:LIST_LIMIT]
    )
    return [
        Table(
            "input",
            _("Contributions and comments in the year"),
            [_("Input"), _("Number")],
            [
                [_("contributions online"), online],
                [_("contributions on site (postcard, workshop, event, letter)"), total - online],
                [_("comments on contributions (online)"), comments],
                [_("comments on interim reports (online)"), report_comments],
            ],
            chart_column=1,
        ),
        Table(
            "contributions_by_source",
            _("Contributions by where they were collected"),
            [_("Source"), _("Contributions")],
            _rows_with_total(source_rows),
        ),
        Table(
            "answers",
            _("Answers to the contributions of the year"),
            [_("Figure"), _("Value")],
            [
                [_("contributions"), total],
                [_("answered"), answered],
                [_("share answered (%)"), share(answered, total)],
                [_("under review"), by_status.get(Response.Status.UNDER_REVIEW, 0)],
                [_("median of days to the answer"), median],
                [_("90th percentile of days to the answer"), p90],
            ],
            note=_("Days from the contribution to the first published answer; percentiles by nearest rank."),
        ),
        Table(
            "answers_by_status",
            _("What became of the answered contributions"),
            [_("Answer"), _("Contributions"), _("Share of the answered (%)")],
            status_rows,
            chart_column=1,
        ),
        Table(
            "not_taken_reasons",
            _("Not taken into account: the reasons given (latest first)"),
            [_("Contribution"), _("Process"), _("Reason")],
            [[item.contribution.title, item.contribution.process.title, item.text] for item in reasons],
            note=_("At most %(count)s entries.") % {"count": LIST_LIMIT},
        ),
    ]


# --- comments on concepts ----------------------------------------------------------------------------------------


def concept_comment_figures(scope: ReportScope) -> list[Table]:
    comments = ConceptComment.objects.filter(scope.in_year("created_at"), scope.public_process_q("concept__process"))
    by_status = _counts(comments, "status")
    revised = comments.filter(status=ConceptComment.Status.ADOPTED, adopted_in_version__isnull=False).count()
    rows = _by_choice(ConceptComment.Status.choices, by_status)
    return [
        Table(
            "concept_comments",
            _("Comments on participation concepts and how they were handled"),
            [_("Handling"), _("Comments")],
            _rows_with_total(rows) + [[_("adopted into a new version of the concept"), revised]],
            chart_column=None,
        )
    ]


# --- results, decisions, implementation ------------------------------------------------------------------------------


def outcome_figures(scope: ReportScope) -> list[Table]:
    results = Result.objects.filter(scope.in_year("published_at"), scope.public_process_q())
    result_counts = results.order_by().aggregate(n=Count("pk", distinct=True))
    recommendations = Recommendation.objects.filter(result__in=results.values("pk")).count()
    decisions = Decision.objects.filter(scope.in_year("published_at"), scope.public_process_q())
    verdicts = Verdict.objects.filter(decision__in=decisions.values("pk"))
    by_outcome = _counts(verdicts, "outcome")
    deviations = (
        verdicts.exclude(outcome=Verdict.Outcome.FOLLOWED)
        .select_related("recommendation", "decision__process")
        .order_by("-decision__published_at", "-pk")[:LIST_LIMIT]
    )
    milestones = Milestone.objects.filter(scope.in_year_dates("planned_end"), scope.public_process_q())
    as_of = min(scope.today, scope.last_day)
    progress = milestones.order_by().aggregate(
        n=Count("pk"),
        overdue=Count(
            "pk",
            filter=Q(planned_end__lt=as_of) & ~Q(status__in=[Milestone.Status.DONE, Milestone.Status.DROPPED]),
        ),
        average=Avg("progress"),
    )
    by_milestone_status = _counts(milestones, "status")
    verdict_rows = _by_choice(Verdict.Outcome.choices, by_outcome)
    return [
        Table(
            "results",
            _("Results and decisions published in the year"),
            [_("Figure"), _("Number")],
            [
                [_("results published"), result_counts["n"]],
                [_("recommendations in them"), recommendations],
                [_("decisions published"), decisions.count()],
            ],
        ),
        Table(
            "verdicts",
            _("What the decisions made of the recommendations"),
            [_("Verdict"), _("Recommendations"), _("Share (%)")],
            [[label, n, share(n, sum(by_outcome.values()))] for label, n in verdict_rows],
            chart_column=1,
        ),
        Table(
            "deviations",
            _("Recommendations the decisions deviated from, with the reasons (latest first)"),
            [_("Recommendation"), _("Process"), _("Verdict"), _("Reason")],
            [
                [
                    item.recommendation.text[:200],
                    item.decision.process.title,
                    item.get_outcome_display(),
                    item.reason,
                ]
                for item in deviations
            ],
            note=_("At most %(count)s entries.") % {"count": LIST_LIMIT},
        ),
        Table(
            "milestones",
            _("Implementation: milestones due in the year"),
            [_("Status"), _("Milestones")],
            _by_choice(Milestone.Status.choices, by_milestone_status)
            + [
                [_("overdue (due, neither done nor dropped)"), progress["overdue"]],
                [_("average progress (%)"), None if progress["average"] is None else round(progress["average"], 1)],
            ],
            note=_("Overdue as of %(date)s.") % {"date": as_of.strftime("%d.%m.%Y")},
        ),
    ]


# --- evaluation ---------------------------------------------------------------------------------------------------


def evaluation_figures(scope: ReportScope) -> list[Table]:
    evaluations = Evaluation.objects.filter(
        scope.in_year("published_at"), scope.public_process_q(), status=Evaluation.Status.PUBLISHED
    )
    per_unit = {
        row["process__plan__lead_unit"]: row["n"]
        for row in evaluations.order_by().values("process__plan__lead_unit").annotate(n=Count("pk"))
    }
    processes = {
        row["plan__lead_unit"]: row["n"]
        for row in Process.objects.filter(scope.in_year("published_at"), scope.plan_q("plan"))
        .order_by()
        .values("plan__lead_unit")
        .annotate(n=Count("pk"))
    }
    assessments = GoalAssessment.objects.filter(evaluation__in=evaluations.values("pk"))
    ratings = {
        (row["evaluation__process__plan__lead_unit"], row["rating"]): row["n"]
        for row in assessments.order_by()
        .values("evaluation__process__plan__lead_unit", "rating")
        .annotate(n=Count("pk"))
    }
    departments: dict[int, list] = {}
    for unit in scope.departments():
        departments[unit.pk] = [f"{unit.short_name} {unit.name}", 0, 0, 0, 0, 0]
    for unit_id, n in processes.items():
        departments.setdefault(*_department_row(scope, unit_id))[1] += n
    for unit_id, n in per_unit.items():
        departments.setdefault(*_department_row(scope, unit_id))[2] += n
    for (unit_id, rating), n in ratings.items():
        column = {"achieved": 3, "partly": 4, "not_achieved": 5}[rating]
        departments.setdefault(*_department_row(scope, unit_id))[column] += n
    rows = sorted(departments.values(), key=lambda row: row[0])
    by_rating = _counts(assessments, "rating")
    assessed = sum(by_rating.values())
    return [
        Table(
            "evaluations_by_department",
            _("Evaluations per department"),
            [
                _("Department"),
                _("Processes published"),
                _("Evaluations published"),
                _("Goals achieved"),
                _("partly achieved"),
                _("not achieved"),
            ],
            rows,
            note=_("The aim: an evaluation from every department. Departments without one show 0."),
        ),
        Table(
            "goal_attainment",
            _("Goal attainment in the evaluations published in the year"),
            [_("Assessment"), _("Goals"), _("Share (%)")],
            [
                [label, by_rating.get(value, 0), share(by_rating.get(value, 0), assessed)]
                for value, label in GoalAssessment.Rating.choices
            ],
            chart_column=1,
        ),
    ]


def _department_row(scope: ReportScope, unit_id: int | None) -> tuple[int, list]:
    department = scope.department_of(unit_id)
    if department is None:
        return (0, [_("without a department"), 0, 0, 0, 0, 0])
    return (department.pk, [f"{department.short_name} {department.name}", 0, 0, 0, 0, 0])


# --- sortition ----------------------------------------------------------------------------------------------------


def sortition_figures(scope: ReportScope) -> list[Table]:
    sortitions = Sortition.objects.filter(scope.in_year("created_at"))
    with_process = Q(process__isnull=False) & scope.public_process_q()
    sortitions = (
        sortitions.filter(with_process | Q(process__isnull=True))
        if not scope.has_plan_filter
        else (sortitions.filter(with_process))
    )
    by_state = _counts(sortitions, "state")
    seats = sortitions.filter(state__in=[Sortition.State.DRAWN, Sortition.State.ENDED]).aggregate(
        seats=Sum("panel_size")
    )["seats"]
    return [
        Table(
            "sortitions",
            _("Sortitions begun in the year, by state"),
            [_("State"), _("Sortitions")],
            _rows_with_total(_by_choice(Sortition.State.choices, by_state))
            + [[_("seats of the panels drawn"), seats or 0]],
        )
    ]


def register_builtin() -> None:
    register(
        "plans",
        title=gettext_lazy("Plans"),
        figures=plan_figures,
        models=["plans.Plan"],
        order=10,
    )
    register(
        "processes",
        title=gettext_lazy("Processes and phases"),
        figures=process_figures,
        models=["processes.Process", "processes.Phase", "processes.Concept"],
        order=20,
    )
    register(
        "events",
        title=gettext_lazy("Events on site"),
        figures=event_figures,
        models=["events.Event", "events.Registration"],
        order=30,
    )
    register(
        "dialog",
        title=gettext_lazy("Contributions, comments and answers"),
        figures=dialog_figures,
        models=["dialog.Contribution", "dialog.Comment", "dialog.Response", "reports.ReportComment"],
        order=40,
    )
    register(
        "concept_comments",
        title=gettext_lazy("Comments on the concepts"),
        figures=concept_comment_figures,
        models=["reports.ConceptComment"],
        order=50,
    )
    register(
        "outcomes",
        title=gettext_lazy("Results, decisions and implementation"),
        figures=outcome_figures,
        models=[
            "outcomes.Result",
            "outcomes.Recommendation",
            "outcomes.Decision",
            "outcomes.Verdict",
            "outcomes.Milestone",
        ],
        order=60,
    )
    register(
        "evaluation",
        title=gettext_lazy("Evaluation"),
        figures=evaluation_figures,
        models=["evaluation.Evaluation", "evaluation.GoalAssessment"],
        order=70,
    )
    register(
        "sortition",
        title=gettext_lazy("Sortitions"),
        figures=sortition_figures,
        models=["sortition.Sortition"],
        order=80,
    )
