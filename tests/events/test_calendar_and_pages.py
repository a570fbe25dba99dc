"""iCalendar files (validated with the icalendar package), the public list, the process partial and query budgets."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from stadtdialog.events import services
from stadtdialog.events.models import Event
from tests.factories import PlanFactory, districts, published_process, staff_user

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_icalendar_file_of_an_event_validates(client):
    process = published_process()
    event = EventFactory(
        process=process,
        title="Stadtteilspaziergang Linden-Süd",
        latitude="52.365000",
        longitude="9.720000",
        start=datetime.datetime(2027, 6, 3, 17, 30, tzinfo=BERLIN),
        end=datetime.datetime(2027, 6, 3, 19, 0, tzinfo=BERLIN),
    )
    calendar = parse(client.get(reverse("events:ics", args=[event.pk])))
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (vevent,) = calendar.events
    assert str(vevent["SUMMARY"]) == "Stadtteilspaziergang Linden-Süd"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.start == datetime.datetime(2027, 6, 3, 17, 30, tzinfo=BERLIN)
    assert vevent.end == datetime.datetime(2027, 6, 3, 19, 0, tzinfo=BERLIN)
    assert str(vevent["UID"]) == f"{event.uid}@stadtdialog"
    assert str(vevent["LOCATION"]) == "Freizeitheim Linden, Saal 1, Windheimstraße 4, 30451 Hannover"
    assert str(vevent["URL"]).endswith(f"/veranstaltungen/{event.pk}/")
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "stufenloser Zugang" in str(vevent["DESCRIPTION"])


def test_a_cancelled_event_keeps_its_uid_and_says_cancelled(client):
    event = EventFactory()
    uid_before = parse(client.get(reverse("events:ics", args=[event.pk]))).events[0]["UID"]
    services.cancel_event(staff_user(kind="coordination"), event, "Der Saal ist nicht verfügbar.")
    vevent = parse(client.get(reverse("events:ics", args=[event.pk]))).events[0]
    assert vevent["UID"] == uid_before
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 1
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung ist abgesagt" in page
    assert "Der Saal ist nicht verfügbar." in page


def test_feeds_per_process_and_district_hold_only_their_public_events(client):
    linden = districts(10)[0]
    process = published_process()
    mine = EventFactory(process=process, district=linden, title="Werkstatt A")
    EventFactory(process=process, title="Entwurf", published_at=None)
    EventFactory(title="Anderswo")
    calendar = parse(client.get(reverse("events:process_ics", args=[process.pk])))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Werkstatt A"]
    calendar = parse(client.get(reverse("events:district_ics", args=[linden.slug])))
    assert [str(e["UID"]) for e in calendar.events] == [f"{mine.uid}@stadtdialog"]
    assert client.get(reverse("events:process_ics", args=[published_process(published_at=None).pk])).status_code == 404


def test_drafts_and_events_of_unpublished_processes_are_not_public(client):
    draft = EventFactory(published_at=None)
    hidden = EventFactory(process=published_process(plan=PlanFactory(published_at=None)))
    for event in (draft, hidden):
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(reverse("events:ics", args=[event.pk])).status_code == 404
    listing = client.get(reverse("events:list")).content.decode()
    assert draft.title not in listing
    assert hidden.title not in listing


def test_event_page_shows_accessibility_and_documentation(client):
    event = EventFactory(
        childcare=True,
        accessibility_note="Eingang über den Hof.",
        minutes="Wir haben 40 Ideen gesammelt.",
        documented_at=datetime.datetime(2027, 1, 1, tzinfo=BERLIN),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert "Kinderbetreuung" in html
    assert "Induktionsschleife" in html
    assert "Eingang über den Hof." in html
    assert "Wir haben 40 Ideen gesammelt." in html


def test_list_filters_by_district_and_process(client):
    process = published_process()
    district = districts(3)[0]
    EventFactory(title="Im Bezirk", district=district)
    EventFactory(title="Im Verfahren", process=process)
    EventFactory(
        title="Längst vorbei",
        start=datetime.datetime(2020, 1, 1, 18, tzinfo=BERLIN),
        end=datetime.datetime(2020, 1, 1, 20, tzinfo=BERLIN),
    )
    html = client.get(reverse("events:list"), {"stadtbezirk": district.slug}).content.decode()
    assert "Im Bezirk" in html
    assert "Im Verfahren" not in html
    html = client.get(reverse("events:list"), {"beteiligung": process.pk}).content.decode()
    assert "Im Verfahren" in html
    assert "Im Bezirk" not in html
    html = client.get(reverse("events:list")).content.decode()
    assert "Längst vorbei" not in html
    assert "Längst vorbei" in client.get(reverse("events:list"), {"zeit": "vergangen"}).content.decode()


def _render_partial(process):
    template = Template('{% load core_tags %}{% extension_sections "process_public" process only="events" %}')
    request = RequestFactory().get(process.get_absolute_url())
    return template.render(Context({"process": process, "request": request}))


@pytest.mark.parametrize("count", [5, 50])
def test_query_budget_of_list_feed_and_process_partial(client, django_assert_max_num_queries, count):
    process = published_process(plan=PlanFactory(districts=districts(10)))
    for _n in range(count):
        event = EventFactory(process=process, district=districts(10)[0], registration_required=True, capacity=3)
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("events:list")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("events:process_ics", args=[process.pk])).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(event.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(2):  # whether there are any (one query for all sections), the events
        html = _render_partial(process)
    assert len(re.findall(r'href="/veranstaltungen/\d+/"', html)) == 5  # the next five


def test_process_partial_is_empty_without_events():
    assert "Veranstaltungen vor Ort" not in _render_partial(published_process())
    assert Event.objects.count() == 0
