"""Goal assessment, charts in the page and in the PDF, the overview, the process-page part, permissions,
bad input and query counts."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from stadtdialog.accounts.models import Role
from stadtdialog.evaluation import services
from stadtdialog.evaluation.charts import bar_chart
from stadtdialog.evaluation.models import Evaluation, GoalAssessment
from tests.evaluation.factories import answers_for, started
from tests.factories import GoalFactory, OrgUnitFactory, PlanFactory, UserFactory, published_process, staff_user
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def published_evaluation(paper=3):
    process, evaluation, lead = started()
    goal = process.concept.goals.get()
    services.save_goal_assessments(
        lead,
        evaluation,
        [
            (
                goal,
                {
                    "measured_value": "62 Beiträge von Kindern",
                    "rating": "achieved",
                    "comment": "Über Schulen erreicht.",
                },
            ),
        ],
    )
    for index in range(paper):
        services.submit_paper(lead, evaluation, answers_for(evaluation, value=1 + index % 2))
    services.save_lessons(lead, evaluation, "<p>Früher informieren.</p><script>alert(1)</script>")
    services.publish(lead, evaluation)
    return process, evaluation, lead


def test_goal_assessment_is_shown_next_to_indicator_and_target(client):
    process, evaluation, lead = published_evaluation()
    html = client.get(reverse("evaluation:public", args=[process.pk])).content.decode()
    for text in (
        "Kinder aus dem Quartier beteiligen",
        "Zahl der Beiträge von Kindern",
        "mindestens 50",
        "62 Beiträge von Kindern",
        "Erreicht",
        "Über Schulen erreicht.",
    ):
        assert text in html
    assert "<script>alert" not in html
    assert "Früher informieren." in html


def test_goal_form_refuses_a_rating_without_measured_value(client):
    process, evaluation, lead = started()
    goal = process.concept.goals.get()
    client.force_login(lead)
    url = reverse("evaluation:staff_goals", args=[process.pk])
    response = client.post(url, {f"goal-{goal.pk}-rating": "partly", f"goal-{goal.pk}-comment": "Knapp verfehlt"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie den gemessenen Wert an." in html
    assert "Knapp verfehlt" in html  # what was typed stays
    assert not GoalAssessment.objects.exists()
    response = client.post(url, {f"goal-{goal.pk}-measured_value": "41", f"goal-{goal.pk}-rating": "partly"})
    assert response.status_code == 302
    assert GoalAssessment.objects.get().get_rating_display() == "Teilweise erreicht"


def test_chart_is_accessible_svg_with_title_and_numbers():
    chart = bar_chart([("trifft voll zu", 3), ("keine Angabe", 0)], "Frage <1>", "c1")
    with translation.override("de"):
        svg = render_to_string("evaluation/_bar_chart.html", {"chart": chart}).strip()
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Frage &lt;1&gt;</title>' in svg
    assert '<desc id="c1-desc">trifft voll zu: 3; keine Angabe: 0</desc>' in svg
    assert "trifft voll zu" in svg
    assert ">3 (100 %)<" in svg
    assert 'y="25.84"' in svg  # SVG numbers with a point, also in German
    assert svg.count("<rect") == 1  # no bar for a count of 0
    assert "style=" not in svg
    assert "<script" not in svg


def test_charts_render_in_the_page_with_a_table(client):
    process, evaluation, lead = published_evaluation()
    html = client.get(reverse("evaluation:public", args=[process.pk])).content.decode()
    assert html.count('role="img"') == evaluation.questions.count()
    assert '<th scope="row">trifft voll zu</th><td>2</td>' in html
    assert '<th scope="row">trifft eher zu</th><td>1</td>' in html
    assert "3 Fragebögen wurden beantwortet (0 online, 3 auf Papier)." in html
    assert "style=" not in html


def test_charts_are_in_the_pdf_report(client):
    process, evaluation, lead = published_evaluation()
    response = client.get(reverse("evaluation:public_pdf", args=[process.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Früher informieren." in text
    assert "trifft voll zu" in text  # label and number drawn by the chart
    assert "2 (67 %)" in text
    assert "Erreicht" in text  # the goal table
    assert "Zielwert" in text


def test_printable_questionnaire_is_a_pdf(client):
    process, evaluation, lead = started()
    client.force_login(lead)
    response = client.get(reverse("evaluation:staff_print", args=[process.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "trifft gar nicht zu" in text
    assert "keine Angabe" in text


def test_unpublished_evaluation_is_not_public(client):
    process, evaluation, lead = started()
    assert client.get(reverse("evaluation:public", args=[process.pk])).status_code == 404
    assert client.get(reverse("evaluation:public_pdf", args=[process.pk])).status_code == 404
    client.force_login(lead)
    assert client.get(reverse("evaluation:public", args=[process.pk])).status_code == 200


def test_publishing_needs_lessons_learned(client):
    process, evaluation, lead = started()
    client.force_login(lead)
    response = client.post(reverse("evaluation:staff_detail", args=[process.pk]), {"action": "publish"})
    assert response.status_code == 400
    assert "Bitte halten Sie die Erkenntnisse fest" in response.content.decode()
    evaluation.refresh_from_db()
    assert not evaluation.is_published


def test_only_the_process_staff_may_evaluate():
    process = published_process()
    other = staff_user(org_unit=OrgUnitFactory())
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.start_evaluation(other, process)
    with pytest.raises(PermissionDenied):
        services.start_evaluation(UserFactory(), process)
    with pytest.raises(PermissionDenied):
        services.set_accompanied(process.lead_contact, process, True)
    evaluation = services.set_accompanied(staff_user(kind=Role.Kind.COORDINATION), process, True)
    assert evaluation.accompanied
    assert not evaluation.is_started


def test_standard_questions_cannot_be_removed_own_ones_can(client):
    process, evaluation, lead = started()
    client.force_login(lead)
    url = reverse("evaluation:staff_questions", args=[process.pk])
    assert client.post(url, {"text": "", "kind": "text"}).status_code == 200
    client.post(url, {"text": "Wie haben Sie von dem Verfahren erfahren?", "kind": "text"})
    own = evaluation.questions.get(criterion="")
    standard = evaluation.questions.exclude(criterion="").first()
    client.post(url, {"delete": standard.pk})
    assert evaluation.questions.filter(pk=standard.pk).exists()
    client.post(url, {"delete": own.pk})
    assert not evaluation.questions.filter(pk=own.pk).exists()


def test_overview_by_department_and_marking(client):
    coordination = staff_user(kind=Role.Kind.COORDINATION)
    process, evaluation, lead = published_evaluation(paper=1)
    running, _e, _l = started()
    untouched = published_process()
    client.force_login(coordination)
    url = reverse("evaluation:staff_overview")
    html = client.get(url).content.decode()
    assert process.plan.lead_unit.name in html
    assert untouched.plan.lead_unit.name in html
    for label in ("veröffentlicht", "in Arbeit", "keine"):
        assert f"<td>{label}</td>" in html
    response = client.post(url, {"process": untouched.pk, "accompanied": "1"})
    assert response.status_code == 302
    assert Evaluation.objects.get(process=untouched).accompanied


def test_overview_queries_do_not_grow(client, django_assert_max_num_queries):
    coordination = staff_user(kind=Role.Kind.COORDINATION)
    client.force_login(coordination)
    url = reverse("evaluation:staff_overview")

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    for _ in range(5):
        started()
    few = count()
    for _ in range(45):
        started(published_process(plan=PlanFactory()))
    with django_assert_max_num_queries(few):
        client.get(url)


def test_public_page_queries_do_not_grow(client, django_assert_max_num_queries):
    process, evaluation, lead = published_evaluation(paper=5)
    url = reverse("evaluation:public", args=[process.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    few = len(ctx)
    for index in range(4):
        GoalFactory(concept=process.concept, description=f"Ziel {index}")
        services.add_question(lead, evaluation, f"Eigene Frage {index}", "likert")
    services.unpublish(lead, evaluation)
    for _ in range(45):
        services.submit_paper(lead, evaluation, answers_for(evaluation, value=3))
    services.publish(lead, evaluation)
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200


def test_process_page_part_in_one_query(django_assert_max_num_queries):
    process, evaluation, lead = published_evaluation(paper=2)
    template = Template('{% load core_tags %}{% extension_sections "process_public" process only="evaluation" %}')
    # the question whether the section has anything (asked for all sections of the page at once), then its data
    with django_assert_max_num_queries(2):
        html = template.render(Context({"process": process}))
    assert "Ziele: 1 erreicht, 0 teilweise erreicht, 0 nicht erreicht" in html
    assert "2 Fragebögen beantwortet" in html
    assert reverse("evaluation:public_pdf", args=[process.pk]) in html
    assert (
        Template('{% load core_tags %}{% extension_sections "process_public" process only="evaluation" %}')
        .render(Context({"process": published_process()}))
        .strip()
        == ""
    )
