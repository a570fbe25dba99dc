"""The participation concept's long texts as rich text (issue 16) in a real browser under the strict CSP: with
JavaScript the editor and its toolbar replace the textareas, without it the textareas take plain text (its breaks
kept); the public concept page shows the sanitised HTML; axe finds nothing on the form or on the page."""

import pytest

from stadtdialog.processes import services as process_services
from stadtdialog.processes.models import Concept
from tests.factories import PlanFactory, districts

from .conftest import assert_no_axe_violations, fill_rich_text, login
from .data import department, department_staff
from .test_staff_forms import save, watch_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_and_process():
    unit = department()
    staff = department_staff(unit, full_name="Jana Petersen")
    plan = PlanFactory(title="Neugestaltung Küchengarten", lead_unit=unit, districts=districts(10))
    process = process_services.create_process(staff, plan, title="Bäume am Küchengarten")
    return staff, process


def concept_url(live_server, process) -> str:
    return f"{live_server.url}/verwaltung/beteiligung/{process.pk}/konzept/"


def test_with_javascript_the_long_texts_get_the_editor(page, live_server, staff_and_process):
    staff, process = staff_and_process
    errors = watch_errors(page)
    login(page, live_server, staff)
    page.goto(concept_url(live_server, process))
    for name in Concept.RICH_TEXT_FIELDS:
        assert page.locator(f"#id_{name}-editor").is_visible(), name
        assert not page.locator(f"#id_{name}").is_visible(), name  # the textarea stays in the form, hidden
    assert page.get_by_role("toolbar", name="Formatierung").count() == len(Concept.RICH_TEXT_FIELDS)
    assert page.locator("#id_decision_maker-editor").count() == 0  # a one-liner stays an input
    assert page.locator("#id_subject-editor").get_attribute("aria-label").startswith("Beteiligungsgegenstand")

    page.locator("#id_subject-editor").click()
    page.keyboard.type("Wie der Garten ")
    page.locator("#id_subject").locator("xpath=..").get_by_role("button", name="Fett").click()
    page.keyboard.type("schattiger")
    page.locator("#id_subject").locator("xpath=..").get_by_role("button", name="Fett").click()
    page.keyboard.type(" wird.")
    fill_rich_text(page, "#id_scope_open", "Baumarten")
    page.locator("#id_scope_open").locator("xpath=..").get_by_role("button", name="Liste", exact=True).click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Standorte")
    save(page)
    concept = Concept.objects.get(process=process)
    assert "<b>schattiger</b>" in concept.subject or "<strong>schattiger</strong>" in concept.subject
    assert "<li>Baumarten</li>" in concept.scope_open and "<li>Standorte</li>" in concept.scope_open
    assert "style=" not in concept.subject + concept.scope_open

    page.goto(f"{live_server.url}/beteiligung/{process.pk}/konzept/")
    subject = page.locator("#subject .prose")
    assert subject.locator("b, strong").inner_text() == "schattiger"
    assert page.locator("#scope .prose li").all_inner_texts() == ["Baumarten", "Standorte"]
    assert errors == []  # no script error, no CSP refusal


def test_without_javascript_the_textareas_take_plain_text(no_js_page, live_server, staff_and_process):
    staff, process = staff_and_process
    page = no_js_page
    login(page, live_server, staff)
    page.goto(concept_url(live_server, process))
    assert page.locator(".richtext__editor").count() == 0
    page.locator("#id_subject").fill("Erste Zeile\nZweite Zeile\n\nNeuer Absatz: Bäume & Bänke")
    page.locator("#id_implementation").fill("<p>Mit <strong>HTML</strong></p><script>alert(1)</script>")
    save(page)
    concept = Concept.objects.get(process=process)
    assert concept.subject == "<p>Erste Zeile<br>Zweite Zeile</p>\n\n<p>Neuer Absatz: Bäume &amp; Bänke</p>"
    assert concept.implementation == "<p>Mit <strong>HTML</strong></p>"

    page.goto(f"{live_server.url}/beteiligung/{process.pk}/konzept/")
    assert page.locator("#subject .prose p").all_inner_texts() == [
        "Erste Zeile\nZweite Zeile",
        "Neuer Absatz: Bäume & Bänke",
    ]
    assert page.locator("#implementation .prose strong").inner_text() == "HTML"
    # back in the form, the textarea holds the stored HTML to go on with
    page.goto(concept_url(live_server, process))
    assert page.locator("#id_implementation").input_value() == "<p>Mit <strong>HTML</strong></p>"


def test_axe_finds_nothing_on_the_form_with_editors_and_on_the_concept_page(axe_page, live_server, staff_and_process):
    staff, process = staff_and_process
    process_services.update_concept(
        staff,
        process,
        subject="<h3>Worum es geht</h3><p>Ein <strong>schattiger</strong> Garten</p><ul><li>Bäume</li></ul>",
        scope_open='<p>Mehr auf <a href="https://www.hannover.de/">hannover.de</a></p>',
    )
    login(axe_page, live_server, staff)
    axe_page.goto(concept_url(live_server, process))
    axe_page.locator("#id_subject-editor").wait_for()
    assert_no_axe_violations(axe_page)
    axe_page.goto(f"{live_server.url}/beteiligung/{process.pk}/konzept/")
    assert axe_page.locator("#subject .prose h3").inner_text() == "Worum es geht"
    assert_no_axe_violations(axe_page)
