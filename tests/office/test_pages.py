"""The public pages of rooms and equipment: catalogue, week views (without JavaScript, without names), iCal feeds,
the request form with its German errors (input kept), and constant queries."""

import datetime

import pytest
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import Page
from stadtdialog.office import services
from stadtdialog.office.models import Booking
from tests.factories import UserFactory, staff_user

from .factories import at, equipment, next_weekday, request, room

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hildegard Geheimname"
SECRET_PURPOSE = "Vertrauliche Nachbarschaftsrunde"


@pytest.fixture
def office():
    return staff_user(Role.Kind.COORDINATION)


@pytest.fixture
def booked(office):
    hall, projector = room(name="Beteiligungsraum Trammplatz"), equipment(stock=4)
    booker = UserFactory(display_name=SECRET_NAME, email="hildegard@example.org")
    start = at(next_weekday(1), 18)
    booking = request(
        booker,
        room=hall,
        quantities={projector: 2},
        start=start,
        purpose=SECRET_PURPOSE,
        organisation="Initiative Grüne Mitte",
    )
    services.approve_booking(office, booking)
    return {"room": hall, "projector": projector, "start": start, "booking": booking}


def test_catalogue_shows_rooms_equipment_rules_and_who_may_book(client):
    rules = Page.objects.create(
        slug="benutzungsordnung-raeume", title="Benutzungsordnung der Beteiligungsräume", body="<p>Regeln</p>"
    )
    hall = room(rules_page=rules, accessible_toilet=True, fixed_equipment="Leinwand, Küche")
    equipment(name="Moderationskoffer", stock=3)
    page = client.get(reverse("office:catalogue")).content.decode()
    assert hall.name in page and "Moderationskoffer" in page and "Wer buchen darf" in page and "kostenlos" in page
    detail = client.get(hall.get_absolute_url()).content.decode()
    assert (
        "Benutzungsordnung der Beteiligungsräume" in detail
        and "barrierefreies WC" in detail
        and "Leinwand, Küche" in detail
    )


def test_week_view_shows_busy_without_names_and_moves_by_weeks(client, booked):
    url = booked["room"].get_absolute_url()
    week = client.get(url, {"ab": booked["start"].date().isoformat()}).content.decode()
    assert "18:00" in week and "belegt" in week
    assert SECRET_NAME not in week and SECRET_PURPOSE not in week and "Grüne Mitte" not in week
    following = booked["start"].date() + datetime.timedelta(days=7)
    assert f"?ab={datetime.date.fromordinal(following.toordinal() - following.weekday()).isoformat()}" in week
    empty = client.get(url, {"ab": following.isoformat()}).content.decode()
    assert "18:00" not in empty
    for bad in ["²", "2027-13-45", "99999-01-01", "0001-01-01"]:
        assert client.get(url, {"ab": bad}).status_code == 200
    lent = client.get(
        booked["projector"].get_absolute_url(), {"ab": booked["start"].date().isoformat()}
    ).content.decode()
    assert "2 verliehen" in lent and SECRET_NAME not in lent


def test_feeds_carry_busy_times_only(client, booked):
    for url in [
        reverse("office:room_ics", args=[booked["room"].slug]),
        reverse("office:equipment_ics", args=[booked["projector"].slug]),
    ]:
        response = client.get(url)
        body = response.content.decode()
        assert response["Content-Type"].startswith("text/calendar")
        assert "SUMMARY:Belegt" in body
        assert SECRET_NAME not in body and SECRET_PURPOSE not in body and "hildegard" not in body


def test_no_personal_data_on_any_public_office_page(client, booked):
    urls = [
        reverse("office:catalogue"),
        booked["room"].get_absolute_url(),
        booked["projector"].get_absolute_url(),
        reverse("office:room_ics", args=[booked["room"].slug]),
        reverse("office:equipment_ics", args=[booked["projector"].slug]),
        reverse("office:office_hours"),
    ]
    for url in urls:
        body = client.get(url, {"ab": booked["start"].date().isoformat()}).content.decode()
        for secret in [SECRET_NAME, SECRET_PURPOSE, "hildegard@example.org", "Grüne Mitte"]:
            assert secret not in body, (url, secret)


def test_catalogue_and_week_view_queries_do_not_grow(client, office, django_assert_max_num_queries):
    hall, projector = room(), equipment(stock=50)
    start = at(next_weekday(1), 8)

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"ab": start.date().isoformat()}).status_code == 200
        return len(queries)

    urls = [reverse("office:catalogue"), hall.get_absolute_url(), projector.get_absolute_url()]
    before = [count(url) for url in urls]
    for hour in range(8):
        booking = request(
            UserFactory(), room=hall, quantities={projector: 1}, start=start + datetime.timedelta(hours=hour), hours=1
        )
        services.approve_booking(office, booking)
    room(name="Zweiter Raum")
    equipment(name="Pinnwand")
    assert [count(url) for url in urls] == before


def _form_data(**changes):
    start = at(next_weekday(1, weeks=2), 18)
    data = {
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "purpose": "Werkstatt Spielplatz",
        "expected_people": "15",
        "accept_rules": "on",
    }
    data.update(changes)
    return data


def test_request_form_errors_are_german_and_keep_the_input(client):
    hall, projector = room(), equipment(stock=2)
    client.force_login(UserFactory())
    url = reverse("office:request")
    base = {"room": str(hall.pk), f"quantity_{projector.pk}": "1"}

    def post(**changes):
        response = client.post(url, {**base, **_form_data(**changes)})
        assert response.status_code == 400
        return response.content.decode()

    start = at(next_weekday(1, weeks=2), 18)
    page = post(end=(start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    assert "Das Ende muss nach dem Beginn liegen." in page and "Werkstatt Spielplatz" in page
    past = at(datetime.date.today() - datetime.timedelta(days=3), 10)
    page = post(
        start=past.strftime("%Y-%m-%dT%H:%M"), end=(past + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    assert "Der Beginn liegt in der Vergangenheit." in page
    page = post(**{f"quantity_{projector.pk}": "3"})
    assert "Es sind nur 2 vorhanden." in page and 'value="3"' in page
    page = post(repeat="weekly")
    assert "Bitte geben Sie den letzten Tag der Terminreihe an." in page
    office = staff_user(Role.Kind.COORDINATION)
    services.create_blackout(
        office,
        room=hall,
        equipment=None,
        start=start - datetime.timedelta(days=1),
        end=start + datetime.timedelta(days=1),
        reason="Renovierung",
    )
    page = post()
    assert "Sperrzeit (Renovierung" in page and "Werkstatt Spielplatz" in page
    assert not Booking.objects.exists()


def test_a_series_names_the_conflict_and_books_the_rest_through_the_form(client, office):
    hall = room()
    start = at(next_weekday(1, weeks=2), 18)
    services.approve_booking(office, request(UserFactory(), room=hall, start=start + datetime.timedelta(days=7)))
    client.force_login(UserFactory())
    data = {
        "room": str(hall.pk),
        **_form_data(repeat="weekly", repeat_until=(start + datetime.timedelta(days=21)).date().isoformat()),
    }
    response = client.post(reverse("office:request"), data)
    page = response.content.decode()
    conflict = (start + datetime.timedelta(days=7)).date()
    assert response.status_code == 400 and f"{conflict:%-d.%-m.%Y}" in page and "schon gebucht" in page
    response = client.post(reverse("office:request"), {**data, "leave_out": [conflict.isoformat()]})
    assert response.status_code == 302
    booking = Booking.objects.latest("pk")
    assert booking.occurrences.count() == 3


def test_unverified_residents_are_told_to_confirm_first(client):
    client.force_login(UserFactory(email_verified=False))
    assert client.get(reverse("office:request")).status_code == 403
    assert client.get(reverse("office:request")).content.decode().count("bestätigen") >= 1


def test_the_booker_sees_and_cancels_their_booking_others_do_not(client, booked):
    booking = booked["booking"]
    client.force_login(UserFactory())
    assert client.get(reverse("office:my_booking", args=[booking.pk])).status_code == 404
    client.force_login(booking.booker)
    assert SECRET_PURPOSE in client.get(reverse("office:my_bookings")).content.decode()
    response = client.post(reverse("office:cancel_booking", args=[booking.pk]))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED


def test_staff_pages_show_requests_calendar_utilisation_and_csv(client, office, booked):
    waiting = request(UserFactory(display_name="Otto Offen"), room=room(name="Raum Linden"), purpose="=HYPERLINK(1)")
    client.force_login(office)
    home = client.get(reverse("office:staff_home")).content.decode()
    assert "=HYPERLINK(1)" in home and "Otto Offen" in home
    month = client.get(reverse("office:staff_calendar"), {"monat": booked["start"].strftime("%Y-%m")}).content.decode()
    assert "18:00–20:00" in month
    utilisation = client.get(reverse("office:staff_utilisation"), {"jahr": booked["start"].year}).content.decode()
    assert "Beteiligungsraum Trammplatz" in utilisation and "2,0 (1)" in utilisation
    csv = b"".join(
        client.get(reverse("office:staff_export"), {"von": datetime.date.today().isoformat()}).streaming_content
    ).decode()
    assert SECRET_PURPOSE in csv and "'=HYPERLINK(1)" in csv
    assert client.get(reverse("office:staff_booking", args=[waiting.pk])).status_code == 200
    response = client.post(reverse("office:staff_booking", args=[waiting.pk]), {"action": "decline", "reason": ""})
    assert response.status_code == 400 and "Bitte geben Sie den Grund an." in response.content.decode()
