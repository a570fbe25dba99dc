"""The annual report as an information paper to the councils: what goes into the PDF of a year.

The figures are those of the public report (the registered sections) for the whole city, the year before for
comparison, and two lists: per department and per district. `annual_report_context` reports its progress
through a callback, so that the task can show how far it is.
"""

from collections.abc import Callable

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stadtdialog.dialog.models import Contribution, Response
from stadtdialog.organisation.models import District
from stadtdialog.organisation.queries import current_city
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

from . import queries
from .scope import ReportScope
from .sections import ANSWERED
from .tables import Table, share

# The summary: (label, table key, row index, column index) of the key figures, compared with the year before.
SUMMARY = [
    (gettext_noop("plans published"), "plans_by_status", None, 1),
    (gettext_noop("processes published"), "processes", 0, 1),
    (gettext_noop("phases begun"), "phases_by_format", None, 4),
    (gettext_noop("events on site"), "events_by_format", -1, 1),
    (gettext_noop("registered participants of events"), "events_by_format", -1, 3),
    (gettext_noop("contributions"), "answers", 0, 1),
    (gettext_noop("share answered (%)"), "answers", 2, 1),
    (gettext_noop("median of days to the answer"), "answers", 4, 1),
    (gettext_noop("comments on concepts"), "concept_comments", 3, 1),
    (gettext_noop("results published"), "results", 0, 1),
    (gettext_noop("decisions published"), "results", 2, 1),
    (gettext_noop("evaluations published"), "evaluations_by_department", None, 2),
]


def _pick(tables: dict, key: str, row: int | None, column: int):
    table = tables.get(key)
    if table is None or not table.rows:
        return None
    if row is None:
        return sum(item[column] or 0 for item in table.rows)
    return table.rows[row][column]


def summary_table(current: list, previous: list, year: int) -> Table:
    now = {table.key: table for entry in current for table in entry.tables}
    before = {table.key: table for entry in previous for table in entry.tables}
    rows = [[_(label), _pick(now, key, row, col), _pick(before, key, row, col)] for label, key, row, col in SUMMARY]
    return Table("summary", _("The year at a glance"), [_("Figure"), str(year), str(year - 1)], rows)


def department_table(scope: ReportScope) -> Table:
    plans = {
        row["lead_unit"]: row["n"]
        for row in scope.plans().filter(scope.in_year("published_at")).values("lead_unit").annotate(n=Count("pk"))
    }
    processes = {
        row["plan__lead_unit"]: row["n"]
        for row in Process.objects.filter(scope.in_year("published_at"), scope.plan_q("plan"))
        .values("plan__lead_unit")
        .annotate(n=Count("pk"))
    }
    contributions = {
        row["process__plan__lead_unit"]: row
        for row in Contribution.objects.filter(scope.in_year("created_at"), scope.contribution_q())
        .values("process__plan__lead_unit")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(response__status__in=ANSWERED)))
    }
    rows: dict[int, list] = {}
    for unit_id in set(plans) | set(processes) | set(contributions):
        department = scope.department_of(unit_id)
        key = department.pk if department else 0
        label = f"{department.short_name} {department.name}" if department else _("without a department")
        row = rows.setdefault(key, [label, 0, 0, 0, 0])
        row[1] += plans.get(unit_id, 0)
        row[2] += processes.get(unit_id, 0)
        row[3] += contributions.get(unit_id, {}).get("n", 0)
        row[4] += contributions.get(unit_id, {}).get("answered", 0)
    table_rows = [[*row[:4], share(row[4], row[3])] for row in sorted(rows.values(), key=lambda row: row[0])]
    return Table(
        "by_department",
        _("By department"),
        [_("Department"), _("Plans published"), _("Processes published"), _("Contributions"), _("share answered (%)")],
        table_rows,
    )


def district_table(scope: ReportScope) -> Table:
    """Per district: plans about it, and contributions recorded there (their quarter) or, without a quarter,
    about a plan of the district (counted in each of its plan's districts)."""
    through = Plan.districts.through.objects
    plans = {
        row["district"]: row["n"]
        for row in through.filter(plan__in=scope.plans().filter(scope.in_year("published_at")).values("pk"))
        .values("district")
        .annotate(n=Count("pk"))
    }
    contributions = Contribution.objects.filter(scope.in_year("created_at"), scope.contribution_q())
    recorded = {
        row["quarter__district"]: row
        for row in contributions.filter(quarter__isnull=False)
        .values("quarter__district")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(response__status__in=ANSWERED)))
    }
    by_plan = {
        row["process__plan__districts"]: row
        for row in contributions.filter(quarter__isnull=True)
        .values("process__plan__districts")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(response__status__in=ANSWERED)))
    }
    rows = []
    for district in District.objects.order_by("number"):
        total = recorded.get(district.pk, {}).get("n", 0) + by_plan.get(district.pk, {}).get("n", 0)
        answered = recorded.get(district.pk, {}).get("answered", 0) + by_plan.get(district.pk, {}).get("answered", 0)
        rows.append([district.name, plans.get(district.pk, 0), total, share(answered, total)])
    return Table(
        "by_district",
        _("By district"),
        [_("District"), _("Plans published"), _("Contributions"), _("share answered (%)")],
        rows,
        note=_("Contributions count for the district of the quarter recorded with them, else for their plan's."),
    )


def annual_report_context(year: int, progress: Callable[[int, str], None] = lambda percent, step: None) -> dict:
    scope = ReportScope(year=year, units=queries.all_units())
    progress(10, _("Figures of the year"))
    current = queries.compute(scope)
    progress(40, _("Figures of the year before"))
    previous = queries.compute(scope.previous())
    progress(60, _("Lists by department and district"))
    lists = [department_table(scope), district_table(scope)]
    progress(75, _("Laying out the PDF"))
    city = current_city()
    return {
        "CITY": city,
        "CITY_NAME": city.name,
        "year": year,
        "scope": scope,
        "sections": current,
        "summary": summary_table(current, previous, year),
        "lists": lists,
        "answered_statuses": Response.Status,
    }
