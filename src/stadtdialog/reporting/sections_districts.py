"""The report's section on residents' concerns (districts app): how many came in per district, how many were
closed and how, and how long the first answer and the closing took.

What belongs to a year is the concern's own submission date (confirmed concerns only: an unconfirmed one is
deleted after a few days); its district is the concern's own district at the time of the report (a concern moved
to another district counts there, where it was handled). Personal data is never read: the purge of a concern's
personal data keeps its row, its district, category, status and dates, so the figures of a past year stay.
Concerns belong to no plan, so the filters by directorate, department and field of action do not apply to them.
"""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.districts.models import Concern, ConcernStatus
from stadtdialog.districts.models.concerns import CLOSED_STATUSES
from stadtdialog.organisation.models import District

from .registry import register
from .scope import ReportScope
from .tables import Table, nearest_rank, share

WAIT_TO_ANSWER = ExpressionWrapper(F("first_answer_at") - F("created_at"), output_field=DurationField())
WAIT_TO_CLOSE = ExpressionWrapper(F("closed_at") - F("created_at"), output_field=DurationField())


def _days(duration) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 86400, 1)


def _concerns(scope: ReportScope):
    concerns = Concern.objects.filter(scope.in_year("created_at"), confirmed_at__isnull=False)
    if scope.district is not None:
        concerns = concerns.filter(district=scope.district)
    return concerns.order_by()


def _median_days(concerns, count: int, field: str, wait) -> float | None:
    """The median by nearest rank of `count` values, read as one row (never loading every value)."""
    if not count:
        return None
    done = concerns.filter(**{f"{field}__isnull": False})
    if field == "closed_at":
        done = done.filter(status__in=CLOSED_STATUSES)
    values = done.annotate(wait=wait).order_by("wait", "pk").values_list("wait", flat=True)
    return _days(values[nearest_rank(count, 0.5)])


def concern_figures(scope: ReportScope) -> list[Table]:
    concerns = _concerns(scope)
    closed = Q(status__in=CLOSED_STATUSES, closed_at__isnull=False)
    per_district = {
        row["district_id"]: row
        for row in concerns.values("district_id").annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(first_answer_at__isnull=False)),
            closed=Count("pk", filter=closed),
            answer=Avg(WAIT_TO_ANSWER, filter=Q(first_answer_at__isnull=False)),
            close=Avg(WAIT_TO_CLOSE, filter=closed),
        )
    }
    districts = District.objects.order_by("number")
    if scope.district is not None:
        districts = districts.filter(pk=scope.district.pk)
    district_rows = []
    for district in districts:
        row = per_district.get(district.pk, {})
        received, done = row.get("received", 0), row.get("closed", 0)
        district_rows.append(
            [district.name, received, done, share(done, received), _days(row.get("answer")), _days(row.get("close"))]
        )
    total_received = sum(row[1] for row in district_rows)
    total_closed = sum(row[2] for row in district_rows)
    total_answered = sum(row.get("answered", 0) for row in per_district.values())
    by_status = {row["status"]: row["n"] for row in concerns.values("status").annotate(n=Count("pk"))}
    by_category = concerns.values("category__name").annotate(n=Count("pk")).order_by("-n", "category__name")
    note = _("Concerns confirmed by e-mail or brought in person, counted by the year they came in.")
    if scope.directorate or scope.department or scope.field:
        note += " " + _("Concerns belong to no plan: the filters by unit and field of action do not apply to them.")
    return [
        Table(
            "concerns_by_district",
            _("Residents' concerns by district"),
            [
                _("District"),
                _("Received"),
                _("Closed"),
                _("Share closed (%)"),
                _("Average days to the first answer"),
                _("Average days to closing"),
            ],
            district_rows,
            note=note,
            chart_column=1,
        ),
        Table(
            "concerns_overall",
            _("Concerns of the year: answers and closing"),
            [_("Figure"), _("Value")],
            [
                [_("received"), total_received],
                [_("closed"), total_closed],
                [_("share closed (%)"), share(total_closed, total_received)],
                [
                    _("median of days to the first answer"),
                    _median_days(concerns, total_answered, "first_answer_at", WAIT_TO_ANSWER),
                ],
                [_("median of days to closing"), _median_days(concerns, total_closed, "closed_at", WAIT_TO_CLOSE)],
            ],
            note=_(
                "Days from the concern to the first answer to the resident, and to its closing; medians by "
                "nearest rank."
            ),
        ),
        Table(
            "concerns_by_status",
            _("Where the concerns of the year stand"),
            [_("Status"), _("Concerns")],
            [[label, by_status.get(value, 0)] for value, label in ConcernStatus.choices],
            note=_(
                "Closed as solved, partly solved or not solvable always with a reason; referred: handed to the "
                "responsible office."
            ),
            chart_column=1,
        ),
        Table(
            "concerns_by_category",
            _("Concerns of the year by topic"),
            [_("Topic"), _("Concerns")],
            [[row["category__name"], row["n"]] for row in by_category],
        ),
    ]


def register_sections() -> None:
    register(
        "concerns",
        title=gettext_lazy("Residents' concerns in the districts"),
        figures=concern_figures,
        models=["districts.Concern"],
        order=110,
    )
