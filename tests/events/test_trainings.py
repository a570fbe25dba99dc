"""Networking meetings and trainings of the coordination office (issue 15, item 8): the kinds with their target
groups, the public training catalogue (/fortbildungen/), attendance recorded by the event's staff from the
registrations (and people who came without one), and the certificate of participation of a training as a PDF for
the attendee's account and for the office (text read with pypdf)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.events import services
from stadtdialog.events.models import Attendance, Event, Registration
from tests.factories import UserFactory, staff_user
from tests.pdf import pdf_text

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def office():
    return staff_user(Role.Kind.COORDINATION, full_name="Murat Yilmaz")


def training(**kwargs):
    data = {
        "title": "Beteiligung moderieren",
        "format": Event.Format.TRAINING,
        "description": "Grundlagen der Moderation für Verwaltung, Politik und Einwohner*innen.",
        "place_name": "Neues Rathaus, Mosaiksaal",
        "address": "Trammplatz 2, 30159 Hannover",
        "for_staff": True,
        "for_politics": True,
        "for_residents": True,
        "registration_required": True,
        "capacity": 20,
    }
    return EventFactory(**{**data, **kwargs})


def test_a_training_needs_a_target_group_with_a_german_message(client, office):
    client.force_login(office)
    start = in_days(14)
    data = {
        "title": "Beteiligung auswerten",
        "format": "training",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "place_name": "Neues Rathaus",
        "address": "Trammplatz 2, 30159 Hannover",
        "org_unit": str(staff_user().org_unit_id),
    }
    page = client.post(reverse("events:staff_create"), data).content.decode()
    assert "Bitte wählen Sie, für wen die Fortbildung ist" in page
    assert 'value="Beteiligung auswerten"' in page
    assert not Event.objects.exists()
    response = client.post(reverse("events:staff_create"), {**data, "for_politics": "on"})
    assert response.status_code == 302
    assert Event.objects.get().target_groups() == ["für die Politik"]


def test_the_catalogue_shows_upcoming_trainings_and_networking_meetings_by_target_group(
    client, django_assert_max_num_queries
):
    training(title="Beteiligung moderieren")
    training(title="Leichte Sprache für die Verwaltung", for_politics=False, for_residents=False)
    EventFactory(title="Netzwerktreffen Bürgerbeteiligung", format=Event.Format.NETWORKING)
    EventFactory(title="Werkstatt Spielplatz Linden", format=Event.Format.WORKSHOP)
    training(title="Vergangene Fortbildung", start=in_days(-10), end=in_days(-10) + datetime.timedelta(hours=2))
    training(title="Abgesagte Fortbildung", cancelled_at=timezone.now(), cancellation_reason="Krank")
    training(title="Entwurf einer Fortbildung", published_at=None)
    url = reverse("office:trainings")
    client.get(url)
    with django_assert_max_num_queries(8) as few:
        page = client.get(url).content.decode()
        count = len(few.captured_queries)
    assert "Beteiligung moderieren" in page and "Netzwerktreffen Bürgerbeteiligung" in page
    assert "Leichte Sprache für die Verwaltung" in page
    for title in ("Werkstatt Spielplatz", "Vergangene", "Abgesagte", "Entwurf"):
        assert title not in page
    assert "Offen für alle" in page
    politics = client.get(url, {"zielgruppe": "politik"}).content.decode()
    assert "Beteiligung moderieren" in politics and "Leichte Sprache für die Verwaltung" not in politics
    assert "Beteiligung moderieren" in client.get(url, {"zielgruppe": "<script>"}).content.decode()
    for number in range(4):
        training(title=f"Weitere Fortbildung {number}")
    with django_assert_max_num_queries(count):
        client.get(url)


def _register(client, event, user=None, name="Jana Schulze", email="jana@example.org"):
    if user is not None:
        client.force_login(user)
    return client.post(event.get_absolute_url(), {"name": name, "email": email, "needs": "", "consent": "on"})


def test_attendance_from_the_registrations_and_the_certificate_for_the_attendee(client, office):
    event = training(start=in_days(7))
    attendee = UserFactory(display_name="Jana", email="jana@example.org")
    _register(client, event, attendee)
    registration = Registration.objects.get()
    assert registration.user == attendee
    other = Registration.objects.create(
        event=event, name="Karl Meier", email="karl@example.org", status=Registration.Status.CONFIRMED
    )

    staff = client.__class__()
    staff.force_login(office)
    url = reverse("events:staff_attendance", args=[event.pk])
    # Not before the event has begun.
    response = staff.post(url, {"registrations": [str(registration.pk)]})
    assert "sobald die Veranstaltung begonnen hat" in response.content.decode()
    assert not Attendance.objects.exists()

    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - datetime.timedelta(hours=3), end=timezone.now() - datetime.timedelta(hours=1)
    )
    response = staff.post(url, {"registrations": [str(registration.pk)], "walk_ins": "Aylin Demir\n\n"})
    assert response.status_code == 302
    assert sorted(Attendance.objects.values_list("name", "user")) == [
        ("Aylin Demir", None),
        ("Jana Schulze", attendee.pk),
    ]
    # Saving again with another choice removes the one not ticked; the person without registration stays.
    staff.post(url, {"registrations": [str(other.pk)]})
    assert sorted(Attendance.objects.values_list("name", flat=True)) == ["Aylin Demir", "Karl Meier"]
    staff.post(url, {"registrations": [str(registration.pk), str(other.pk)]})
    mine = Attendance.objects.get(user=attendee)

    # The attendee finds the certificate in the account and downloads it.
    home = client.get(reverse("accounts:home")).content.decode()
    certificate_url = reverse("events:certificate", args=[mine.pk])
    assert certificate_url in home and "Ihre Teilnahmebescheinigungen" in home
    response = client.get(certificate_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("Teilnahmebescheinigung", "Jana Schulze", "Beteiligung moderieren", "Neues Rathaus, Mosaiksaal"):
        assert expected in text, expected
    assert "hat an der Fortbildung teilgenommen" in text
    # The office downloads it too (from the attendance page); nobody else learns it exists.
    assert certificate_url in staff.get(url).content.decode()
    assert staff.get(certificate_url).status_code == 200
    stranger = client.__class__()
    stranger.force_login(UserFactory())
    assert stranger.get(certificate_url).status_code == 404
    assert client.__class__().get(certificate_url).status_code == 302  # to the login page
    walk_in = Attendance.objects.get(name="Aylin Demir")
    assert "Aylin Demir" in pdf_text(staff.get(reverse("events:certificate", args=[walk_in.pk])).content)


def test_a_workshop_has_attendance_but_no_certificate(client, office):
    event = EventFactory(start=in_days(-1), end=in_days(-1) + datetime.timedelta(hours=2))
    attendance = services.record_attendance(office, event, registration_ids=[], walk_ins=["Karl Meier"])[0]
    client.force_login(office)
    assert client.get(reverse("events:certificate", args=[attendance.pk])).status_code == 404
    assert (
        "Teilnahmebescheinigung" not in client.get(reverse("events:staff_attendance", args=[event.pk])).content.decode()
    )


def test_only_the_events_staff_record_attendance(client):
    event = training(start=in_days(-1), end=in_days(-1) + datetime.timedelta(hours=2))
    with pytest.raises(Exception):  # noqa: B017, PT011
        services.record_attendance(staff_user(), event, registration_ids=[], walk_ins=["X"])
    registration = Registration.objects.create(
        event=training(), name="Fremd", email="f@example.org", status=Registration.Status.CONFIRMED
    )
    office = staff_user(Role.Kind.COORDINATION)
    with pytest.raises(Exception, match="nicht bestätigt"):
        services.record_attendance(office, event, registration_ids=[registration.pk])


def test_the_attendance_is_in_the_export_and_goes_with_the_account(office):
    from stadtdialog.accounts import services as account_services
    from tests.factories import PASSWORD

    event = training(start=in_days(-1), end=in_days(-1) + datetime.timedelta(hours=2))
    resident = UserFactory(email="lina@example.org")
    registration = Registration.objects.create(
        event=event, name="Lina Vogt", email=resident.email, status=Registration.Status.CONFIRMED, user=resident
    )
    services.record_attendance(office, event, registration_ids=[registration.pk], walk_ins=["Aylin Demir"])
    exported = account_services.export_data(resident)
    assert [row["name"] for row in exported["event_attendances"]] == ["Lina Vogt"]
    account_services.delete_account(resident, password=PASSWORD)
    assert list(event.attendances.values_list("name", flat=True)) == ["Aylin Demir"]
