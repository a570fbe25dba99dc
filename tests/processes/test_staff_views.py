"""Staff pages for processes: create, fill in the concept, publish only when complete, versions after that."""

import pytest
from django.urls import reverse

from stadtdialog.core import audit
from stadtdialog.processes.models import ConceptVersion, Phase, Process
from tests.factories import PlanFactory, published_process, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    plan = PlanFactory()
    user = staff_user(org_unit=plan.lead_unit, full_name="Erika Mustermann")
    deputy = staff_user(org_unit=plan.lead_unit, full_name="Max Beispiel", office_email="max@hannover-stadt.example")
    client.force_login(user)
    return plan, user, deputy


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def concept_post(user=None, deputy=None, **changes):
    data = {
        "title": "Beteiligung Stadtplatz",
        "subject": "Gestaltung des Stadtplatzes",
        "scope_open": "Bäume, Bänke, Spielgeräte",
        "scope_fixed": "Die Fläche und das Budget",
        "decision_maker": "Stadtbezirksrat Linden-Limmer",
        "decision_where": "Öffentliche Sitzung des Stadtbezirksrats",
        "decision_when": "Frühjahr 2027",
        "results_handling": "Alle Beiträge werden beantwortet.",
        "implementation": "Bau ab Sommer 2027",
        "staff_time": "etwa 40 Arbeitstage",
        "external_costs": "12.500,00",
        "external_moderation": "yes",
        "lead_contact": user.pk if user else "",
        "deputy": deputy.pk if deputy else "",
        "project_group": "FB 61, FB 67, Stadtbezirksmanagement",
        "advisory_group": "",
        **management("goals", 1),
        "goals-0-description": "Viele Nachbar*innen beteiligen",
        "goals-0-indicator": "Zahl der Beiträge",
        "goals-0-target_value": "mindestens 200",
        "goals-0-due_date": "2027-03-31",
        **management("phases", 1),
        "phases-0-title": "Werkstatt im Stadtteilzentrum",
        "phases-0-kind": Phase.Kind.ON_SITE,
        "phases-0-format": Phase.Format.WORKSHOP,
        "phases-0-channel": Phase.Channel.ON_SITE,
        "phases-0-start": "2027-01-15",
        "phases-0-end": "2027-01-15",
        "phases-0-description": "",
        "phases-0-target_groups": "Familien; über Kitas und Schulen",
        "phases-0-multipliers": "Stadtteilrunde Limmer",
    }
    data.update(changes)
    return data


def test_create_process_then_fill_in_concept(client, setup):
    plan, user, deputy = setup
    response = client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    assert response["Location"] == reverse("processes:staff_concept", args=[process.pk])
    assert process.concept.current_version == 0
    assert not process.is_published
    page = client.get(reverse("processes:staff_concept", args=[process.pk])).content.decode()
    assert "Erika Mustermann" in page  # contacts to choose from
    assert "Max Beispiel" in page
    response = client.post(reverse("processes:staff_concept", args=[process.pk]), concept_post(user, deputy))
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.concept.subject == "<p>Gestaltung des Stadtplatzes</p>"  # a rich text (test_rich_text.py)
    assert process.concept.external_costs == 12500
    assert process.concept.external_moderation is True
    assert process.concept.goals.get().target_value == "mindestens 200"
    assert process.phases.get().format == Phase.Format.WORKSHOP
    assert (process.lead_contact, process.deputy) == (user, deputy)
    assert not process.is_published
    assert not ConceptVersion.objects.exists()


def test_publish_with_missing_parts_lists_them_and_publishes_nothing(client, setup):
    plan, user, deputy = setup
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    data = concept_post(user, None, decision_maker="", project_group="", publish="1")
    response = client.post(reverse("processes:staff_concept", args=[process.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Diese Teile des Konzepts fehlen" in page
    assert 'href="#id_decision_maker">Entscheidungsträger*in</a>' in page
    assert 'href="#id_deputy">Vertretung</a>' in page
    assert 'href="#id_project_group">Projektgruppe</a>' in page
    assert "Beteiligungsgegenstand</a>" not in page
    assert "Gestaltung des Stadtplatzes" in page  # what was typed is still there
    process.refresh_from_db()
    assert not process.is_published
    assert not ConceptVersion.objects.exists()
    # The publish button on the process page says the same.
    page = client.post(reverse("processes:staff_publish", args=[process.pk])).content.decode()
    assert "Entscheidungsträger*in" in page
    process.refresh_from_db()
    assert not process.is_published


def test_complete_concept_is_published_as_version_one(client, setup):
    plan, user, deputy = setup
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    response = client.post(
        reverse("processes:staff_concept", args=[process.pk]), concept_post(user, deputy, publish="1")
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.is_published
    version = ConceptVersion.objects.get()
    assert version.number == 1
    assert version.org_unit == plan.lead_unit


@pytest.mark.parametrize(
    "changes, message, typed",
    [
        (
            {"goals-0-due_date": ""},
            "Bitte geben Sie an, bis wann das Ziel erreicht sein soll.",
            "Viele Nachbar*innen beteiligen",
        ),
        ({"phases-0-end": "2027-01-01"}, "Das Ende kann nicht vor dem Beginn liegen.", "Werkstatt im Stadtteilzentrum"),
        ({"external_costs": "-5"}, "Dieser Wert muss größer oder gleich 0 sein.", "Gestaltung des Stadtplatzes"),
    ],
)
def test_bad_concept_input_gets_german_error_and_keeps_input(client, setup, changes, message, typed):
    plan, user, deputy = setup
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    response = client.post(reverse("processes:staff_concept", args=[process.pk]), concept_post(user, deputy, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'id="form-errors"' in page
    assert typed in page
    assert "mindestens 200" in page
    assert "Stadtteilrunde Limmer" in page
    process.refresh_from_db()
    assert process.concept.subject == ""
    assert not process.concept.goals.exists()


def test_lead_contact_and_deputy_must_differ(client, setup):
    plan, user, _deputy = setup
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    page = client.post(reverse("processes:staff_concept", args=[process.pk]), concept_post(user, user)).content.decode()
    assert "Die Vertretung muss eine andere Person sein als die federführende Ansprechperson." in page


def test_contacts_outside_the_plans_unit_cannot_be_chosen(client, setup):
    plan, user, _deputy = setup
    stranger = staff_user(full_name="Fremde Person")
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    response = client.post(reverse("processes:staff_concept", args=[process.pk]), concept_post(user, stranger))
    assert response.status_code == 200
    assert "Fremde Person" not in response.content.decode()
    process.refresh_from_db()
    assert process.deputy is None


def published_setup(plan, user, deputy, client):
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Beteiligung Stadtplatz"})
    process = Process.objects.get()
    client.post(reverse("processes:staff_concept", args=[process.pk]), concept_post(user, deputy, publish="1"))
    process.refresh_from_db()
    assert process.is_published
    return process


def test_after_publication_a_change_needs_a_note_and_makes_a_new_version(client, setup):
    plan, user, deputy = setup
    process = published_setup(plan, user, deputy, client)
    url = reverse("processes:staff_concept", args=[process.pk])
    data = concept_post(
        user,
        deputy,
        **management("goals", 2, 1),
        **management("phases", 2, 1),
        **{"phases-0-start": "2027-02-05", "phases-0-end": "2027-02-05"},
    )
    page = client.post(url, data).content.decode()
    assert "Bitte beschreiben Sie kurz, was sich geändert hat und warum." in page
    assert 'value="2027-02-05"' in page
    assert ConceptVersion.objects.count() == 1
    response = client.post(url, {**data, "change_note": "Termin der Werkstatt verschoben"})
    assert response.status_code == 302
    versions = list(ConceptVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].change_note == "Termin der Werkstatt verschoben"
    assert versions[1].snapshot["phases"][0]["start"] == "2027-02-05"


def test_public_version_history_shows_dates_units_notes_and_diffs(client, setup, django_assert_max_num_queries):
    plan, user, deputy = setup
    process = published_setup(plan, user, deputy, client)
    url = reverse("processes:staff_concept", args=[process.pk])
    client.post(
        url,
        concept_post(
            user,
            deputy,
            **management("goals", 2, 1),
            **management("phases", 2, 1),
            decision_when="Sommer 2027",
            change_note="Entscheidung verschoben",
        ),
    )
    client.logout()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("processes:history", args=[process.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Version 2" in page
    assert "Version 1" in page
    assert "Entscheidung verschoben" in page
    assert str(plan.lead_unit) in page
    assert "<del>" in page
    assert "<ins>" in page
    assert "Frühjahr" in page
    assert "Sommer" in page
    assert "gelöscht:" in page
    assert "eingefügt:" in page
    assert "Wann entschieden wird" in page
    assert "erika.mustermann@" not in page


def test_history_of_a_draft_process_is_not_public(client, setup):
    plan, _user, _deputy = setup
    client.post(reverse("processes:staff_create", args=[plan.pk]), {"title": "Entwurf"})
    process = Process.objects.get()
    client.logout()
    assert client.get(reverse("processes:history", args=[process.pk])).status_code == 404


def test_history_query_count_does_not_grow_with_versions(client, django_assert_max_num_queries):
    process = published_process()
    concept = process.concept
    for number in range(2, 6):
        ConceptVersion.objects.create(concept=concept, number=number, snapshot={"subject": f"Fassung {number}"})
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("processes:history", args=[process.pk]))
    for number in range(6, 40):
        ConceptVersion.objects.create(concept=concept, number=number, snapshot={"subject": f"Fassung {number}"})
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("processes:history", args=[process.pk]))


def test_staff_history_of_a_process_shows_the_audit_entries(client, setup):
    plan, user, deputy = setup
    process = published_setup(plan, user, deputy, client)
    actions = [e.action for e in audit.history(process)]
    assert actions == ["process.publish", "concept.update", "process.create"]
    page = client.get(reverse("processes:staff_history", args=[process.pk]), follow=True).content.decode()
    assert "Verfahren veröffentlicht" in page
    assert "Konzept geändert" in page
    assert "Erika Mustermann" in page
    assert "Gestaltung des Stadtplatzes" in page
