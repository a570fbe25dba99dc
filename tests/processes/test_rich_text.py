"""The concept's long texts as rich text (issue 16): sanitised when saved, shown as HTML on the public pages,
given as sanitised HTML by the API, compared by their words in the version history; plain text keeps its breaks."""

import importlib

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse

from stadtdialog.processes import services, versioning
from stadtdialog.processes.models import Concept, ConceptVersion
from tests.factories import published_process
from tests.processes.test_staff_views import concept_post

pytestmark = pytest.mark.django_db

UNSAFE = (
    '<h3>Worum es geht</h3><p onclick="alert(1)">Ein <strong>neuer</strong> Platz mit <em>Bäumen</em></p>'
    "<script>alert('x')</script><ul><li>Bänke</li><li>Spielgeräte</li></ul>"
    '<p><a href="javascript:alert(1)">Trick</a> und <a href="https://www.hannover.de/">Stadt</a></p>'
    '<img src="x" onerror="alert(2)"><p style="color:red">Rot</p>'
)


@pytest.fixture
def process(client):
    process = published_process(title="Stadtplatz Limmer")
    client.force_login(process.lead_contact)
    return process


def save(client, process, **texts):
    page = client.get(reverse("processes:staff_concept", args=[process.pk])).context["form"]
    data = concept_post(process.lead_contact, process.deputy, change_note="Texte überarbeitet", **texts)
    data["version"] = page["version"].value()
    response = client.post(reverse("processes:staff_concept", args=[process.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    process.concept.refresh_from_db()
    return process.concept


def test_the_form_offers_the_editor_for_the_long_texts_only(client, process):
    html = client.get(reverse("processes:staff_concept", args=[process.pk])).content.decode()
    assert "js/richtext.js" in html
    for name in Concept.RICH_TEXT_FIELDS:
        assert f'name="{name}"' in html
        assert f'<textarea name="{name}"' in html and html.split(f'<textarea name="{name}"')[1].split(">")[0].count(
            "data-richtext"
        ), name
    for name in ("decision_maker", "decision_where", "decision_when", "staff_time"):
        assert f'<input type="text" name="{name}"' in html


def test_unsafe_html_is_removed_and_formatting_kept(client, process):
    concept = save(client, process, subject=UNSAFE, scope_open="<p>Die <strong>Bänke</strong></p>")
    for gone in ("<script", "alert", "onclick", "onerror", "<img", "javascript:", "style="):
        assert gone not in concept.subject, gone
    for kept in ("<h3>Worum es geht</h3>", "<strong>neuer</strong>", "<em>Bäumen</em>", "<li>Bänke</li>"):
        assert kept in concept.subject, kept
    assert '<a href="https://www.hannover.de/" rel="noopener noreferrer nofollow">Stadt</a>' in concept.subject
    assert concept.scope_open == "<p>Die <strong>Bänke</strong></p>"

    client.logout()
    for url in (reverse("processes:concept", args=[process.pk]), reverse("processes:detail", args=[process.pk])):
        html = client.get(url).content.decode()
        assert '<div class="kern-body prose"><h3>Worum es geht</h3><p>Ein <strong>neuer</strong> Platz' in html
        assert "alert(" not in html and "&lt;strong&gt;" not in html
    html = client.get(reverse("processes:concept", args=[process.pk])).content.decode()
    assert "<p>Die <strong>Bänke</strong></p>" in html


def test_plain_text_without_the_editor_keeps_its_breaks_and_signs(client, process):
    concept = save(client, process, results_handling="Erste Zeile\r\nZweite Zeile\r\n\r\nNeuer Absatz: 3 < 5 & mehr")
    assert concept.results_handling == "<p>Erste Zeile<br>Zweite Zeile</p>\n\n<p>Neuer Absatz: 3 &lt; 5 &amp; mehr</p>"
    html = client.get(reverse("processes:concept", args=[process.pk])).content.decode()
    assert "<p>Erste Zeile<br>Zweite Zeile</p>" in html and "3 &lt; 5 &amp; mehr" in html


def test_an_editor_left_empty_is_empty_and_one_liners_stay_plain(client, process):
    concept = save(client, process, advisory_group="<p><br></p>", decision_maker="Rat & <b>Bezirksrat</b>")
    assert concept.advisory_group == ""
    assert concept.decision_maker == "Rat & <b>Bezirksrat</b>"  # a plain text, escaped where it is shown
    html = client.get(reverse("processes:concept", args=[process.pk])).content.decode()
    assert "Rat &amp; &lt;b&gt;Bezirksrat&lt;/b&gt;" in html


def test_the_migration_turns_stored_plain_text_into_paragraphs(process):
    concept = process.concept
    Concept.objects.filter(pk=concept.pk).update(
        subject="Zeile eins\nZeile zwei\n\nAbsatz & Co",
        scope_open="<p>Schon <strong>HTML</strong></p><script>x()</script>",
        scope_fixed="",
        decision_maker="Stadtbezirksrat",
    )
    migration = importlib.import_module("stadtdialog.processes.migrations.0003_concept_long_texts_as_html")
    migration.to_html(apps, None)
    concept.refresh_from_db()
    assert concept.subject == "<p>Zeile eins<br>Zeile zwei</p>\n\n<p>Absatz &amp; Co</p>"
    assert concept.scope_open == "<p>Schon <strong>HTML</strong></p>"
    assert concept.scope_fixed == "" and concept.decision_maker == "Stadtbezirksrat"


def test_the_api_gives_the_sanitised_html_as_for_a_plan_description(client, process):
    save(client, process, subject=UNSAFE)
    client.logout()
    response = client.get("/api/v1/processes", HTTP_ACCEPT="application/json")
    concept = next(p for p in response.json()["items"] if p["id"] == process.pk)["concept"]
    assert concept["subject"] == Concept.objects.get(pk=process.concept.pk).subject
    assert "<strong>neuer</strong>" in concept["subject"] and "<script" not in concept["subject"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ConceptOut"]["properties"]
    assert schema["subject"]["description"].startswith("Sanitised HTML")
    assert "description" not in schema["decision_maker"]


def test_the_diff_compares_words_not_tags():
    old = {"subject": "Gestaltung des Platzes\nmit Bänken"}  # a snapshot from before the texts were HTML
    same = {"subject": "<p>Gestaltung des <strong>Platzes</strong><br>mit Bänken</p>"}
    assert versioning.diff_versions(old, same) == []  # only HTML and formatting: no change of the text
    new = {"subject": "<p>Gestaltung des großen Platzes</p><ul><li>mit Bänken</li><li>mit Bäumen</li></ul>"}
    (change,) = versioning.diff_versions(same, new)
    html = render_to_string("processes/_diff.html", {"change": change})
    assert 'Gestaltung des<ins><span class="visually-hidden">eingefügt: </span> großen</ins> Platzes' in html
    assert '<ins><span class="visually-hidden">eingefügt: </span><br>mit Bäumen</ins>' in html
    assert "&lt;" not in html and "<strong>" not in html and "<li>" not in html


def test_the_history_page_shows_a_readable_diff(client, process):
    save(client, process, implementation="<p>Bau ab <strong>Sommer</strong> 2027</p>")
    save(client, process, implementation="<p>Bau ab <strong>Herbst</strong> 2027</p>")
    assert ConceptVersion.objects.filter(concept=process.concept).count() == 3
    html = client.get(reverse("processes:history", args=[process.pk])).content.decode()
    assert '<del><span class="visually-hidden">gelöscht: </span>Sommer</del>' in html
    assert '<ins><span class="visually-hidden">eingefügt: </span>Herbst</ins>' in html
    assert "&lt;strong&gt;" not in html


def test_the_service_sanitises_whoever_calls_it(process):
    services.update_concept(process.lead_contact, process, change_note="Neu", scope_fixed=UNSAFE)
    process.concept.refresh_from_db()
    assert "<script" not in process.concept.scope_fixed and "<strong>neuer</strong>" in process.concept.scope_fixed
