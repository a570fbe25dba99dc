"""Issue 2's acceptance flow in a real browser.

Department staff log in, create a plan and a process, try to publish the process with a missing concept
part and are told which, complete it and publish. An anonymous visitor finds the plan by filter and by
search, reads the concept; after a staff edit the visitor sees the version history with the diff.
"""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.translation import override

from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process
from stadtdialog.processes.versioning import SECTION_LABELS

from .conftest import fill_rich_text, login
from .data import department, department_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Spielstraße Fössestraße"
SEARCH_WORD = "Kreidemalerei"


def german(key: str) -> str:
    with override("de"):
        return str(SECTION_LABELS[key])


def iso(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def submit(page, name=None):
    selector = f"main form button[type=submit][name={name}]" if name else "main form button[type=submit]:not([name])"
    page.locator(selector).first.click()
    page.wait_for_load_state()


def create_plan(page, base, unit):
    page.goto(f"{base}/verwaltung/vorhaben/neu/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(
        f"Die Fössestraße wird an Sonntagen zur Spielstraße mit {SEARCH_WORD} und Tischtennis."
    )
    fill_rich_text(page, "#id_description", "Ein Versuch für einen Sommer.")
    page.locator("#id_status").select_option("preparation")
    page.locator("#id_lead_unit").select_option(str(unit.pk))
    page.get_by_label("Linden-Nord", exact=True).check()
    page.locator("input[name=participation_planned][value=yes]").check()
    submit(page)
    assert page.locator("h1").inner_text() == TITLE, page.locator("main").inner_text()[:1500]
    page.get_by_role("link", name="Vorhaben veröffentlichen").click()
    submit(page)
    assert Plan.objects.get(title=TITLE).is_published


def create_process(page):
    page.get_by_role("link", name="Neues Beteiligungsverfahren").click()
    page.locator("#id_title").fill("Mitmachen bei der Spielstraße")
    submit(page)
    return Process.objects.get(title="Mitmachen bei der Spielstraße")


def complete_concept(page, lead, deputy):
    page.locator("#id_goals-0-description").fill("Kinder aus der Nachbarschaft beteiligen")
    page.locator("#id_goals-0-indicator").fill("Zahl der beteiligten Kinder")
    page.locator("#id_goals-0-target_value").fill("mindestens 40")
    page.locator("#id_goals-0-due_date").fill(iso(60))
    fill_rich_text(page, "#id_scope_open", "Welche Spiele angeboten werden, Aufbau der Straße")
    fill_rich_text(page, "#id_scope_fixed", "Die Straße bleibt für Rettungsfahrzeuge frei")
    page.locator("#id_decision_maker").fill("Stadtbezirksrat Linden-Limmer")
    page.locator("#id_decision_where").fill("Sitzung des Stadtbezirksrats")
    page.locator("#id_decision_when").fill("nach dem Sommer")
    page.locator("#id_phases-0-title").fill("Spielstraßen-Sonntage")
    page.locator("#id_phases-0-kind").select_option("on_site")
    page.locator("#id_phases-0-format").select_option("walk")
    page.locator("#id_phases-0-channel").select_option("on_site")
    page.locator("#id_phases-0-start").fill(iso(-3))
    page.locator("#id_phases-0-end").fill(iso(30))
    fill_rich_text(page, "#id_results_handling", "Alle Hinweise werden beantwortet.")
    fill_rich_text(page, "#id_implementation", "Dauerhafte Spielstraße ab dem nächsten Jahr möglich.")
    page.locator("#id_staff_time").fill("etwa 10 Arbeitstage")
    page.locator("#id_external_costs").fill("0")
    page.locator("input[name=external_moderation][value=no]").check()
    page.locator("#id_lead_contact").select_option(str(lead.pk))
    page.locator("#id_deputy").select_option(str(deputy.pk))
    fill_rich_text(page, "#id_project_group", "FB 61, FB 66, Kinder- und Jugendhaus Linden")


def test_staff_publish_and_visitor_reads_concept_and_history(page, new_page, live_server):
    base = live_server.url
    unit = department()
    staff = department_staff(unit, full_name="Jana Petersen", office_email="jana.petersen@hannover-stadt.example")
    deputy = department_staff(unit, full_name="Thomas Brandt", office_email="thomas.brandt@hannover-stadt.example")

    # Staff: plan and process
    login(page, live_server, staff)
    create_plan(page, base, unit)
    process = create_process(page)
    page.goto(f"{base}/verwaltung/beteiligung/{process.pk}/konzept/")

    # Publishing with only the subject filled in: told exactly which parts are missing, nothing published
    fill_rich_text(page, "#id_subject", "Wie die Spielstraße-Sonntage ablaufen")
    submit(page, "publish")
    alert = page.locator("#missing-parts")
    assert alert.is_visible()
    missing_text = alert.inner_text()
    for key in ("goals", "decision_maker", "phases", "lead_contact"):
        assert german(key) in missing_text, key
    assert german("subject") not in missing_text
    assert page.locator("#id_subject-editor").inner_text().strip() == "Wie die Spielstraße-Sonntage ablaufen"
    process.refresh_from_db()
    assert not process.is_published

    # Complete it and publish
    complete_concept(page, staff, deputy)
    submit(page, "publish")
    process.refresh_from_db()
    assert process.is_published, page.locator("main").inner_text()[:1500]
    assert "Das Verfahren und sein Konzept sind veröffentlicht (Version 1)." in page.locator("main").inner_text()

    # Anonymous visitor: find by district filter, then by search
    visitor = new_page()
    visitor.goto(f"{base}/vorhaben/")
    visitor.locator("#id_district").select_option("linden-limmer")
    visitor.get_by_role("button", name="Vorhaben anzeigen").click()
    visitor.wait_for_load_state()
    assert "district=linden-limmer" in visitor.url
    assert visitor.get_by_role("link", name=TITLE).is_visible()
    visitor.goto(f"{base}/vorhaben/")
    visitor.locator("#id_q").fill(SEARCH_WORD)
    visitor.get_by_role("button", name="Vorhaben anzeigen").click()
    visitor.wait_for_load_state()
    assert visitor.get_by_role("link", name=TITLE).is_visible()
    visitor.get_by_role("link", name=TITLE).click()
    visitor.wait_for_load_state()
    assert visitor.locator("h1").inner_text() == TITLE
    assert "Mitmachen bei der Spielstraße" in visitor.locator("main").inner_text()
    visitor.goto(f"{base}/beteiligung/{process.pk}/konzept/")
    concept_text = visitor.locator("main").inner_text()
    assert "Wie die Spielstraße-Sonntage ablaufen" in concept_text
    assert "Kinder aus der Nachbarschaft beteiligen" in concept_text
    assert "jana.petersen@hannover-stadt.example" in concept_text
    assert staff.email not in concept_text  # the login e-mail stays private; only office contacts are public

    # Staff edit with a change note makes version 2
    page.goto(f"{base}/verwaltung/beteiligung/{process.pk}/konzept/")
    fill_rich_text(page, "#id_subject", "Wie die Spielstraße-Sonntage und das Abschlussfest ablaufen")
    page.locator("#id_change_note").fill("Abschlussfest ergänzt")
    submit(page)
    process.concept.refresh_from_db()
    assert process.concept.current_version == 2

    # The visitor sees the history with a readable diff
    visitor.goto(f"{base}/beteiligung/{process.pk}/konzept/")
    visitor.get_by_role("link", name=re.compile("Versionen|Versionsgeschichte|Änderungen", re.I)).first.click()
    visitor.wait_for_load_state()
    history = visitor.locator("main")
    assert "Abschlussfest ergänzt" in history.inner_text()
    inserted = " ".join(history.locator("ins").all_inner_texts())
    assert "Abschlussfest" in inserted
    assert german("subject") in history.inner_text()
