"""The report's sections of the district management (concerns) and of the coordination office (rooms): every
figure against a world of known counts, the district filter, a purge of personal data that changes no figure,
constant queries, and the CSV of a table equal to the table."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.districts.models import Concern, ConcernCategory, ConcernStatus
from stadtdialog.office.models import Booking, BookingItem, Equipment, Occurrence, Room
from stadtdialog.organisation.models import District
from stadtdialog.reporting import queries
from stadtdialog.reporting.scope import ReportScope
from stadtdialog.reporting.sections_districts import concern_figures
from stadtdialog.reporting.sections_office import booking_figures
from tests.factories import UserFactory

from .fixtures import AS_OF, YEAR, at, stamp

pytestmark = pytest.mark.django_db


def scope(**filters) -> ReportScope:
    return ReportScope(year=filters.pop("year", YEAR), units=queries.all_units(), as_of=AS_OF, **filters)


def concern(district, category, created, status=ConcernStatus.RECEIVED, answer_days=None, close_days=None, **more):
    item = Concern.objects.create(
        district=district,
        category=category,
        text="Die Bank am Spielplatz ist kaputt.",
        email="anwohnerin@example.org",
        status=status,
        due_on=created.date() + datetime.timedelta(days=14),
        confirmed_at=created,
        **more,
    )
    fields = {"created_at": created}
    if answer_days is not None:
        fields["first_answer_at"] = created + datetime.timedelta(days=answer_days)
    if close_days is not None:
        fields["closed_at"] = created + datetime.timedelta(days=close_days)
    stamp(item, **fields)
    return item


@pytest.fixture
def concern_world():
    linden = District.objects.get(slug="linden-limmer")
    mitte = District.objects.get(number=1)
    green = ConcernCategory.objects.create(code="gruen", name="Grünflächen und Spielplätze", due_days=14)
    road = ConcernCategory.objects.create(code="strasse", name="Straßen und Wege", due_days=21)
    concern(linden, green, at(3, 1), ConcernStatus.SOLVED, answer_days=2, close_days=10, outcome_reason="Repariert")
    concern(linden, green, at(4, 1), ConcernStatus.NOT_SOLVABLE, answer_days=4, close_days=20, outcome_reason="Privat")
    concern(linden, road, at(5, 1), ConcernStatus.IN_PROGRESS, answer_days=6)
    concern(mitte, road, at(6, 1), ConcernStatus.REFERRED, answer_days=1, close_days=1)
    concern(mitte, road, at(6, 2, year=YEAR - 1), ConcernStatus.SOLVED, answer_days=1, close_days=3)  # the year before
    unconfirmed = concern(mitte, road, at(7, 1))
    Concern.objects.filter(pk=unconfirmed.pk).update(confirmed_at=None)  # not counted: never confirmed
    return {"linden": linden, "mitte": mitte}


def by_key(tables) -> dict:
    return {table.key: table for table in tables}


def test_concern_figures_per_district_and_overall(concern_world):
    t = by_key(concern_figures(scope()))
    rows = {row[0]: row[1:] for row in t["concerns_by_district"].rows}
    assert len(rows) == District.objects.count()
    # received, closed, share closed, average days to the first answer, average days to closing
    assert rows["Linden-Limmer"] == [3, 2, 66.7, 4.0, 15.0]
    assert rows[concern_world["mitte"].name] == [1, 1, 100.0, 1.0, 1.0]
    assert rows["Ahlem-Badenstedt-Davenstedt"] == [0, 0, None, None, None]
    overall = {row[0]: row[1] for row in t["concerns_overall"].rows}
    assert list(overall.values()) == [4, 3, 75.0, 2.0, 10.0]  # medians by nearest rank of 1,2,4,6 and 1,10,20
    status = {row[0]: row[1] for row in t["concerns_by_status"].rows}
    assert status[str(ConcernStatus.SOLVED.label)] == 1
    assert status[str(ConcernStatus.NOT_SOLVABLE.label)] == 1
    assert status[str(ConcernStatus.REFERRED.label)] == 1
    assert status[str(ConcernStatus.IN_PROGRESS.label)] == 1
    assert sum(status.values()) == 4
    assert t["concerns_by_category"].rows == [["Grünflächen und Spielplätze", 2], ["Straßen und Wege", 2]]


def test_concern_figures_of_one_district_and_the_year_before(concern_world):
    t = by_key(concern_figures(scope(district=concern_world["linden"])))
    assert [row[:3] for row in t["concerns_by_district"].rows] == [["Linden-Limmer", 3, 2]]
    before = by_key(concern_figures(scope(year=YEAR - 1)))
    assert [row[1] for row in before["concerns_overall"].rows][:2] == [1, 1]


def test_a_purge_of_personal_data_changes_no_figure(concern_world):
    before = [table.rows for table in concern_figures(scope())]
    Concern.objects.update(email="", text="", personal_data_deleted_at=at(12, 1))
    assert [table.rows for table in concern_figures(scope())] == before


def test_the_concern_section_costs_the_same_queries_however_many_concerns(concern_world):
    with CaptureQueriesContext(connection) as few:
        concern_figures(scope())
    category = ConcernCategory.objects.first()
    for month in range(1, 12):
        concern(concern_world["mitte"], category, at(month, 15), ConcernStatus.SOLVED, answer_days=1, close_days=2)
    with CaptureQueriesContext(connection) as many:
        concern_figures(scope())
    assert len(many) == len(few) <= 7


@pytest.fixture
def room_world():
    linden = District.objects.get(slug="linden-limmer")
    hall = Room.objects.create(
        name="Saal im Freizeitheim Linden",
        slug="saal-linden",
        capacity=80,
        address="Windheimstraße 4, 30451 Hannover",
        district=linden,
    )
    office = Room.objects.create(
        name="Besprechungsraum Koordinierungsstelle",
        slug="koordinierung",
        capacity=12,
        address="Trammplatz 2, 30159 Hannover",
    )
    beamer = Equipment.objects.create(name="Beamer", slug="beamer", stock=2, pickup="Trammplatz 2")
    booker = UserFactory(full_name="Geheime Buchende", email="buchende@example.org")

    def booking(room, state, created, dates, equipment=0):
        item = Booking.objects.create(
            booker=booker,
            room=room,
            purpose="Treffen der Initiative",
            expected_people=20,
            state=state,
            organisation="Initiative Lindener Marktplatz",
        )
        stamp(item, created_at=created)
        for start, hours in dates:
            Occurrence.objects.create(
                booking=item,
                room=room,
                start=start,
                end=start + datetime.timedelta(hours=hours),
                state=Occurrence.State.APPROVED if state == Booking.State.APPROVED else state,
            )
        if equipment:
            BookingItem.objects.create(booking=item, equipment=beamer, quantity=equipment)
        return item

    booking(hall, Booking.State.APPROVED, at(1, 10), [(at(2, 1, 18), 2), (at(2, 8, 18), 2.5)], equipment=1)
    booking(office, Booking.State.APPROVED, at(3, 1), [(at(3, 20, 9), 3)])
    booking(hall, Booking.State.DECLINED, at(4, 1), [(at(4, 20, 18), 2)])
    booking(hall, Booking.State.APPROVED, at(12, 1, year=YEAR - 1), [(at(1, 5, 18, year=YEAR + 1), 4)])  # next year
    return {"linden": linden, "hall": hall, "office": office}


def test_room_figures(room_world):
    t = by_key(booking_figures(scope()))
    rows = {row[0]: row[1:] for row in t["room_utilisation"].rows}
    assert rows["Saal im Freizeitheim Linden"] == ["Linden-Limmer", 2, 4.5]
    assert rows["Besprechungsraum Koordinierungsstelle"][1:] == [1, 3.0]
    requests = {str(row[0]): row[1] for row in t["booking_requests"].rows}
    assert requests[str(Booking.State.APPROVED.label)] == 2
    assert requests[str(Booking.State.DECLINED.label)] == 1
    assert list(requests.values())[-2:] == [1, 1]  # approved requests with equipment, pieces lent

    only_linden = by_key(booking_figures(scope(district=room_world["linden"])))
    assert [row[0] for row in only_linden["room_utilisation"].rows] == ["Saal im Freizeitheim Linden"]


def test_the_sections_are_on_the_report_page_with_their_csv(client, concern_world, room_world):
    page = client.get(f"/berichte/?jahr={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="concerns"' in html and 'id="bookings"' in html
    assert "Geheime Buchende" not in html and "anwohnerin@example.org" not in html
    assert "Die Bank am Spielplatz" not in html
    for section, figures in (("concerns", concern_figures), ("bookings", booking_figures)):
        for table in figures(scope()):
            response = client.get(reverse("reporting:table_csv", args=[table.key]), {"jahr": YEAR})
            assert response.status_code == 200, (section, table.key)
            content = b"".join(response.streaming_content) if response.streaming else response.content
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            assert rows == table.csv_rows(), table.key
