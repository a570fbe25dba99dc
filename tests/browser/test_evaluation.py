"""Evaluation in the browser: axe-core on the public evaluation page and the questionnaire; a participant
answers once, the second try with the same link is refused."""

import pytest

from stadtdialog.accounts.models import Role
from stadtdialog.evaluation import services
from tests.dialog.dialog_factories import ContributionFactory
from tests.evaluation.factories import answers_for, started
from tests.factories import staff_user

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def evaluation_with_link():
    process, evaluation, lead = started()
    ContributionFactory(process=process)
    links = []
    services.send_invitations(lead, evaluation, lambda token: links.append(token) or token)
    services.add_question(lead, evaluation, "Was sollten wir beim nächsten Mal anders machen?", "text")
    return process, evaluation, lead, links[0]


def publish(process, evaluation, lead):
    goal = process.concept.goals.get()
    services.save_goal_assessments(
        lead, evaluation, [(goal, {"measured_value": "41", "rating": "partly", "comment": ""})]
    )
    for value in (1, 2, 2, 4):
        services.submit_paper(lead, evaluation, answers_for(evaluation, value=value))
    services.save_lessons(lead, evaluation, "<p>Früher und in mehr Sprachen informieren.</p>")
    services.publish(lead, evaluation)


def test_questionnaire_once_per_link_and_accessible(axe_page, live_server):
    process, evaluation, lead, token = evaluation_with_link()
    url = f"{live_server.url}/fragebogen/{token}/"
    axe_page.goto(url)
    assert axe_page.locator("h1").count() == 1
    assert_no_axe_violations(axe_page)
    # Sending nothing: a clear German error, and the form is still accessible.
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert "Bitte beantworten Sie mindestens eine Frage." in axe_page.locator("main").inner_text()
    assert_no_axe_violations(axe_page)
    first = evaluation.questions.first()
    axe_page.locator(f"input[name=q{first.pk}][value='2']").check()
    axe_page.get_by_label("Was sollten wir beim nächsten Mal anders machen?").fill("Mehr Termine am Abend.")
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert "anonym gespeichert" in axe_page.locator("main").inner_text()
    assert_no_axe_violations(axe_page)
    axe_page.goto(url)
    assert "Dieser Link wurde bereits verwendet" in axe_page.locator("main").inner_text()


def test_evaluation_page_with_charts_is_accessible(axe_page, live_server):
    process, evaluation, lead, _token = evaluation_with_link()
    publish(process, evaluation, lead)
    check_pages_with_axe(axe_page, live_server.url, [f"/beteiligung/{process.pk}/evaluation/"])
    assert axe_page.locator("svg[role=img]").count() == evaluation.questions.filter(kind="likert").count()
    assert "Teilweise erreicht" in axe_page.locator("main").inner_text()


def test_staff_pages_are_accessible(axe_page, new_page, live_server):
    process, evaluation, lead, _token = evaluation_with_link()
    coordination = staff_user(kind=Role.Kind.COORDINATION, office_email="koordination@hannover-stadt.example")
    office = new_page(bypass_csp=True)
    login(office, live_server, coordination)
    check_pages_with_axe(office, live_server.url, ["/verwaltung/evaluation/"])
    office.locator(f"#process-{process.pk} button").click()
    office.wait_for_load_state()
    assert "begleitete Evaluation markiert" in office.locator("main").inner_text()
    login(axe_page, live_server, lead)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            f"/verwaltung/beteiligung/{process.pk}/evaluation/",
            f"/verwaltung/beteiligung/{process.pk}/evaluation/ziele/",
            f"/verwaltung/beteiligung/{process.pk}/evaluation/fragen/",
            f"/verwaltung/beteiligung/{process.pk}/evaluation/papier/",
        ],
    )
