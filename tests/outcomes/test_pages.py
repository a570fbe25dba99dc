"""Public pages (results, decision, implementation; only what is published) and staff forms that keep
the input and show German errors. Query counts do not grow with the data."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from stadtdialog.outcomes.models import Decision, Milestone, Verdict
from tests.factories import UserFactory, published_process, staff_user

from .factories import (
    DecisionFactory,
    MilestoneFactory,
    RecommendationFactory,
    ResultFactory,
    UpdateFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def story(recommendations=2, milestones=2):
    process = published_process()
    result = ResultFactory(process=process)
    decision = DecisionFactory(process=process)
    for n in range(recommendations):
        rec = RecommendationFactory(result=result)
        outcome = Verdict.Outcome.FOLLOWED if n else Verdict.Outcome.NOT_FOLLOWED
        VerdictFactory(
            decision=decision,
            recommendation=rec,
            outcome=outcome,
            reason="" if n else "Der Boden ist dafür nicht geeignet.",
        )
    parent = MilestoneFactory(process=process, title="Umgestaltung", progress=0)
    for n in range(milestones):
        MilestoneFactory(process=process, parent=parent, title=f"Abschnitt {n}", progress=60)
    UpdateFactory(process=process)
    return process


def test_public_pages_show_what_is_published_with_german_dates(client):
    process = story()
    page = client.get(reverse("outcomes:results", args=[process.pk])).content.decode()
    assert "Ergebnisse der Beteiligung" in page
    assert "Schatten und Sitzplätze" in page
    page = client.get(reverse("outcomes:decision", args=[process.pk])).content.decode()
    assert "Nicht gefolgt" in page
    assert "Der Boden ist dafür nicht geeignet." in page
    assert "15. März 2027" in page
    page = client.get(reverse("outcomes:implementation", args=[process.pk])).content.decode()
    assert "60 %" in page
    assert '<progress id="progress-' in page
    assert "Fortschritt von „Umgestaltung“" in page
    assert "1. April 2027" in page
    assert "Die ersten Bäume sind gepflanzt." in page


def test_unpublished_results_and_decisions_are_not_public(client):
    process = published_process()
    ResultFactory(process=process, published_at=None)
    DecisionFactory(process=process, published_at=None)
    assert client.get(reverse("outcomes:results", args=[process.pk])).status_code == 404
    assert client.get(reverse("outcomes:decision", args=[process.pk])).status_code == 404
    draft = published_process(published_at=None)
    ResultFactory(process=draft)
    assert client.get(reverse("outcomes:results", args=[draft.pk])).status_code == 404
    assert client.get(reverse("outcomes:implementation", args=[draft.pk])).status_code == 404


def test_the_public_never_sees_who_wrote_the_linked_contributions(client):
    from tests.dialog.dialog_factories import ContributionFactory

    process = published_process()
    result = ResultFactory(process=process)
    contribution = ContributionFactory(
        process=process, author=UserFactory(display_name="Geheime Person", full_name="Hanna Privat")
    )
    result.contributions.add(contribution)
    page = client.get(reverse("outcomes:results", args=[process.pk])).content.decode()
    assert contribution.title in page
    assert "Hanna Privat" not in page
    assert "Geheime Person" not in page
    assert contribution.author.email not in page


@pytest.mark.parametrize("name", ["outcomes:results", "outcomes:decision", "outcomes:implementation"])
def test_public_pages_need_constant_queries(client, django_assert_max_num_queries, name):
    small, large = story(5, 5), story(50, 50)
    with django_assert_max_num_queries(12) as small_queries:
        assert client.get(reverse(name, args=[small.pk])).status_code == 200
    with django_assert_max_num_queries(len(small_queries)) as large_queries:
        assert client.get(reverse(name, args=[large.pk])).status_code == 200
    assert len(large_queries) == len(small_queries)


def test_process_page_partial_tells_the_story_in_order_with_constant_queries(django_assert_max_num_queries):
    small, large = story(5, 5), story(50, 50)
    template = Template('{% load core_tags %}{% extension_sections "process_public" process only="outcomes" %}')
    # the question whether the section has anything (one query for all sections of the page), then the story
    with django_assert_max_num_queries(7):
        html = template.render(Context({"process": small}))
    with django_assert_max_num_queries(7):
        template.render(Context({"process": large}))
    assert html.index("story-results") < html.index("story-decision") < html.index("story-implementation")
    assert "Weicht von 1 Empfehlung ab" in html
    assert "15. März 2027" in html
    assert "Gesamtfortschritt: 60 %" in html


# --- staff forms --------------------------------------------------------------------------------------


def test_decision_form_refuses_a_deviation_without_reason_and_keeps_the_input(client):
    process = published_process()
    result = ResultFactory(process=process)
    first, second = RecommendationFactory(result=result), RecommendationFactory(result=result)
    client.force_login(process.lead_contact)
    url = reverse("outcomes:staff_decision", args=[process.pk])
    assert "Stadtbezirksrat Linden-Limmer" in client.get(url).content.decode()  # from the concept
    data = {
        "decision_maker": "Stadtbezirksrat Linden-Limmer",
        "date": "2027-03-15",
        "body": "Bezirksrat",
        "council_paper_number": "17/36/2018",
        "text": "Beschlossen wie vorgeschlagen.",
        f"outcome_{first.pk}": "followed",
        f"outcome_{second.pk}": "partly",
        f"reason_{second.pk}": "",
        "publish": "1",
    }
    page = client.post(url, data).content.decode()
    assert "Empfehlung 2: Die Entscheidung weicht davon ab, deshalb ist eine Begründung erforderlich." in page
    assert "„17/36/2018“ ist keine Drucksachennummer." in page
    assert 'value="Bezirksrat"' in page
    assert "Beschlossen wie vorgeschlagen." in page
    assert not Decision.objects.exists()
    data.update({"council_paper_number": "15-1178/2022", f"reason_{second.pk}": "Nur ein Teil ist finanziert."})
    response = client.post(url, data)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.is_published
    assert decision.council_paper.number == "15-1178/2022"


def test_milestone_form_shows_german_errors_and_keeps_the_input(client):
    process = published_process()
    client.force_login(process.lead_contact)
    url = reverse("outcomes:staff_implementation", args=[process.pk])
    page = client.post(
        url,
        {
            "title": "Pflanzung",
            "planned_start": "2027-06-01",
            "planned_end": "2027-05-01",
            "status": "planned",
            "progress": "140",
        },
    ).content.decode()
    assert "Das geplante Ende darf nicht vor dem geplanten Beginn liegen." in page
    assert "Der Fortschritt muss eine ganze Zahl zwischen 0 und 100 Prozent sein." in page
    assert 'value="Pflanzung"' in page
    assert 'value="140"' in page
    assert not Milestone.objects.exists()
    response = client.post(
        url,
        {
            "title": "Pflanzung",
            "planned_start": "2027-04-01",
            "planned_end": "2027-05-01",
            "status": "planned",
            "progress": "40",
        },
    )
    assert response.status_code == 302
    assert Milestone.objects.get().progress == 40


def test_results_form_saves_and_publishes(client):
    process = published_process()
    client.force_login(process.lead_contact)
    url = reverse("outcomes:staff_results", args=[process.pk])
    assert client.get(url).status_code == 200
    data = {
        "summary": "<p>Viele Ideen</p>",
        "recs-TOTAL_FORMS": "3",
        "recs-INITIAL_FORMS": "0",
        "recs-0-text": "Bäume pflanzen",
        "recs-1-text": "",
        "recs-2-text": "Bänke aufstellen",
        "publish": "1",
    }
    assert client.post(url, data).status_code == 302
    assert process.result.is_published
    assert [r.text for r in process.result.recommendations.all()] == ["Bäume pflanzen", "Bänke aufstellen"]


def test_other_staff_cannot_open_the_staff_forms(client):
    process = published_process()
    client.force_login(staff_user())
    assert client.get(reverse("outcomes:staff_results", args=[process.pk])).status_code == 403
