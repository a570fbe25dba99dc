"""Versions of a published concept and the readable diff between them."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from stadtdialog.processes import services, versioning
from stadtdialog.processes.models import ConceptVersion, Phase
from tests.factories import PlanFactory, staff_user

pytestmark = pytest.mark.django_db

GOAL = {
    "description": "Kinder beteiligen",
    "indicator": "Zahl der Beiträge",
    "target_value": "50",
    "due_date": datetime.date(2027, 3, 31),
}
PHASE = {
    "title": "Werkstatt im Freizeitheim",
    "kind": Phase.Kind.ON_SITE,
    "format": Phase.Format.WORKSHOP,
    "channel": Phase.Channel.ON_SITE,
    "start": datetime.date(2027, 1, 10),
    "end": datetime.date(2027, 1, 10),
    "description": "",
    "target_groups": "Familien; über Kitas",
    "multipliers": "Stadtteilrunde",
}
TEXTS = {
    "subject": "Gestaltung des Spielplatzes",
    "scope_open": "Geräte und Sitzplätze",
    "scope_fixed": "Budget und Fläche",
    "decision_maker": "Stadtbezirksrat Linden-Limmer",
    "decision_where": "Sitzung des Stadtbezirksrats",
    "decision_when": "März 2027",
    "results_handling": "Alle Beiträge werden beantwortet.",
    "implementation": "Bau im Sommer 2027",
    "staff_time": "20 Arbeitstage",
    "external_costs": 0,
    "external_moderation": False,
    "project_group": "FB 67, FB 61",
}


@pytest.fixture
def setup():
    plan = PlanFactory()
    author = staff_user(org_unit=plan.lead_unit, full_name="Erika Mustermann")
    deputy = staff_user(org_unit=plan.lead_unit, full_name="Max Beispiel")
    process = services.create_process(author, plan, title="Beteiligung Spielplatz")
    return plan, author, deputy, process


def complete(author, deputy, process):
    services.update_concept(author, process, **TEXTS)
    services.set_goals(author, process, goals=[GOAL])
    services.set_phases(author, process, phases=[PHASE])
    services.set_contacts(author, process, lead_contact=author, deputy=deputy)


def test_publishing_makes_version_one_with_a_snapshot_of_every_public_part(setup):
    plan, author, deputy, process = setup
    complete(author, deputy, process)
    services.publish_process(author, process)
    version = process.concept.versions.get()
    assert version.number == 1
    assert process.concept.current_version == 1
    assert version.org_unit == plan.lead_unit
    snap = version.snapshot
    assert snap["subject"] == "<p>Gestaltung des Spielplatzes</p>"  # the long texts are stored as HTML
    assert snap["goals"][0]["due_date"] == "2027-03-31"
    assert snap["phases"][0]["format"] == "workshop"
    assert snap["lead_contact"]["name"] == "Erika Mustermann"
    assert snap["external_costs"] == "0.00"
    assert snap["external_moderation"] is False
    assert "email" not in str(snap)


def test_after_publication_each_change_needs_a_note_and_makes_one_new_version(setup):
    _plan, author, deputy, process = setup
    complete(author, deputy, process)
    services.publish_process(author, process)
    with pytest.raises(Exception) as error:
        services.update_concept(author, process, decision_when="April 2027")
    assert "change_note" in error.value.message_dict
    process.concept.refresh_from_db()
    assert process.concept.decision_when == "März 2027"
    services.save_concept(
        author,
        process,
        goals=[GOAL],
        phases=[{**PHASE, "start": datetime.date(2027, 2, 1), "end": datetime.date(2027, 2, 1)}],
        lead_contact=author,
        deputy=deputy,
        change_note="Termin der Werkstatt verschoben",
        **{**TEXTS, "decision_when": "April 2027"},
    )
    versions = list(ConceptVersion.objects.filter(concept=process.concept).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].change_note == "Termin der Werkstatt verschoben"
    # Saving without a change makes no version and needs no note.
    services.update_concept(author, process, decision_when="April 2027")
    assert process.concept.versions.count() == 2


def test_diff_marks_words_and_list_items_readably():
    old = {
        "subject": "Gestaltung des Spielplatzes",
        "goals": [{**GOAL, "due_date": "2027-03-31"}],
        "phases": [],
        "external_moderation": False,
    }
    new = {
        "subject": "Gestaltung des großen Spielplatzes",
        "goals": [],
        "phases": [{**PHASE, "start": "2027-01-10", "end": "2027-01-10"}],
        "external_moderation": True,
    }
    changes = {c["key"]: c for c in versioning.diff_versions(old, new)}
    assert list(changes) == ["subject", "goals", "phases", "external_moderation"]
    assert changes["subject"]["label"] == "Beteiligungsgegenstand"
    html = {key: render_to_string("processes/_diff.html", {"change": change}) for key, change in changes.items()}
    subject = html["subject"]
    assert '<ins><span class="visually-hidden">eingefügt: </span>großen </ins>' in subject
    assert "<del>" not in subject
    assert "Ziel entfernt" in html["goals"]
    assert '<ul class="diff-list"><li><strong>Ziel entfernt</strong><br><del>' in html["goals"]
    assert "31.03.2027" in html["goals"]
    assert "Phase 1 hinzugefügt" in html["phases"]
    assert "10.01.2027" in html["phases"]
    assert '<del><span class="visually-hidden">gelöscht: </span>' in html["external_moderation"]


def test_diff_escapes_html_and_keeps_line_breaks():
    # a plain-text section (the long texts are HTML, compared by their words: test_rich_text.py)
    changes = versioning.diff_versions(
        {"decision_maker": "a"}, {"decision_maker": "<script>alert(1)</script>\nzweite Zeile"}
    )
    html = render_to_string("processes/_diff.html", {"change": changes[0]})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<br>zweite Zeile" in html


def test_the_history_page_shows_the_diff(client, setup):
    _plan, author, deputy, process = setup
    complete(author, deputy, process)
    services.publish_process(author, process)
    process.concept.subject = "Ganz neuer Gegenstand"
    process.concept.save()
    versioning.record_version(process.concept, author, "Korrektur")
    html = client.get(reverse("processes:history", args=[process.pk])).content.decode()
    assert '<div class="diff-field">' in html
    assert '<ins><span class="visually-hidden">eingefügt: </span>' in html


def test_version_numbers_continue_and_unit_comes_from_author(setup):
    _plan, author, deputy, process = setup
    other_unit_author = staff_user()
    complete(author, deputy, process)
    services.publish_process(author, process)
    version = versioning.record_version(process.concept, other_unit_author, "Korrektur")
    assert version.number == 2
    assert version.org_unit == other_unit_author.org_unit
