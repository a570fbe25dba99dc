"""District conferences (issue 13): planning with the prefilled agenda and the default departments, invitations with
an iCal file, minutes as PDF for the participants, agreements and action items, the departments' updates, dispute,
escalation and decision, the item's history, reminders, the overview's flags, district projects, the public summary
and who sees what."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stadtdialog.districts import queries_conferences as queries
from stadtdialog.districts import services_conferences as services
from stadtdialog.districts.models import Concern, ConcernCategory
from stadtdialog.districts.models.conferences import (
    DEFAULT_CONFERENCE_UNITS,
    ActionItemStatus,
    DistrictProject,
    Escalation,
)
from tests.factories import OrgUnitFactory
from tests.pdf import pdf_text

from .test_conferences_world import DISPUTE, ESCALATION, NOTE, REASON, agreement_with_items, conference, world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    """The tests run inside one transaction: run what waits for the commit (the mails) at once."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def w():
    return world()


def login(client, user):
    client.force_login(user)
    return client


# -- planning -----------------------------------------------------------------------------------------------------


def test_the_agenda_is_prefilled_with_plans_processes_open_needs_and_overdue_items(w):
    category = ConcernCategory.objects.create(code="spielplaetze", name="Spielplätze", department=w["fb67"])
    Concern.objects.create(
        district=w["linden"], category=category, text="x", due_on=timezone.localdate(), confirmed_at=timezone.now()
    )
    agreement_with_items(w)
    agenda = queries.prefilled_agenda(w["linden"])
    lines = agenda.splitlines()
    assert "Vorhaben: Neugestaltung Küchengarten (FB 61)" in lines
    assert "Offener Handlungsbedarf: Spielplätze (1 offene Anliegen)" in lines
    assert any(
        line.startswith("Überfällige Maßnahme: Fahrbahnschwelle vor dem Spielplatz einbauen (FB 66") for line in lines
    )
    assert not any("Entwurf für den Spielplatz" in line for line in lines)  # not overdue
    assert queries.prefilled_agenda(w["mitte"]).count("\n") == 2  # nothing of Linden's in Mitte's agenda


def test_the_new_conference_form_starts_from_the_concepts_departments_then_from_the_last_conference(client, w):
    listed = [OrgUnitFactory(short_name=name, name=f"Fachbereich {name}") for name in ("FB 15", "FB 50", "FB 57")]
    login(client, w["manager"])
    url = reverse("districts:staff_conference_create", args=["linden-limmer"])
    form = client.get(url).context["form"]
    initial = {unit.short_name for unit in form.initial["units"]}
    assert {"FB 15", "FB 50", "FB 57", "FB 61", "FB 66", "FB 67"} == initial
    assert initial <= set(DEFAULT_CONFERENCE_UNITS)
    assert "Vorhaben: Neugestaltung Küchengarten (FB 61)" in form.initial["agenda"]
    start = timezone.localtime() + datetime.timedelta(days=14)
    response = client.post(
        url,
        {
            "title": "Stadtbezirkskonferenz Frühjahr",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Freizeitheim Linden",
            "units": [listed[0].pk, w["fb61"].pk],
            "agenda": "Begrüßung\nSpielplatz",
        },
    )
    assert response.status_code == 302
    again = client.get(url).context["form"].initial["units"]
    assert {unit.short_name for unit in again} == {"FB 15", "FB 61"}  # edited for this district: kept


def test_a_conference_whose_end_is_before_its_start_is_refused_in_german_and_keeps_the_input(client, w):
    login(client, w["manager"])
    url = reverse("districts:staff_conference_create", args=["linden-limmer"])
    response = client.post(
        url,
        {
            "title": "Konferenz",
            "starts_at": "2030-05-05T18:00",
            "ends_at": "2030-05-05T17:00",
            "place": "Rathaus Linden",
            "units": [w["fb61"].pk],
        },
    )
    assert response.status_code == 200
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    assert 'value="Rathaus Linden"' in response.content.decode()


def test_invitations_go_by_mail_with_an_ical_file(client, w):
    conf = conference(w, days=10)
    login(client, w["manager"])
    response = client.post(reverse("districts:staff_conference_invite", args=[conf.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.bcc) == {
        "61@hannover-stadt.example",
        "66@hannover-stadt.example",
        "jana.petersen@hannover.example",
        "henrik.vogt@hannover.example",
        "sbm.linden@hannover.example",
    }
    assert "murat.yilmaz@hannover.example" not in message.bcc  # FB 67 is not invited
    assert message.subject == "Einladung: Stadtbezirkskonferenz Linden-Limmer"
    assert "Freizeitheim Linden, Windheimstraße 4" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("einladung.ics", "text/calendar")
    event = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["summary"]) == "Stadtbezirkskonferenz Linden-Limmer"
    assert event.decoded("dtstart") == conf.starts_at.replace(microsecond=0)
    assert str(event["uid"]) == f"district-conference-{conf.pk}@stadtdialog"
    conf.refresh_from_db()
    assert conf.invited_at is not None


def test_a_past_conference_sends_no_invitations(w):
    conf = conference(w, days=-3)
    with pytest.raises(ValidationError):
        services.send_invitations(w["manager"], conf)
    assert mail.outbox == []


# -- minutes ------------------------------------------------------------------------------------------------------


def test_the_minutes_pdf_is_readable_and_only_for_the_participants(client, w):
    conf, agreement, _plan_item, _road_item = agreement_with_items(w)
    services.record_minutes(
        w["manager"], conf, minutes="Die Fachbereiche berichten über den Küchengarten.", present_units=[w["fb61"]]
    )
    url = reverse("districts:staff_conference_pdf", args=[conf.pk])
    assert login(client, w["planner"]).get(url).status_code == 403  # not yet published
    services.publish_minutes(w["manager"], conf)
    for user in ("planner", "roads", "manager", "admin"):
        response = login(client, w[user]).get(url)
        assert response.status_code == 200, user
    text = " ".join(pdf_text(response.content).split())
    assert "Die Fachbereiche berichten über den Küchengarten." in text
    assert "Spielplatz am Küchengarten sicher machen" in text
    assert "Fahrbahnschwelle vor dem Spielplatz einbauen" in text
    for user in ("green", "coordination", "council", "mitte_manager"):
        assert login(client, w[user]).get(url).status_code == 403, user


def test_minutes_are_published_only_when_written(w):
    conf = conference(w)
    with pytest.raises(ValidationError):
        services.publish_minutes(w["manager"], conf)


# -- action items ---------------------------------------------------------------------------------------------------


def test_a_department_sees_and_updates_only_its_own_items(client, w):
    _conf, _agreement, plan_item, road_item = agreement_with_items(w)
    login(client, w["planner"])
    page = client.get(reverse("districts:staff_action_items") + "?stand=alle").content.decode()
    assert plan_item.measure in page
    assert road_item.measure not in page
    url = reverse("districts:staff_action_item", args=[plan_item.pk])
    form = client.get(url).context["form"]
    response = client.post(url, {"version": form.initial["version"], "status": "in_progress", "note": NOTE})
    assert response.status_code == 302
    plan_item.refresh_from_db()
    assert (plan_item.status, plan_item.note) == ("in_progress", NOTE)
    other = reverse("districts:staff_action_item", args=[road_item.pk])
    assert client.get(other).status_code == 403
    assert client.post(other, {"status": "done", "note": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_item(w["planner"], road_item, status="done", note="")
    login(client, w["green"])
    assert road_item.measure not in client.get(reverse("districts:staff_action_items") + "?stand=alle").content.decode()


def test_another_districts_manager_sees_nothing(client, w):
    conf, agreement, plan_item, _road_item = agreement_with_items(w)
    escalation = services.escalate(w["manager"], agreement, body="directors", reason=ESCALATION)
    login(client, w["mitte_manager"])
    for url in (
        reverse("districts:staff_conferences", args=["linden-limmer"]),
        reverse("districts:staff_conference", args=[conf.pk]),
        reverse("districts:staff_conference_edit", args=[conf.pk]),
        reverse("districts:staff_agreement", args=[agreement.pk]),
        reverse("districts:staff_action_item", args=[plan_item.pk]),
        reverse("districts:staff_escalation", args=[escalation.pk]),
        reverse("districts:staff_conference_create", args=["linden-limmer"]),
    ):
        assert client.get(url).status_code == 403, url
    for url in (reverse("districts:staff_action_items") + "?stand=alle", reverse("districts:staff_escalations")):
        page = client.get(url).content.decode()
        assert "Küchengarten" not in page and "Fahrbahnschwelle" not in page
    with pytest.raises(PermissionDenied):
        services.create_agreement(w["mitte_manager"], conf, title="x", reason="y", units=[w["fb61"]])


def test_council_members_see_their_districts_agreements_without_internals(client, w):
    _conf, agreement, plan_item, _road_item = agreement_with_items(w)
    services.update_item(w["planner"], plan_item, status="in_progress", note=NOTE)
    login(client, w["council"])
    page = client.get(reverse("districts:staff_agreement", args=[agreement.pk])).content.decode()
    assert agreement.title in page and plan_item.measure in page
    assert REASON not in page and NOTE not in page
    assert client.get(reverse("districts:staff_conferences", args=["linden-limmer"])).status_code == 200
    assert client.get(reverse("districts:staff_action_item", args=[plan_item.pk])).status_code == 403
    login(client, w["mitte_council"])
    assert client.get(reverse("districts:staff_agreement", args=[agreement.pk])).status_code == 403


def test_completion_is_reported_by_the_department_and_confirmed_by_the_manager(w):
    _conf, _agreement, plan_item, _road_item = agreement_with_items(w)
    with pytest.raises(ValidationError):
        services.confirm_item(w["manager"], plan_item)  # not reported done
    services.update_item(w["planner"], plan_item, status="done", note="Entwurf liegt vor")
    with pytest.raises(PermissionDenied):
        services.confirm_item(w["planner"], plan_item)
    item = services.confirm_item(w["manager"], plan_item)
    assert item.status == ActionItemStatus.CONFIRMED and item.confirmed_at is not None
    with pytest.raises(PermissionDenied):
        services.update_item(w["planner"], item, status="in_progress", note="")


def test_a_stale_update_is_refused(w):
    from stadtdialog.core.versioning import StaleEdit, version_token

    _conf, _agreement, plan_item, _road_item = agreement_with_items(w)
    token = version_token(plan_item, ["status", "note"])
    services.update_item(w["planner"], plan_item, status="in_progress", note="erste")
    with pytest.raises(StaleEdit):
        services.update_item(w["planner"], plan_item, status="done", note="zweite", version=token)


def test_dispute_escalation_decision_and_the_items_history(client, w):
    _conf, agreement, plan_item, road_item = agreement_with_items(w)
    with pytest.raises(ValidationError):  # neither overdue nor disputed
        services.escalate(w["manager"], agreement, item=plan_item, body="directors", reason=ESCALATION)
    services.dispute_item(w["roads"], road_item, reason=DISPUTE)
    with pytest.raises(ValidationError):
        services.dispute_item(w["roads"], road_item, reason=" ")
    with pytest.raises(PermissionDenied):
        services.escalate(w["roads"], agreement, item=road_item, body="directors", reason=ESCALATION)
    escalation = services.escalate(w["manager"], agreement, item=road_item, body="directors", reason=ESCALATION)
    with pytest.raises(ValidationError):  # already waiting
        services.escalate(w["manager"], agreement, item=road_item, body="mayor", reason=ESCALATION)
    login(client, w["coordination"])
    listing = client.get(reverse("districts:staff_escalations")).content.decode()
    assert road_item.measure in listing and "Dezernentenkonferenz" in listing
    url = reverse("districts:staff_escalation", args=[escalation.pk])
    assert client.get(url).context["form"] is not None
    new_due = timezone.localdate() + datetime.timedelta(days=45)
    response = client.post(
        url,
        {
            "decided_on": timezone.localdate().isoformat(),
            "decision": "FB 66 baut die Schwelle; die Beleuchtung übernimmt FB 67.",
            "consequence": "Neuer Termin für FB 66.",
            "new_due_on": new_due.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    escalation.refresh_from_db()
    road_item.refresh_from_db()
    assert escalation.decided_on == timezone.localdate()
    assert road_item.due_on == new_due and road_item.status == ActionItemStatus.IN_PROGRESS
    assert client.post(url, {"decision": "nochmal"}).status_code == 403  # decided: no second decision
    login(client, w["manager"])
    page = client.get(reverse("districts:staff_action_item", args=[road_item.pk])).content.decode()
    for step in (
        "Maßnahme angelegt",
        "Maßnahme als strittig markiert",
        "Maßnahme eskaliert",
        "Entscheidung zur Eskalation festgehalten",
    ):
        assert step in page, step


def test_a_whole_agreement_can_be_escalated_to_the_mayor(w):
    _conf, agreement, _plan_item, _road_item = agreement_with_items(w)
    escalation = services.escalate(w["manager"], agreement, body="mayor", reason=ESCALATION)
    assert escalation.item is None and escalation.get_body_display().startswith("Oberbürgermeister")
    with pytest.raises(ValidationError):
        services.record_decision(
            w["coordination"],
            escalation,
            decided_on=timezone.localdate(),
            decision="Ja",
            new_due_on=timezone.localdate(),
        )
    services.record_decision(w["coordination"], escalation, decided_on=timezone.localdate(), decision="Ja")
    assert Escalation.objects.get().decision == "Ja"


def test_overdue_items_are_reminded_daily(w):
    _conf, _agreement, _plan_item, road_item = agreement_with_items(w)
    call_command("remind_action_items", "--base-url", "https://stadtdialog.example")
    addresses = sorted(address for message in mail.outbox for address in message.to)
    assert addresses == ["henrik.vogt@hannover.example", "sbm.linden@hannover.example"]
    body = mail.outbox[0].body
    assert road_item.measure in body and "https://stadtdialog.example/verwaltung/massnahmen/" in body
    assert "Entwurf für den Spielplatz" not in body  # not overdue
    mail.outbox.clear()
    call_command("remind_action_items")
    assert mail.outbox == []  # once a day


def test_a_working_meeting_follows_an_agreement(client, w):
    _conf, agreement, _plan_item, _road_item = agreement_with_items(w)
    login(client, w["manager"])
    url = reverse("districts:staff_conference_create", args=["linden-limmer"]) + f"?vereinbarung={agreement.pk}"
    form = client.get(url).context["form"]
    assert form.initial["title"].startswith("Arbeitstreffen")
    assert {u.short_name for u in form.initial["units"]} == {"FB 61", "FB 66"}
    start = timezone.localtime() + datetime.timedelta(days=3)
    data = {
        "title": form.initial["title"],
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Stadtteiltreff Linden-Süd",
        "units": [w["fb61"].pk, w["fb66"].pk],
        "agenda": form.initial["agenda"],
    }
    assert client.post(url, data).status_code == 302
    meeting = agreement.working_meetings.get()
    assert meeting.is_working_meeting
    page = client.get(reverse("districts:staff_agreement", args=[agreement.pk])).content.decode()
    assert f'href="{reverse("districts:staff_conference", args=[meeting.pk])}"' in page


# -- the overview ------------------------------------------------------------------------------------------------


def test_the_overview_flags_districts_without_a_conference_this_half_year_or_a_project_this_year(client, w):
    login(client, w["coordination"])
    url = reverse("districts:staff_districts")
    rows = {row.slug: row for row in client.get(url).context["conference_overview"]["rows"]}
    assert not rows["linden-limmer"].has_conference and not rows["linden-limmer"].has_project
    conference(w, days=0)
    services.save_project(
        w["manager"],
        w["linden"],
        year=timezone.localdate().year,
        title="Spielplatzoffensive Linden",
        description="Drei Spielplätze werden mit Kindern neu geplant.",
        state=DistrictProject.State.RUNNING,
    )
    overview = client.get(url).context["conference_overview"]
    rows = {row.slug: row for row in overview["rows"]}
    assert rows["linden-limmer"].has_conference and rows["linden-limmer"].has_project
    assert not rows["mitte"].has_conference and not rows["mitte"].has_project
    assert overview["without_conference"] == 12 and overview["without_project"] == 12
    page = client.get(url).content.decode()
    assert "12 Stadtbezirke ohne Konferenz in diesem Halbjahr" in page
    # a conference of the last half-year does not count, nor a project of last year
    assert login(client, w["manager"]).get(url).context["conference_overview"] is None


def test_a_conference_in_the_previous_half_year_is_flagged(w):
    today = timezone.localdate()
    first = datetime.date(today.year, 1 if today.month <= 6 else 7, 1)
    start = timezone.make_aware(datetime.datetime.combine(first - datetime.timedelta(days=10), datetime.time(10)))
    services.plan_conference(
        w["manager"],
        w["linden"],
        title="Alt",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Rathaus",
        units=[w["fb61"]],
    )
    DistrictProject.objects.create(district=w["linden"], year=today.year - 1, title="Alt", description="x")
    row = next(r for r in queries.overview()["rows"] if r.slug == "linden-limmer")
    assert row.last_conference is not None
    assert not row.has_conference and not row.has_project


# -- public -------------------------------------------------------------------------------------------------------


def test_the_public_summary_shows_units_and_states_without_internals(client, w):
    conf, agreement, plan_item, road_item = agreement_with_items(w)
    services.update_item(w["planner"], plan_item, status="done", note=NOTE)
    services.dispute_item(w["roads"], road_item, reason=DISPUTE)
    services.escalate(w["manager"], agreement, item=road_item, body="directors", reason=ESCALATION)
    services.save_project(
        w["manager"],
        w["linden"],
        year=timezone.localdate().year,
        title="Spielplatzoffensive Linden",
        description="Drei Spielplätze werden mit Kindern neu geplant.",
        state=DistrictProject.State.RUNNING,
        agreements=[agreement],
        plans=[w["plan"]],
    )
    page_url = reverse("districts:detail", args=["linden-limmer"])
    page = client.get(page_url).content.decode()
    assert agreement.title not in page  # the minutes are not out yet
    assert "Spielplatzoffensive Linden" in page and "Neugestaltung Küchengarten" in page
    services.record_minutes(w["manager"], conf, minutes="Protokoll intern: Frau Lindemann berichtet.", present_units=[])
    services.publish_minutes(w["manager"], conf)
    summary = queries.public_summary(w["linden"])
    assert summary["agreements"][0]["title"] == agreement.title
    assert summary["agreements"][0]["units"] == ["FB 61", "FB 66"]
    assert {i["unit"]: i["status"] for i in summary["agreements"][0]["items"]} == {
        "FB 61": "done",
        "FB 66": "in_progress",
    }
    assert summary["projects"][0]["agreements"] == [agreement.pk]
    page = client.get(page_url).content.decode()
    assert agreement.title in page and plan_item.measure in page and "Gemeldet erledigt" in page
    # the district manager is the district's public contact; the departments' staff are not named
    secrets = [NOTE, REASON, DISPUTE, ESCALATION, "Protokoll intern", "Jana Petersen", "Henrik Vogt"]
    for secret in secrets:
        assert secret not in page, secret
        assert secret not in str(summary), secret
    assert_never_public(client, secrets)


def assert_never_public(client, secrets):
    """Every public page, feed, CSV and API address without parameters (and those of Linden-Limmer's slug) never
    shows an internal text."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def routes(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from routes(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                yield route, sorted(entry.pattern.converters)

    client.logout()
    checked = 0
    for route, params in routes(get_resolver().url_patterns):
        if route.startswith(("verwaltung/", "admin/", "konto/")) or "<" in route and params != ["slug"]:
            continue
        path = "/" + route.replace("<slug:slug>", "linden-limmer")
        if "^" in path or "(?P" in path or "<" in path:
            continue
        response = client.get(path)
        if response.status_code != 200 or response.get("Content-Type", "").startswith(("image/", "application/pdf")):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in text, f"{secret!r} on {path}"
        checked += 1
    assert checked > 20


def test_the_public_section_is_cached_with_the_district_page_and_follows_changes(client, w, django_assert_num_queries):
    from stadtdialog.core.extensions import sections_for

    assert sections_for("district_public", None, w["linden"], only="conferences") == []
    with django_assert_num_queries(0):  # warm: nothing asked, also when there is nothing to show
        assert sections_for("district_public", None, w["linden"], only="conferences") == []
    conf, agreement, plan_item, _road_item = agreement_with_items(w)
    services.record_minutes(w["manager"], conf, minutes="Protokoll", present_units=[])
    services.publish_minutes(w["manager"], conf)
    url = reverse("districts:detail", args=["linden-limmer"])
    assert agreement.title in client.get(url).content.decode()
    with django_assert_num_queries(0):
        sections_for("district_public", None, w["linden"], only="conferences")
    services.update_item(w["planner"], plan_item, status="done", note="")
    assert "1 von 2 Maßnahmen erledigt" in client.get(url).content.decode()


# -- queries ------------------------------------------------------------------------------------------------------


def test_list_pages_queries_do_not_grow(client, w, django_assert_max_num_queries):
    conf = conference(w)

    def add(n):
        for _ in range(n):
            _c, agreement, _p, road_item = agreement_with_items(w, conf)
            services.escalate(w["manager"], agreement, item=road_item, body="directors", reason=ESCALATION)
            services.save_project(w["manager"], w["linden"], year=2026, title="P", description="d", plans=[w["plan"]])

    add(1)
    services.record_minutes(w["manager"], conf, minutes="Protokoll", present_units=[w["fb61"]])
    services.publish_minutes(w["manager"], conf)
    pages = [
        (w["manager"], reverse("districts:staff_conferences", args=["linden-limmer"])),
        (w["manager"], reverse("districts:staff_conference", args=[conf.pk])),
        (w["roads"], reverse("districts:staff_action_items") + "?stand=alle"),
        (w["coordination"], reverse("districts:staff_escalations")),
        (w["coordination"], reverse("districts:staff_districts")),
        (None, reverse("districts:detail", args=["linden-limmer"])),
    ]
    counts = []
    for user, url in pages:
        client.logout()
        if user:
            client.force_login(user)
        client.get(url)
        with django_assert_max_num_queries(60) as few:
            assert client.get(url).status_code == 200
        counts.append(len(few.captured_queries))
    add(4)
    for (user, url), count in zip(pages, counts, strict=True):
        client.logout()
        if user:
            client.force_login(user)
        client.get(url)
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200, url
