"""The report's section on the coordination office's rooms and equipment (office app): how much each room was
used (approved dates and hours in the year) and what became of the requests.

The year of a date is its start, of a request its submission. The district filter keeps the rooms of that
district; rooms and bookings belong to no plan, so the filters by unit and field of action do not apply.
A booking outlives the account that made it (office/account_data.py): it is kept without booker and without
anything personal, its dates already held still count, and its open requests and dates to come are cancelled (so
they count as cancelled). Nothing personal (booker, purpose, organisation) is read.
"""

from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.office.models import Booking, BookingItem, Occurrence, Room

from .registry import register
from .scope import ReportScope
from .tables import Table

LENGTH = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())


def _hours(duration) -> float:
    return 0.0 if duration is None else round(duration.total_seconds() / 3600, 1)


def booking_figures(scope: ReportScope) -> list[Table]:
    rooms = Room.objects.select_related("district").order_by("position", "name")
    dates = Occurrence.objects.filter(scope.in_year("start"), state=Occurrence.State.APPROVED, room__isnull=False)
    requests = Booking.objects.filter(scope.in_year("created_at"))
    if scope.district is not None:
        rooms = rooms.filter(district=scope.district)
        dates = dates.filter(room__district=scope.district)
        requests = requests.filter(room__district=scope.district)
    used = {
        row["room_id"]: row
        for row in dates.order_by().values("room_id").annotate(dates=Count("pk"), length=Sum(LENGTH))
    }
    room_rows = []
    for room in rooms:
        row = used.get(room.pk, {})
        room_rows.append(
            [
                room.name,
                room.district.name if room.district else _("citywide"),
                row.get("dates", 0),
                _hours(row.get("length")),
            ]
        )
    by_state = {row["state"]: row["n"] for row in requests.order_by().values("state").annotate(n=Count("pk"))}
    lent = (
        BookingItem.objects.filter(booking__in=requests.values("pk"), booking__state=Booking.State.APPROVED)
        .order_by()
        .aggregate(items=Sum("quantity"), bookings=Count("booking", distinct=True))
    )
    note = _("Approved dates of room bookings, by the day they took place.")
    if scope.directorate or scope.department or scope.field:
        note += " " + _("Rooms belong to no plan: the filters by unit and field of action do not apply to them.")
    return [
        Table(
            "room_utilisation",
            _("Use of the rooms"),
            [_("Room"), _("District"), _("Dates"), _("Hours booked")],
            room_rows,
            note=note,
            chart_column=3,
        ),
        Table(
            "booking_requests",
            _("Requests for rooms and equipment in the year"),
            [_("State"), _("Requests")],
            [[label, by_state.get(value, 0)] for value, label in Booking.State.choices]
            + [
                [_("approved requests with equipment"), lent["bookings"] or 0],
                [_("pieces of equipment lent (approved requests)"), lent["items"] or 0],
            ],
            note=_("Counted are all requests; those of deleted accounts are kept without personal data."),
        ),
    ]


def register_sections() -> None:
    register(
        "bookings",
        title=gettext_lazy("Rooms and equipment of the coordination office"),
        figures=booking_figures,
        models=["office.Room", "office.Booking", "office.Occurrence", "office.BookingItem"],
        order=120,
    )
