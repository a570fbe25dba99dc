"""Staff pages of events: create, edit, publish, cancel (with e-mail to everyone registered), documentation."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from stadtdialog.core.models import AuditEntry
from stadtdialog.events.models import Event, Registration
from tests.factories import OrgUnitFactory, published_process, staff_user
from tests.images import png_with_text
from tests.pdf import one_page_pdf

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PNG = png_with_text().read()


def form_data(**changes):
    start = (timezone.localtime() + datetime.timedelta(days=14)).replace(hour=18, minute=0)
    data = {
        "title": "Planungswerkstatt Küchengarten",
        "description": "Wir zeichnen gemeinsam Pläne.",
        "format": "workshop",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place_name": "Freizeitheim Linden",
        "address": "Windheimstraße 4, 30451 Hannover",
        "latitude": "",
        "longitude": "",
        "process": "",
        "org_unit": "",
        "district": "",
        "step_free": "on",
        "accessibility_note": "",
        "registration_required": "on",
        "capacity": "20",
    }
    data.update(changes)
    return data


def test_process_staff_create_publish_and_edit_an_event_of_their_process(client):
    process = published_process()
    lead = process.lead_contact
    client.force_login(lead)
    response = client.post(reverse("events:staff_create"), form_data(process=process.pk))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:staff_detail", args=[event.pk])
    assert event.process == process
    assert not event.is_published
    assert event.step_free
    client.post(reverse("events:staff_publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.is_published
    client.post(reverse("events:staff_edit", args=[event.pk]), form_data(process=process.pk, title="Neuer Titel"))
    event.refresh_from_db()
    assert event.title == "Neuer Titel"
    assert event.sequence == 1
    actions = set(
        AuditEntry.objects.filter(object_id=str(event.pk), content_type__model="event").values_list("action", flat=True)
    )
    assert {"event.create", "event.publish", "event.update"} <= actions


def test_bad_input_is_refused_and_kept(client):
    unit = OrgUnitFactory()
    client.force_login(staff_user(org_unit=unit))
    data = form_data(org_unit=unit.pk, title="", end="2020-01-01T10:00", latitude="52.37")
    response = client.post(reverse("events:staff_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert 'value="Freizeitheim Linden"' in html
    assert not Event.objects.exists()


def test_staff_of_another_department_cannot_run_an_event_of_a_foreign_process(client):
    process = published_process()
    client.force_login(staff_user(org_unit=OrgUnitFactory()))
    response = client.post(reverse("events:staff_create"), form_data(process=process.pk))
    assert response.status_code == 200  # the process is not among the choices
    assert not Event.objects.exists()
    event = EventFactory(process=process, org_unit=None)
    assert client.get(reverse("events:staff_edit", args=[event.pk])).status_code == 403


def test_cancelling_needs_a_reason_and_tells_everyone_registered(client, django_capture_on_commit_callbacks):
    event = EventFactory(registration_required=True, capacity=1)
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, email="b@example.org", status=Registration.Status.WAITING)
    RegistrationFactory(event=event, email="c@example.org", status=Registration.Status.CANCELLED)
    client.force_login(staff_user(kind="coordination"))
    url = reverse("events:staff_cancel", args=[event.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Wegen Sturmwarnung abgesagt."})
    event.refresh_from_db()
    assert event.is_cancelled
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all("Wegen Sturmwarnung abgesagt." in m.body for m in mail.outbox)


def test_registrations_are_listed_for_the_staff_only(client):
    event = EventFactory(registration_required=True, capacity=1)
    RegistrationFactory(event=event, name="Frida Beispiel", needs="Gebärdensprache")
    RegistrationFactory(event=event, name="Wartende Person", status=Registration.Status.WAITING)
    client.force_login(staff_user(org_unit=event.org_unit))
    html = client.get(reverse("events:staff_detail", args=[event.pk])).content.decode()
    assert "Frida Beispiel" in html
    assert "Gebärdensprache" in html
    assert "Wartende Person" in html
    client.force_login(staff_user(org_unit=OrgUnitFactory()))
    assert client.get(reverse("events:staff_detail", args=[event.pk])).status_code == 403


def test_documentation_minutes_and_photos_after_the_event(client):
    past = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(start=past, end=past + datetime.timedelta(hours=2))
    client.force_login(staff_user(org_unit=event.org_unit))
    url = reverse("events:staff_documentation", args=[event.pk])
    client.post(url, {"action": "minutes", "minutes": "Viele Ideen für Bänke."})
    bad = client.post(
        url,
        {
            "action": "photo",
            "alt_text": "Gruppe am Tisch",
            "image": SimpleUploadedFile("foto.png", b"MZ not an image", content_type="image/png"),
        },
    )
    assert bad.status_code == 400
    assert "Nur PDF-, PNG-, JPEG- oder WebP-Dateien sind erlaubt." in bad.content.decode()
    pdf = client.post(
        url,
        {
            "action": "photo",
            "alt_text": "Plan",
            "image": SimpleUploadedFile("plan.pdf", one_page_pdf(), content_type="application/pdf"),
        },
    )
    assert "Erlaubt sind nur Bilder im Format PNG, JPEG oder WebP." in pdf.content.decode()
    no_alt = client.post(url, {"action": "photo", "alt_text": "", "image": SimpleUploadedFile("f.png", PNG)})
    assert no_alt.status_code == 400
    assert event.photos.count() == 0
    client.post(
        url,
        {
            "action": "photo",
            "alt_text": "Gruppe am Tisch",
            "caption": "Werkstatt",
            "image": SimpleUploadedFile("f.png", PNG),
        },
    )
    assert event.photos.count() == 1
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Viele Ideen für Bänke." in html
    assert 'alt="Gruppe am Tisch"' in html


def test_documentation_waits_for_the_event(client):
    event = EventFactory()
    client.force_login(staff_user(org_unit=event.org_unit))
    response = client.post(
        reverse("events:staff_documentation", args=[event.pk]), {"action": "minutes", "minutes": "x"}
    )
    assert response.status_code == 400
    assert "sobald die Veranstaltung stattgefunden hat" in response.content.decode()


def test_personal_data_is_cleared_thirty_days_after_the_event():
    from django.core.management import call_command

    old = timezone.now() - datetime.timedelta(days=40)
    done = EventFactory(start=old, end=old + datetime.timedelta(hours=2))
    kept = RegistrationFactory(event=EventFactory())
    gone = RegistrationFactory(event=done)
    call_command("purge_event_registrations", stdout=io.StringIO())
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.email, gone.needs) == ("", "", "")
    assert kept.email
