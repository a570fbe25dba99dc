"""The report's section on the coordination office's funding (office app): per round its budget, what the committee
approved and what remains, and the funded projects per district and field of action.

The year of a round and of its applications is the committee's date; an application counts once it is submitted
(drafts never). The district filter keeps the applications of that district (citywide ones have none); the field
filter those of that field of action; rounds and applications belong to no plan, so the unit filters do not apply.
No applicant, contact or organisation is read."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.office.models import FundingApplication, FundingRound

from .registry import register
from .scope import ReportScope
from .tables import Table

FUNDED = (FundingApplication.State.APPROVED, FundingApplication.State.COMPLETED)
ZERO = Decimal("0.00")


def _euros(value) -> float:
    return float(value or ZERO)


def funding_figures(scope: ReportScope) -> list[Table]:
    rounds = FundingRound.objects.filter(committee_date__year=scope.year, is_published=True).order_by(
        "committee_date", "pk"
    )
    applications = FundingApplication.objects.filter(
        round__committee_date__year=scope.year, round__is_published=True
    ).exclude(state=FundingApplication.State.DRAFT)
    if scope.district is not None:
        applications = applications.filter(district=scope.district)
    if scope.field is not None:
        applications = applications.filter(field_of_action=scope.field)
    funded = Q(state__in=FUNDED)
    counts = {
        "applications": Count("pk"),
        "funded": Count("pk", filter=funded),
        "declined": Count("pk", filter=Q(state=FundingApplication.State.DECLINED)),
        "approved": Sum("approved_amount", filter=funded),
    }
    per_round = {row["round_id"]: row for row in applications.order_by().values("round_id").annotate(**counts)}
    filtered = scope.district is not None or scope.field is not None
    round_rows = []
    for funding_round in rounds:
        row = per_round.get(funding_round.pk, {})
        round_rows.append(
            [
                funding_round.title,
                _euros(funding_round.budget),
                _euros(row.get("approved") if filtered else funding_round.committed),
                None if filtered else _euros(funding_round.remaining),
                row.get("applications", 0),
                row.get("funded", 0),
                row.get("declined", 0),
            ]
        )
    by_district = applications.order_by().values("district__name").annotate(**counts).order_by("district__name")
    by_field = (
        applications.order_by().values("field_of_action__name").annotate(**counts).order_by("field_of_action__name")
    )
    note = _("Rounds by the date of their committee; amounts in euros.")
    if filtered:
        note += " " + _("With a district or field of action chosen, the approved sums are those of its applications.")
    if scope.directorate or scope.department:
        note += " " + _("Funding belongs to no plan: the filters by unit do not apply to it.")
    return [
        Table(
            "funding_rounds",
            _("Funding rounds of the year"),
            [
                _("Round"),
                _("Budget (€)"),
                _("Approved (€)"),
                _("Remaining (€)"),
                _("Applications"),
                _("Funded"),
                _("Declined"),
            ],
            round_rows,
            note=note,
            chart_column=2,
        ),
        Table(
            "funding_by_district",
            _("Funding by district"),
            [_("District"), _("Applications"), _("Funded"), _("Approved (€)")],
            [
                [row["district__name"] or _("citywide"), row["applications"], row["funded"], _euros(row["approved"])]
                for row in by_district
            ],
            chart_column=3,
        ),
        Table(
            "funding_by_field",
            _("Funding by field of action"),
            [_("Field of action"), _("Applications"), _("Funded"), _("Approved (€)")],
            [
                [
                    row["field_of_action__name"] or _("none given"),
                    row["applications"],
                    row["funded"],
                    _euros(row["approved"]),
                ]
                for row in by_field
            ],
            chart_column=3,
        ),
    ]


def register_sections() -> None:
    register(
        "funding",
        title=gettext_lazy("Funding of participation"),
        figures=funding_figures,
        models=["office.FundingRound", "office.FundingApplication"],
        order=130,
    )
