"""Staff pages for plans: list, create and edit form (with bad input), publishing, attachments, history."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core import audit
from stadtdialog.organisation.models import District, OrgUnit, Quarter
from stadtdialog.plans.models import Attachment, Plan
from tests.factories import OrgUnitFactory, PlanFactory, field_of_action, staff_user
from tests.pdf import one_page_pdf

pytestmark = pytest.mark.django_db

PDF = one_page_pdf()


@pytest.fixture
def staff(client):
    user = staff_user(full_name="Erika Mustermann")
    client.force_login(user)
    return user


def form_data(user, **changes):
    data = {
        "title": "Neuer Stadtplatz Limmer",
        "summary": "Der Platz an der Wunstorfer Straße wird neu gestaltet.",
        "description": "<p>Mehr <em>Bäume</em></p>",
        "easy_language_summary": "",
        "quarters": [Quarter.objects.get(name="Limmer").pk],
        "fields_of_action": [field_of_action(1).pk],
        "lead_unit": user.org_unit.pk,
        "status": Plan.Status.PREPARATION,
        "latitude": "52,3811",
        "longitude": "9,6935",
        "cost_estimate": "250000",
        "schedule_start": "2026-09-01",
        "schedule_end": "2027-06-30",
        "schedule_note": "",
        "council_papers": "1736/2018\n15-1178/2022 https://example.org/ds/1178",
        "participation_planned": "yes",
        "no_participation_reason": "",
    }
    data.update(changes)
    return data


def test_staff_create_a_plan_as_draft_with_every_field(client, staff):
    response = client.post(reverse("plans:staff_create"), form_data(staff))
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:staff_detail", args=[plan.pk])
    assert not plan.is_published
    assert plan.created_by == staff
    assert str(plan.latitude) == "52.381100"
    assert plan.cost_estimate == 250000
    assert list(plan.districts.values_list("number", flat=True)) == [10]
    assert sorted(plan.council_papers.values_list("number", flat=True)) == ["15-1178/2022", "1736/2018"]
    assert plan.council_papers.get(number="15-1178/2022").link == "https://example.org/ds/1178"
    page = client.get(reverse("plans:staff_detail", args=[plan.pk])).content.decode()
    assert "Entwurf – nicht öffentlich" in page


def test_edit_form_shows_saved_values_and_saves_changes(client, staff):
    client.post(reverse("plans:staff_create"), form_data(staff))
    plan = Plan.objects.get()
    page = client.get(reverse("plans:staff_edit", args=[plan.pk])).content.decode()
    assert 'value="Neuer Stadtplatz Limmer"' in page
    assert "15-1178/2022 https://example.org/ds/1178" in page
    assert 'value="52,381100"' in page
    response = client.post(reverse("plans:staff_edit", args=[plan.pk]), form_data(staff, title="Stadtplatz Limmer"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Stadtplatz Limmer"
    assert "Stadtplatz Limmer" in plan.search_text
    assert "Neuer Stadtplatz Limmer" not in plan.search_text


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"council_papers": "1736/2018\n17/36/2018"},
            "„17/36/2018“ ist keine Drucksachennummer. Verwenden Sie die Form 1736/2018 oder 15-1178/2022.",
        ),
        (
            {"schedule_end": "2026-01-01"},
            "Das voraussichtliche Ende kann nicht vor dem voraussichtlichen Beginn liegen.",
        ),
        ({"latitude": "48,137", "longitude": "11,575"}, "Der Punkt liegt außerhalb des Stadtgebiets."),
        ({"participation_planned": "no"}, "Bitte begründen Sie, warum keine Beteiligung geplant ist."),
        ({"quarters": [], "is_citywide": ""}, "Bitte wählen Sie mindestens einen Stadtbezirk oder Stadtteil"),
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_input_gets_a_german_error_and_keeps_what_was_typed(client, staff, changes, message):
    response = client.post(reverse("plans:staff_create"), form_data(staff, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Bitte prüfen Sie Ihre Eingaben" in page
    assert "Der Platz an der Wunstorfer Straße wird neu gestaltet." in page
    assert "1736/2018" in page
    assert 'value="250000"' in page
    assert Plan.objects.count() == 0


def test_department_staff_can_only_choose_their_own_units(client, staff):
    other = OrgUnitFactory(name="Fachbereich Fremd")
    page = client.get(reverse("plans:staff_create")).content.decode()
    assert "Fachbereich Fremd" not in page
    response = client.post(reverse("plans:staff_create"), form_data(staff, lead_unit=other.pk))
    assert response.status_code == 200
    assert Plan.objects.count() == 0


def selected_lead_unit(page: str):
    """The primary key of the preselected lead department in the plan form, or None."""
    select = re.search(r'<select name="lead_unit".*?</select>', page, re.S).group(0)
    match = re.search(r'<option value="(\d+)" selected>', select)
    return int(match.group(1)) if match else None


def test_a_new_plan_preselects_the_department_of_department_staff(client, staff):
    OrgUnitFactory(parent=staff.org_unit, kind=OrgUnit.Kind.SECTION)  # a second unit to choose from
    page = client.get(reverse("plans:staff_create")).content.decode()
    assert selected_lead_unit(page) == staff.org_unit.pk


def test_the_edit_form_keeps_the_lead_department_of_the_plan(client, staff):
    section = OrgUnitFactory(parent=staff.org_unit, kind=OrgUnit.Kind.SECTION)
    plan = PlanFactory(lead_unit=section)
    page = client.get(reverse("plans:staff_edit", args=[plan.pk])).content.decode()
    assert selected_lead_unit(page) == section.pk


def test_staff_without_a_unit_choose_the_lead_department_themselves(client):
    OrgUnitFactory()
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    page = client.get(reverse("plans:staff_create")).content.decode()
    assert selected_lead_unit(page) is None


def test_staff_list_shows_drafts_and_published_of_own_units_only(client, staff):
    own_draft = PlanFactory(lead_unit=staff.org_unit, published_at=None, title="Eigener Entwurf")
    own = PlanFactory(lead_unit=staff.org_unit, title="Eigenes Vorhaben")
    PlanFactory(title="Fremdes Vorhaben")
    page = client.get(reverse("plans:staff_list")).content.decode()
    assert own_draft.title in page
    assert own.title in page
    assert "Fremdes Vorhaben" not in page
    page = client.get(reverse("plans:staff_list"), {"stand": "entwurf"}).content.decode()
    assert own_draft.title in page
    assert own.title not in page


def test_coordination_office_sees_all_plans(client):
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    PlanFactory(title="Vorhaben A")
    PlanFactory(title="Vorhaben B", published_at=None)
    page = client.get(reverse("plans:staff_list")).content.decode()
    assert "Vorhaben A" in page
    assert "Vorhaben B" in page


def test_staff_list_queries_do_not_grow_with_plans(client, staff, django_assert_max_num_queries):
    for _ in range(5):
        PlanFactory(lead_unit=staff.org_unit)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("plans:staff_list"))
    for _ in range(45):
        PlanFactory(lead_unit=staff.org_unit)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("plans:staff_list"))


def test_publish_button_publishes_the_plan(client, staff):
    plan = PlanFactory(lead_unit=staff.org_unit, published_at=None, districts=list(District.objects.filter(number=1)))
    assert client.get(reverse("plans:staff_publish", args=[plan.pk])).status_code == 200
    response = client.post(reverse("plans:staff_publish", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_published
    client.post(reverse("plans:staff_unpublish", args=[plan.pk]))
    plan.refresh_from_db()
    assert not plan.is_published


def upload(client, plan, content, name, title="Lageplan", alt_text=""):
    return client.post(
        reverse("plans:staff_attachments", args=[plan.pk]),
        {"file": SimpleUploadedFile(name, content), "title": title, "alt_text": alt_text},
    )


def test_attachment_upload_and_removal(client, staff):
    plan = PlanFactory(lead_unit=staff.org_unit)
    assert upload(client, plan, PDF, "lageplan.pdf").status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == Attachment.Kind.PDF
    assert attachment.size == len(PDF)
    page = client.get(reverse("plans:staff_attachments", args=[plan.pk])).content.decode()
    assert "Lageplan" in page
    response = client.post(reverse("plans:staff_attachment_delete", args=[plan.pk, attachment.pk]))
    assert response.status_code == 302
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "content, name",
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "programm.pdf"),  # a program renamed to .pdf
        (b"Nur ein Text, kein PDF.", "notiz.pdf"),
        (b"Nur ein Text.", "notiz.txt"),
    ],
)
def test_wrong_file_type_is_refused_in_german_and_keeps_title(client, staff, content, name):
    plan = PlanFactory(lead_unit=staff.org_unit)
    response = upload(client, plan, content, name, title="Mein wichtiger Lageplan")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nur PDF-, PNG-, JPEG- oder WebP-Dateien sind erlaubt." in page
    assert 'value="Mein wichtiger Lageplan"' in page
    assert not Attachment.objects.exists()


def test_too_large_file_is_refused_with_its_size(client, staff, settings):
    settings.MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
    plan = PlanFactory(lead_unit=staff.org_unit)
    big = PDF + b"0" * int(12.3 * 1024 * 1024 - len(PDF))
    response = upload(client, plan, big, "gross.pdf", title="Großer Plan")
    page = response.content.decode()
    assert "Die Datei ist 12,3 MB groß; erlaubt sind höchstens 10 MB." in page
    assert 'value="Großer Plan"' in page
    assert not Attachment.objects.exists()


def test_history_shows_who_changed_what(client, staff):
    client.post(reverse("plans:staff_create"), form_data(staff))
    plan = Plan.objects.get()
    client.post(reverse("plans:staff_edit", args=[plan.pk]), form_data(staff, title="Stadtplatz Limmer"))
    assert [e.action for e in audit.history(plan)] == ["plan.update", "plan.create"]
    page = client.get(reverse("plans:staff_history", args=[plan.pk]), follow=True).content.decode()
    assert "Erika Mustermann" in page
    assert "Vorhaben geändert" in page
    assert "<del>Neuer Stadtplatz Limmer</del>" in page
    assert "<ins>Stadtplatz Limmer</ins>" in page
