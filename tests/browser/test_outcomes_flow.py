"""Issue 4 in a real browser: staff take a process from results to a decision that deviates from one
recommendation (refused without a reason, accepted with one), add milestones with a parent whose
progress follows its parts, and the public pages show it all, in story order on the process page.
axe-core checks the results, decision and implementation pages."""

import pytest

from stadtdialog.outcomes.models import Decision, Milestone, Result

from .conftest import assert_no_axe_violations, fill_rich_text, login
from .data import published_plan_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Für eine Trinkwasserstelle fehlt an diesem Platz der Wasseranschluss."


def submit(page, text):
    page.locator("main form button[type=submit]", has_text=text).first.click()
    page.wait_for_load_state()


def main_text(page) -> str:
    return page.locator("main").inner_text()


def document_results(page, base, process):
    page.goto(f"{base}/verwaltung/beteiligung/{process.pk}/ergebnisse/")
    fill_rich_text(page, "#id_summary", "Viele wünschen sich Schatten und Wasser.")
    page.locator("#id_recs-0-text").fill("Fünf Bäume am Rand des Platzes pflanzen")
    page.get_by_role("button", name="Weitere Empfehlung hinzufügen").click()  # the next empty row (formset-rows.js)
    page.locator("#id_recs-1-text").fill("Eine Trinkwasserstelle bauen")
    submit(page, "Speichern und veröffentlichen")
    assert "Die Ergebnisse sind veröffentlicht." in main_text(page), main_text(page)[:800]
    return list(Result.objects.get(process=process).recommendations.all())


def decide_with_one_deviation(page, base, process, recommendations):
    first, second = recommendations
    page.goto(f"{base}/verwaltung/beteiligung/{process.pk}/entscheidung/")
    assert page.locator("#id_decision_maker").input_value()  # from the concept
    page.locator("#id_date").fill("2027-03-15")
    page.locator("#id_body").fill("Stadtbezirksrat Linden-Limmer")
    page.locator("#id_council_paper_number").fill("15-1178/2022")
    fill_rich_text(page, "#id_text", "Der Stadtbezirksrat beschließt die Umgestaltung.")
    page.locator(f"#id_outcome_{first.pk}_0").check()  # followed
    page.locator(f"#id_outcome_{second.pk}_2").check()  # not followed
    submit(page, "Speichern und veröffentlichen")
    assert "Empfehlung 2: Die Entscheidung weicht davon ab, deshalb ist eine Begründung erforderlich." in main_text(
        page
    )
    assert page.locator(f"#id_outcome_{second.pk}_2").is_checked()  # the input is kept
    assert page.locator("#id_council_paper_number").input_value() == "15-1178/2022"
    assert not Decision.objects.exists()
    page.locator(f"#id_reason_{second.pk}").fill(REASON)
    submit(page, "Speichern und veröffentlichen")
    assert "Die Entscheidung ist veröffentlicht." in main_text(page), main_text(page)[:800]


def add_milestone(page, title, start, end, progress, parent=None):
    page.locator("#id_title").fill(title)
    if parent:
        page.locator("#id_parent").select_option(label=parent)
    page.locator("#id_planned_start").fill(start)
    page.locator("#id_planned_end").fill(end)
    page.locator("#id_status").select_option("in_progress")
    page.locator("#id_progress").fill(str(progress))
    submit(page, "Meilenstein hinzufügen")


def plan_milestones(page, base, process):
    page.goto(f"{base}/verwaltung/beteiligung/{process.pk}/umsetzung/")
    add_milestone(page, "Pflanzung", "2030-05-01", "2030-04-01", 40)
    text = main_text(page)
    assert "Das geplante Ende darf nicht vor dem geplanten Beginn liegen." in text
    assert page.locator("#id_title").input_value() == "Pflanzung"
    page.locator("#id_planned_end").fill("2030-06-30")
    page.locator("#id_progress").fill("140")
    submit(page, "Meilenstein hinzufügen")
    assert "Der Fortschritt muss eine ganze Zahl zwischen 0 und 100 Prozent sein." in main_text(page)
    assert not Milestone.objects.exists()
    add_milestone(page, "Umgestaltung des Platzes", "2030-04-01", "2030-12-31", 0)
    add_milestone(page, "Bäume pflanzen", "2030-04-01", "2030-05-31", 40, parent="Umgestaltung des Platzes")
    add_milestone(page, "Sitzbänke aufstellen", "2030-06-01", "2030-07-31", 100, parent="Umgestaltung des Platzes")
    assert "70 % (aus seinen Teilen)" in main_text(page), main_text(page)[:1500]


def test_from_results_to_decision_to_implementation(new_page, axe_page, live_server):
    _plan, process, lead = published_plan_with_history()
    base = live_server.url
    staff = new_page()
    login(staff, live_server, lead)
    recommendations = document_results(staff, base, process)
    decide_with_one_deviation(staff, base, process, recommendations)
    plan_milestones(staff, base, process)

    page = axe_page
    page.goto(f"{base}/beteiligung/{process.pk}/ergebnisse/")
    assert "Fünf Bäume am Rand des Platzes pflanzen" in main_text(page)
    assert_no_axe_violations(page)
    page.goto(f"{base}/beteiligung/{process.pk}/entscheidung/")
    text = main_text(page)
    assert "Nicht gefolgt" in text
    assert REASON in text
    assert "15. März 2027" in text
    assert "15-1178/2022" in text
    assert_no_axe_violations(page)
    page.goto(f"{base}/beteiligung/{process.pk}/umsetzung/")
    parent = page.get_by_label("Fortschritt von „Umgestaltung des Platzes“")
    assert parent.get_attribute("value") == "70"
    assert "70 %" in main_text(page)
    assert "1. April 2030" in main_text(page)
    assert_no_axe_violations(page)

    page.goto(f"{base}/beteiligung/{process.pk}/")
    html = page.locator("main").inner_html()
    assert "story-results" in html, "the process page does not include outcomes/_process_outcomes.html"
    assert html.index("story-results") < html.index("story-decision") < html.index("story-implementation")
    story = page.locator("#outcomes-title").locator("xpath=..").inner_text()
    assert "Weicht von 1 Empfehlung ab" in story
    assert "15. März 2027" in story
    assert "Gesamtfortschritt: 70 %" in story
    assert_no_axe_violations(page)
