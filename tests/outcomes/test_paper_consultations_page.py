"""The consultations (Beratungsfolge) of a council paper on the public decision page and in the partial
that lists them for any paper: body, meeting, role and German date, at a constant number of queries."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from stadtdialog.plans.models import CouncilPaper
from tests.factories import CouncilPaperFactory

from .factories import ConsultationFactory, DecisionFactory

pytestmark = pytest.mark.django_db


def decision_with_consultations(count):
    paper = CouncilPaperFactory(title="Spielplatzkonzept Linden-Limmer")
    for n in range(count - 1):
        ConsultationFactory(
            paper=paper,
            position=n + 1,
            organization=f"Ausschuss {n}",
            date=datetime.date(2027, 2, 3),
            role="Vorberatung",
        )
    ConsultationFactory(
        paper=paper,
        position=count,
        organization="Stadtbezirksrat Linden-Limmer",
        meeting="Sitzung des Stadtbezirksrates",
        date=datetime.date(2027, 3, 15),
        role="Entscheidung",
        authoritative=True,
    )
    return DecisionFactory(council_paper=paper)


def test_decision_page_shows_the_consultations_of_its_council_paper_in_order(client):
    decision = decision_with_consultations(3)

    page = client.get(reverse("outcomes:decision", args=[decision.process.pk])).content.decode()

    assert "Beratungsfolge" in page
    items = re.findall(r"<li>(.*?)</li>", page.split("Beratungsfolge", 1)[1].split("</ol>", 1)[0], re.S)
    assert [re.sub(r"<[^>]+>", "", item) for item in items] == [
        "3. Februar 2027: Ausschuss 0, Sitzung des Stadtbezirksrates Linden-Limmer (Vorberatung)",
        "3. Februar 2027: Ausschuss 1, Sitzung des Stadtbezirksrates Linden-Limmer (Vorberatung)",
        "15. März 2027: Stadtbezirksrat Linden-Limmer, Sitzung des Stadtbezirksrates (Entscheidung) – entscheidet",
    ]
    assert '<time datetime="2027-03-15">15. März 2027</time>' in page


def test_decision_page_without_consultations_shows_no_empty_list(client):
    decision = DecisionFactory(council_paper=CouncilPaperFactory())
    page = client.get(reverse("outcomes:decision", args=[decision.process.pk])).content.decode()
    assert decision.council_paper.number in page
    assert "Beratungsfolge" not in page
    assert "paper-consultations" not in page


def test_decision_page_needs_the_same_queries_for_few_and_many_consultations(client, django_assert_max_num_queries):
    few, many = decision_with_consultations(1), decision_with_consultations(30)
    with django_assert_max_num_queries(12) as few_queries:
        assert client.get(reverse("outcomes:decision", args=[few.process.pk])).status_code == 200
    with django_assert_max_num_queries(len(few_queries)) as many_queries:
        assert client.get(reverse("outcomes:decision", args=[many.process.pk])).status_code == 200
    assert len(many_queries) == len(few_queries)


def test_partial_for_a_list_of_papers_uses_the_prefetched_consultations(django_assert_num_queries):
    """How the plan page can use it: one query for the papers, one for all their consultations."""
    for _ in range(5):
        decision_with_consultations(4)
    template = Template('{% for paper in papers %}{% include "outcomes/_paper_consultations.html" %}{% endfor %}')
    with django_assert_num_queries(2):
        papers = list(CouncilPaper.objects.prefetch_related("consultations"))
        html = template.render(Context({"papers": papers}))
    assert html.count("Beratungsfolge") == 5
    assert html.count("<li>") == 20
