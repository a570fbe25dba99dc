"""The admins' site-wide audit log (core:audit_log): filters by person, area, action and period, German errors
for bad dates, the CSV export of the filtered entries, constant queries with many entries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core import audit
from stadtdialog.core.models import AuditEntry
from tests.events.factories import EventFactory
from tests.factories import PlanFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db
LOG = reverse("core:audit_log")


@pytest.fixture
def admin(client):
    user = staff_user(kind=Role.Kind.ADMIN, full_name="Ada Admin", office_email="ada@hannover-stadt.example")
    client.force_login(user)
    return user


@pytest.fixture
def entries(admin):
    """Two people, two areas, two days."""
    erika = staff_user(full_name="Erika Mustermann", office_email="erika@hannover-stadt.example")
    max_ = staff_user(full_name="Max Muster", email="max.muster@example.org", office_email="mm@hannover-stadt.example")
    plan = PlanFactory(lead_unit=erika.org_unit, title="Stadtplatz Limmer")
    event = EventFactory(title="Werkstatt Spielplatz")
    audit.record(erika, "plan.update", plan, {"title": ["Neuer Stadtplatz", "Stadtplatz Limmer"]})
    old = audit.record(max_, "event.publish", event, {"published_at": [None, "2025-01-10 08:00:00+00:00"]})
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.make_aware(datetime.datetime(2025, 1, 10, 9)))
    return {"erika": erika, "max": max_, "plan": plan, "event": event}


def rows(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if 'scope="row"' in line]


def test_only_admins_see_the_log(client, entries):
    for kind in (Role.Kind.COORDINATION, Role.Kind.MODERATOR, Role.Kind.DEPARTMENT):
        client.force_login(staff_user(kind=kind))
        assert client.get(LOG).status_code == 403
        assert client.get(reverse("core:audit_log_csv")).status_code == 403
    client.force_login(UserFactory())
    assert client.get(LOG).status_code == 403


def test_the_log_lists_everything_newest_first_with_labels_and_links(client, entries):
    page = client.get(LOG).content.decode()
    assert rows(page)[:2] == [
        '<th scope="row" class="kern-table__header">Vorhaben geändert</th>',
        '<th scope="row" class="kern-table__header">Veranstaltung veröffentlicht</th>',
    ]
    assert "Erika Mustermann" in page and "Max Muster" in page
    assert f'href="{audit.history_url(entries["plan"])}"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "mustermann"}, ["Vorhaben geändert"]),  # by name
        ({"person": "max.muster@example"}, ["Veranstaltung veröffentlicht"]),  # by e-mail
        ({"person": "erika@hannover-stadt"}, ["Vorhaben geändert"]),  # by office e-mail
        ({"person": "Niemand"}, []),
        ({"area": "events"}, ["Veranstaltung veröffentlicht"]),
        ({"area": "plans"}, ["Vorhaben geändert"]),
        ({"action": "plan.update"}, ["Vorhaben geändert"]),
        ({"date_from": "2025-01-10", "date_to": "2025-01-10"}, ["Veranstaltung veröffentlicht"]),
        ({"date_to": "2025-01-09"}, []),
        ({"date_from": "2025-01-11", "area": "plans"}, ["Vorhaben geändert"]),
    ],
)
def test_filters(client, entries, query, expected):
    page = client.get(LOG, query).content.decode()
    found = [row.split(">")[1].split("<")[0] for row in rows(page)]
    assert [label for label in found if label in ("Vorhaben geändert", "Veranstaltung veröffentlicht")] == expected


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"date_from": "31.02.2025"}, "Bitte ein gültiges Datum eingeben."),
        ({"date_to": "gestern"}, "Bitte ein gültiges Datum eingeben."),
        ({"date_from": "2025-02-10", "date_to": "2025-02-01"}, "Das Ende des Zeitraums liegt vor seinem Anfang."),
        ({"area": "nirgendwo"}, "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_bad_filters_get_a_german_error_and_keep_what_was_typed(client, entries, query, error):
    response = client.get(LOG, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert 'id="form-errors"' in page
    assert not rows(page)
    for value in query.values():
        if value != "nirgendwo":
            assert f'value="{value}"' in page
    csv_response = client.get(reverse("core:audit_log_csv"), query)
    assert csv_response.status_code == 302  # back to the form with its error


def _csv(client, query=None) -> list[list[str]]:
    response = client.get(reverse("core:audit_log_csv"), query or {})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="protokoll-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_csv_of_the_filtered_entries(client, entries):
    table = _csv(client, {"area": "plans"})
    assert table[0] == ["Wann", "Wer", "Was", "Art des Objekts", "Objekt", "Änderungen"]
    assert len(table) == 2
    when, who, what, kind, name, changes = table[1]
    assert datetime.datetime.strptime(when, "%d.%m.%Y %H:%M")
    assert (who, what, kind, name) == ("Erika Mustermann", "Vorhaben geändert", "Vorhaben", "Stadtplatz Limmer")
    assert changes == "Titel: Neuer Stadtplatz → Stadtplatz Limmer"
    everything = _csv(client)
    assert {row[2] for row in everything[1:]} >= {"Vorhaben geändert", "Veranstaltung veröffentlicht"}
    event_row = next(row for row in everything if row[2] == "Veranstaltung veröffentlicht")
    assert event_row[0] == "10.01.2025 09:00" and event_row[5] == "Veröffentlicht: – → 10.01.2025 09:00"


def test_the_log_keeps_its_queries_with_many_entries(client, entries, django_assert_max_num_queries):
    client.get(LOG)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG, {"person": "Muster"})
    plan, event = entries["plan"], entries["event"]
    for number in range(60):
        person = UserFactory(full_name=f"Mustermann {number}")
        audit.record(person, "plan.update", plan, {"title": [f"T{number}", f"T{number + 1}"]})
        audit.record(person, "event.update", event, {"title": [f"E{number}", f"E{number + 1}"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(LOG, {"person": "Muster"}).content.decode()
    assert "Seite 1 von 3" in page
