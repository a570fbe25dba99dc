"""One function decides a plan's status, badge and fact "Participation" from its processes (issue 16, item 8): the
plan page and the list never say "Participation running" and "Participation is planned." at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtdialog.plans.models import Plan
from stadtdialog.plans.status import participation_state
from tests.factories import PlanFactory, published_process

pytestmark = pytest.mark.django_db


def _facts(client, plan):
    html = client.get(plan.get_absolute_url()).content.decode()
    return html[html.index('id="facts-title"') : html.index("</dl>")]


def _item(client, plan):
    html = client.get(reverse("plans:list")).content.decode()
    start = html.index(plan.title)
    return html[start : start + 1500]


def test_plan_one_with_a_running_process_says_running_everywhere_and_not_planned(client):
    """Plan 1 of the demo: stored status "Participation running", participation planned, a phase running today."""
    plan = PlanFactory(
        title="Umgestaltung Küchengartenplatz", status=Plan.Status.PARTICIPATION, participation_planned=True
    )
    published_process(plan=plan)
    facts = _facts(client, plan)
    assert "Beteiligung läuft" in facts and "Eine Beteiligung läuft jetzt." in facts
    assert "Eine Beteiligung ist geplant" not in facts and "Beteiligung ist geplant." not in facts
    item = _item(client, plan)
    assert "Beteiligung läuft" in item and "Beteiligung geplant" not in item


def test_a_stored_running_status_without_a_running_phase_reads_planned(client):
    plan = PlanFactory(title="Radweg Podbielskistraße", status=Plan.Status.PARTICIPATION, participation_planned=True)
    process = published_process(plan=plan)
    process.phases.update(
        start=timezone.localdate() + datetime.timedelta(days=10), end=timezone.localdate() + datetime.timedelta(days=40)
    )
    facts = _facts(client, plan)
    assert "Beteiligung läuft" not in facts and "Beteiligung geplant" in facts
    assert "Beteiligung ist geplant." in facts
    item = _item(client, plan)
    assert "Beteiligung läuft" not in item and "Beteiligung geplant" in item


@pytest.mark.parametrize(
    ("status", "planned", "running", "key"),
    [
        (Plan.Status.PARTICIPATION, True, True, "running"),
        (Plan.Status.PREPARATION, False, True, "running"),  # the processes win over the stored values
        (Plan.Status.PARTICIPATION, True, False, "planned"),
        (Plan.Status.PREPARATION, True, False, "planned"),
        (Plan.Status.DECIDED, False, False, "none"),
    ],
)
def test_status_badge_and_fact_come_from_one_answer(status, planned, running, key):
    state = participation_state(status, planned, running)
    assert state.key == key
    if key == "running":
        assert state.status_label == str(Plan.Status.PARTICIPATION.label) and "läuft" in state.fact
    else:
        assert state.status_label != str(Plan.Status.PARTICIPATION.label)
    assert (state.badge_class == "") == (key == "none")


def _process_header(client, process):
    html = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    start = html.index("<h1")
    return html[start : html.index("</p>", start) + 4]  # the heading and the line "Vorhaben: … · status"


def test_the_process_page_shows_the_plans_status_from_the_same_answer(client):
    """The process page said the plan's stored status ("Beteiligung läuft") while its phases had not begun."""
    plan = PlanFactory(title="Radweg Podbielskistraße", status=Plan.Status.PARTICIPATION, participation_planned=True)
    process = published_process(plan=plan)
    assert "Beteiligung läuft" in _process_header(client, process)
    for phase in process.phases.all():  # saved as the staff form saves: the cached page frame follows
        phase.start = timezone.localdate() + datetime.timedelta(days=10)
        phase.end = timezone.localdate() + datetime.timedelta(days=40)
        phase.save()
    header = _process_header(client, process)
    assert "Beteiligung geplant" in header and "Beteiligung läuft" not in header


def test_a_running_phase_makes_the_process_page_say_running_whatever_was_stored(client):
    plan = PlanFactory(title="Stadtplatz Linden", status=Plan.Status.PREPARATION, participation_planned=False)
    process = published_process(plan=plan)
    assert "Beteiligung läuft" in _process_header(client, process)
