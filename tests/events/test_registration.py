"""Registration with capacity and waiting list; cancellation by the link from the e-mail (acceptance)."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.events import services
from stadtdialog.events.models import Registration

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def register(client, event, name, email, needs=""):
    return client.post(
        event.get_absolute_url(),
        {"name": name, "email": email, "needs": needs, "consent": "on", **valid_antibot_data()},
    )


def cancel_link(message) -> str:
    match = re.search(r"https?://[^\s]+/veranstaltungen/abmelden/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def test_third_of_three_goes_on_the_waiting_list_and_moves_up_when_one_cancels_by_the_link(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(registration_required=True, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        for n in (1, 2, 3):
            response = register(client, event, f"Person {n}", f"person{n}@example.org")
            assert response.status_code == 200
    assert "Sie stehen auf der Warteliste" in response.content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "person1@example.org": "confirmed",
        "person2@example.org": "confirmed",
        "person3@example.org": "waiting",
    }
    assert [m.to for m in mail.outbox] == [["person1@example.org"], ["person2@example.org"], ["person3@example.org"]]
    assert "Warteliste" in mail.outbox[2].subject
    assert "Warteliste" in mail.outbox[2].body

    # Person 1 follows the link in their confirmation mail: a confirm page, then the button cancels.
    link = cancel_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "Ja, meine Anmeldung stornieren" in page.content.decode()
    assert Registration.objects.get(email="person1@example.org").status == "confirmed"  # GET changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link)
    assert done.status_code == 200
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["person1@example.org"] == "cancelled"
    assert statuses["person3@example.org"] == "confirmed"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["person1@example.org", "person3@example.org"]
    moved_up = next(m for m in mail.outbox if m.to == ["person3@example.org"])
    assert "Platz ist frei geworden" in moved_up.subject
    assert Registration.objects.get(email="person3@example.org").promoted_at is not None
    actions = list(AuditEntry.objects.filter(object_id=str(event.pk)).values_list("action", flat=True))
    assert "event.registration_cancel" in actions
    assert "event.registration_promote" in actions


def test_the_page_says_when_the_event_is_full(client):
    event = EventFactory(registration_required=True, capacity=1)
    register(client, event, "Erste", "erste@example.org")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Alle Plätze sind vergeben" in html


def test_a_cancellation_link_works_once_and_a_forged_one_not_at_all(client, django_capture_on_commit_callbacks):
    event = EventFactory(registration_required=True, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, "Anna", "anna@example.org")
    link = cancel_link(mail.outbox[0])
    client.post(link)
    again = client.get(link)
    assert "bereits storniert" in again.content.decode()
    forged = link.rstrip("/")[:-3] + "xyz/"
    assert client.get(forged).status_code == 404


def test_the_same_address_cannot_register_twice(client):
    event = EventFactory(registration_required=True, capacity=5)
    register(client, event, "Anna", "anna@example.org")
    response = register(client, event, "Anna B.", "Anna@Example.org")
    assert response.status_code == 400
    assert "bereits angemeldet" in response.content.decode()
    assert Registration.objects.count() == 1


def test_registration_refused_without_consent_name_or_after_the_start(client):
    event = EventFactory(registration_required=True, capacity=5)
    response = client.post(
        event.get_absolute_url(), {"name": "", "email": "kaputt", "consent": "", **valid_antibot_data()}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert 'value="kaputt"' in html  # what was typed stays
    assert Registration.objects.count() == 0


def test_registration_closes_when_the_event_starts_moving_the_clock(client):
    event = EventFactory(registration_required=True, capacity=5)
    later = event.start + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = register(client, event, "Zu spät", "spaet@example.org")
        assert response.status_code == 400
        assert "Die Anmeldung ist geschlossen" in response.content.decode()
        with pytest.raises(ValidationError, match="geschlossen"):
            services.register(event, {"name": "Zu spät", "email": "spaet@example.org"})
    assert Registration.objects.count() == 0


def test_personal_data_of_registrations_is_only_on_the_staff_page(client):
    event = EventFactory(registration_required=True, capacity=5)
    register(client, event, "Geheime Person", "geheim@example.org", needs="Gebärdensprache")
    public = client.get(event.get_absolute_url()).content.decode()
    assert "Geheime Person" not in public
    assert "geheim@example.org" not in public
    assert client.get(reverse("events:staff_detail", args=[event.pk])).status_code == 302


def test_a_bot_filling_the_honeypot_is_refused_and_nothing_is_saved(client):
    event = EventFactory(registration_required=True, capacity=5)
    data = {
        "name": "Bot",
        "email": "bot@example.org",
        "consent": "on",
        **valid_antibot_data(),
        "homepage": "http://spam",
    }
    response = client.post(event.get_absolute_url(), data)
    assert response.status_code == 400
    assert "ein Feld ausgefüllt wurde, das leer bleiben muss" in response.content.decode()
    assert Registration.objects.count() == 0
