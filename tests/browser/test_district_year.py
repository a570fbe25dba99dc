"""One district through the year in a real browser (issue 13): the district manager plans a conference (the agenda
prefilled with the district's plans), invites (a mail with an iCal file), writes attendance and minutes and
publishes them, makes an agreement with two action items for two departments; a member of the one department
updates its item; the other item becomes overdue and is escalated to the directors' conference, whose decision the
coordination office records; the public summary appears on the district page, without the internal note. axe-core
finds no violations on the new pages."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from stadtdialog.districts.models.conferences import ActionItem, DistrictConference, Escalation
from tests.districts.test_conferences_world import NOTE, world

from .conftest import check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, button):
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def main_text(page) -> str:
    return page.locator("main").inner_text()


def add_item(page, base, agreement_pk, unit, measure, starts_on, due_on, groups):
    page.goto(f"{base}/verwaltung/vereinbarungen/{agreement_pk}/massnahmen/neu/")
    page.locator("[name=unit]").select_option(value=str(unit.pk))
    page.locator("[name=measure]").fill(measure)
    page.locator("[name=starts_on]").fill(starts_on.isoformat())
    page.locator("[name=due_on]").fill(due_on.isoformat())
    page.locator("[name=target_groups]").fill(groups)
    page.locator("[name=approach]").fill("Aushang und Gespräch im Stadtteiltreff")
    submit(page, "Speichern")
    assert "Die Maßnahme ist angelegt." in main_text(page), main_text(page)[:600]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_district_through_the_year(new_page, live_server, javascript):
    w = world()
    base = live_server.url
    today = timezone.localdate()

    # plan a conference: the agenda names the district's plan in preparation
    manager = new_page(java_script_enabled=javascript)
    login(manager, live_server, w["manager"])
    manager.goto(f"{base}/verwaltung/stadtbezirke/linden-limmer/")
    manager.get_by_role(
        "link", name="Stadtbezirkskonferenzen, Vereinbarungen und Maßnahmen, Stadtbezirksprojekte"
    ).click()
    manager.get_by_role("link", name="Stadtbezirkskonferenz planen").click()
    assert "Vorhaben: Neugestaltung Küchengarten (FB 61)" in manager.locator("[name=agenda]").input_value()
    start = timezone.localtime() + datetime.timedelta(days=7)
    manager.locator("[name=starts_at]").fill(start.strftime("%Y-%m-%dT17:00"))
    manager.locator("[name=ends_at]").fill(start.strftime("%Y-%m-%dT20:00"))
    manager.locator("[name=place]").fill("Freizeitheim Linden, Windheimstraße 4")
    submit(manager, "Speichern")
    assert "Das Treffen ist geplant." in main_text(manager)
    conference = DistrictConference.objects.get()
    assert {unit.short_name for unit in conference.units.all()} == {"FB 61", "FB 66", "FB 67"}
    assert "Vorhaben: Neugestaltung Küchengarten (FB 61)" in main_text(manager)

    # invite: one mail with the calendar entry
    manager.get_by_role("link", name="Einladungen versenden").click()
    submit(manager, "Einladungen jetzt versenden")
    assert "Die Einladungen sind versandt." in main_text(manager)
    (invitation,) = mail.outbox
    assert "jana.petersen@hannover.example" in invitation.bcc and "henrik.vogt@hannover.example" in invitation.bcc
    calendar = icalendar.Calendar.from_ical(invitation.attachments[0][1])
    assert str(next(iter(calendar.walk("VEVENT")))["location"]) == "Freizeitheim Linden, Windheimstraße 4"

    # the day of the conference has come (the calendar moves on): attendance, minutes, publish
    held = timezone.now() - datetime.timedelta(hours=4)
    DistrictConference.objects.filter(pk=conference.pk).update(
        starts_at=held, ends_at=held + datetime.timedelta(hours=3)
    )
    manager.reload()
    manager.get_by_role("link", name="Anwesenheit und Protokoll").click()
    manager.locator(f"[name=present_units][value='{w['fb61'].pk}']").check()
    manager.locator(f"[name=present_units][value='{w['fb66'].pk}']").check()
    manager.locator("[name=minutes]").fill("FB 61 und FB 66 vereinbaren den sicheren Spielplatz am Küchengarten.")
    submit(manager, "Speichern")
    manager.get_by_role("link", name="Protokoll veröffentlichen").click()
    submit(manager, "Protokoll veröffentlichen")
    assert "Protokoll als PDF" in main_text(manager)

    # an agreement with two action items for two departments
    manager.get_by_role("link", name="Neue Vereinbarung").click()
    manager.locator("[name=title]").fill("Spielplatz am Küchengarten sicher machen")
    manager.locator("[name=reason]").fill("Eltern beklagen den schnellen Verkehr vor dem Eingang.")
    manager.locator(f"[name=units][value='{w['fb61'].pk}']").check()
    manager.locator(f"[name=units][value='{w['fb66'].pk}']").check()
    submit(manager, "Speichern")
    agreement_pk = int(manager.url.rstrip("/").rsplit("/", 1)[1])
    add_item(
        manager,
        base,
        agreement_pk,
        w["fb61"],
        "Entwurf für den Spielplatz mit Kindern erarbeiten",
        today,
        today + datetime.timedelta(days=60),
        "Kinder, Eltern",
    )
    add_item(
        manager,
        base,
        agreement_pk,
        w["fb66"],
        "Fahrbahnschwelle vor dem Spielplatz einbauen",
        today,
        today + datetime.timedelta(days=14),
        "Anrainer",
    )
    plan_item, road_item = ActionItem.objects.order_by("pk")

    # a member of FB 61 sees only the own item and updates it
    planner = new_page(java_script_enabled=javascript)
    login(planner, live_server, w["planner"])
    planner.goto(f"{base}/verwaltung/massnahmen/")
    assert plan_item.measure in main_text(planner) and road_item.measure not in main_text(planner)
    planner.get_by_role("link", name=plan_item.measure).click()
    planner.locator("[name=status]").select_option("in_progress")
    planner.locator("[name=note]").fill(NOTE)
    submit(planner, "Speichern")
    assert "Die Maßnahme ist aktualisiert." in main_text(planner)
    assert "Maßnahme vom Fachbereich aktualisiert" in main_text(planner)  # the history

    # the other item becomes overdue; the district manager escalates it to the directors' conference
    ActionItem.objects.filter(pk=road_item.pk).update(
        starts_on=today - datetime.timedelta(days=30), due_on=today - datetime.timedelta(days=1)
    )
    manager.goto(f"{base}/verwaltung/massnahmen/{road_item.pk}/")
    assert "überfällig" in main_text(manager)
    manager.get_by_role("link", name="Eskalieren").click()
    manager.get_by_label("Dezernentenkonferenz").check()
    manager.locator("[name=reason]").fill("Die Schwelle ist überfällig; der Eingang bleibt gefährlich.")
    submit(manager, "Speichern")
    assert "Die Maßnahme ist eskaliert." in main_text(manager)

    # the coordination office records the directors' conference's decision
    office = new_page(java_script_enabled=javascript)
    login(office, live_server, w["coordination"])
    office.goto(f"{base}/verwaltung/eskalationen/")
    office.get_by_role("link", name=f"{road_item.measure} (FB 66)").click()
    office.locator("[name=decided_on]").fill(today.isoformat())
    office.locator("[name=decision]").fill("Die Mittel werden aus dem Budget Verkehrssicherheit freigegeben.")
    office.locator("[name=new_due_on]").fill((today + datetime.timedelta(days=30)).isoformat())
    submit(office, "Entscheidung festhalten")
    assert "Die Entscheidung ist festgehalten." in main_text(office)
    escalation = Escalation.objects.get()
    assert escalation.decided_on == today
    road_item.refresh_from_db()
    assert road_item.due_on == today + datetime.timedelta(days=30)

    # the public summary on the district page: what was agreed and what came of it, no internal note
    visitor = new_page(java_script_enabled=javascript)
    visitor.goto(f"{base}/stadtbezirke/linden-limmer/")
    summary = visitor.locator("section", has=visitor.locator("#district-agreements-heading")).inner_text()
    assert "Spielplatz am Küchengarten sicher machen" in summary
    assert "Entwurf für den Spielplatz mit Kindern erarbeiten" in summary and "In Arbeit" in summary
    assert NOTE not in visitor.content() and "Eltern beklagen" not in visitor.content()

    if javascript:
        check_new_pages_with_axe(new_page, live_server, w, conference, agreement_pk, plan_item, road_item, escalation)


def check_new_pages_with_axe(new_page, live_server, w, conference, agreement_pk, plan_item, road_item, escalation):
    """axe-core on every new page, as the people who use them (pages that bypass the CSP, to inject axe)."""
    base = live_server.url
    pages = {}
    for who in ("manager", "coordination", "planner"):
        pages[who] = new_page(bypass_csp=True)
        login(pages[who], live_server, w[who])
    check_pages_with_axe(
        pages["manager"],
        base,
        [
            "/verwaltung/stadtbezirke/linden-limmer/konferenzen/",
            "/verwaltung/stadtbezirke/linden-limmer/konferenzen/neu/",
            f"/verwaltung/konferenzen/{conference.pk}/",
            f"/verwaltung/konferenzen/{conference.pk}/bearbeiten/",
            f"/verwaltung/konferenzen/{conference.pk}/protokoll/",
            f"/verwaltung/vereinbarungen/{agreement_pk}/",
            f"/verwaltung/vereinbarungen/{agreement_pk}/massnahmen/neu/",
            f"/verwaltung/massnahmen/{road_item.pk}/",
            f"/verwaltung/massnahmen/{road_item.pk}/strittig/",
            "/verwaltung/stadtbezirke/linden-limmer/projekte/neu/",
            "/verwaltung/massnahmen/",
        ],
    )
    check_pages_with_axe(
        pages["coordination"],
        base,
        [
            "/verwaltung/stadtbezirke/",
            "/verwaltung/eskalationen/",
            f"/verwaltung/eskalationen/{escalation.pk}/",
        ],
    )
    check_pages_with_axe(pages["planner"], base, [f"/verwaltung/massnahmen/{plan_item.pk}/"])
    check_pages_with_axe(new_page(bypass_csp=True), base, ["/stadtbezirke/linden-limmer/"])
