"""Services that write plans: validation, permissions, search text, audit entries."""

import datetime
import decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stadtdialog.accounts.models import Role
from stadtdialog.core import audit
from stadtdialog.plans import services
from stadtdialog.plans.forms import AttachmentForm, PlanForm
from stadtdialog.plans.models import Attachment, CouncilPaper, Plan
from stadtdialog.plans.uploads import checked_upload
from tests.factories import OrgUnitFactory, PlanFactory, field_of_action, quarter, staff_user
from tests.images import png_with_text
from tests.pdf import one_page_pdf

pytestmark = pytest.mark.django_db

PDF = one_page_pdf()
PNG = png_with_text().read()


def plan_data(unit, **changes):
    data = {
        "title": "Neugestaltung Küchengarten",
        "summary": "Der Platz am Küchengarten wird neu gestaltet.",
        "description": '<p>Mehr <strong>Grün</strong>.</p><script>alert(1)</script><p onclick="x()">Bänke</p>',
        "easy_language_summary": "Der Platz wird schöner.",
        "lead_unit": unit,
        "status": Plan.Status.PREPARATION,
        "quarters": [quarter("Linden-Mitte")],
        "fields_of_action": [field_of_action(1)],
        "council_papers": ["1736/2018"],
        "schedule_start": datetime.date(2026, 5, 1),
        "schedule_end": datetime.date(2027, 5, 1),
    }
    data.update(changes)
    return data


def test_create_plan_sanitises_keeps_search_text_and_records_audit():
    user = staff_user()
    plan = services.create_plan(user, **plan_data(user.org_unit))
    assert not plan.is_published
    assert "<script>" not in plan.description
    assert "onclick" not in plan.description
    assert "<strong>Grün</strong>" in plan.description
    assert "Küchengarten" in plan.search_text
    assert "Grün" in plan.search_text
    assert "schöner" in plan.search_text
    assert list(plan.districts.values_list("number", flat=True)) == [10]  # the quarter brings its district
    assert plan.council_papers.get().number == "1736/2018"
    entry = audit.history(plan).get()
    assert entry.actor == user
    assert entry.action == "plan.create"
    assert entry.changes["title"] == [None, "Neugestaltung Küchengarten"]


def test_update_records_before_and_after_and_keeps_search_text_current():
    user = staff_user()
    plan = services.create_plan(user, **plan_data(user.org_unit))
    services.update_plan(user, plan, title="Küchengarten: neuer Platz", description="<p>Bäume</p>")
    plan.refresh_from_db()
    assert "Bäume" in plan.search_text
    assert "neuer Platz" in plan.search_text
    entry = audit.history(plan).first()
    assert entry.action == "plan.update"
    assert entry.changes["title"] == ["Neugestaltung Küchengarten", "Küchengarten: neuer Platz"]


def test_publish_makes_the_draft_public():
    user = staff_user()
    plan = services.create_plan(user, **plan_data(user.org_unit))
    assert plan not in Plan.objects.published()
    services.publish_plan(user, plan)
    assert plan in Plan.objects.published()
    assert audit.history(plan).first().action == "plan.publish"


def form_data(unit, **changes):
    """What the staff form posts for a valid plan."""
    data = {
        "title": "Neugestaltung Küchengarten",
        "summary": "Der Platz am Küchengarten wird neu gestaltet.",
        "lead_unit": str(unit.pk),
        "status": Plan.Status.PREPARATION,
        "quarters": [str(quarter("Linden-Mitte").pk)],
        "council_papers": "1736/2018",
        "schedule_start": "2026-05-01",
        "schedule_end": "2027-05-01",
        "participation_planned": "yes",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"council_papers": "17/36/2018"}, "council_papers"),
        ({"schedule_end": "2026-01-01"}, "schedule_end"),
        ({"latitude": "48,1", "longitude": "11,5"}, "latitude"),
        ({"latitude": "52,37"}, "latitude"),
        ({"participation_planned": "no", "no_participation_reason": ""}, "no_participation_reason"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_plan_fields_are_rejected_by_the_form_with_the_field_named(changes, field):
    user = staff_user()
    form = PlanForm(form_data(user.org_unit, **changes), user=user)
    assert not form.is_valid()
    assert field in form.errors


def test_the_form_gives_the_service_typed_values():
    user = staff_user()
    form = PlanForm(form_data(user.org_unit, latitude="52,37", longitude="9,73", cost_estimate="12.500,50"), user=user)
    assert form.is_valid(), form.errors
    plan = services.create_plan(user, **form.service_data())
    plan.refresh_from_db()
    assert plan.latitude == decimal.Decimal("52.37")
    assert plan.cost_estimate == decimal.Decimal("12500.50")
    assert plan.schedule_end == datetime.date(2027, 5, 1)
    assert plan.council_papers.get().number == "1736/2018"


def test_a_plan_without_district_or_quarter_is_rejected_by_the_service():
    user = staff_user()
    with pytest.raises(ValidationError) as error:
        services.create_plan(user, **plan_data(user.org_unit, quarters=[], districts=[], is_citywide=False))
    assert "districts" in error.value.message_dict
    assert Plan.objects.count() == 0


def test_council_paper_error_names_the_number_in_german():
    user = staff_user()
    form = PlanForm(form_data(user.org_unit, council_papers="1736/2018\n17/36/2018"), user=user)
    assert not form.is_valid()
    assert form.errors["council_papers"] == [
        "„17/36/2018“ ist keine Drucksachennummer. Verwenden Sie die Form 1736/2018 oder 15-1178/2022."
    ]


def test_department_staff_cannot_create_for_or_edit_another_unit():
    user = staff_user()
    other = OrgUnitFactory()
    with pytest.raises(ValidationError) as error:
        services.create_plan(user, **plan_data(other))
    assert "lead_unit" in error.value.message_dict
    foreign = PlanFactory(lead_unit=other)
    with pytest.raises(PermissionDenied):
        services.update_plan(user, foreign, title="Gekapert")
    with pytest.raises(PermissionDenied):
        services.publish_plan(staff_user(kind=Role.Kind.MODERATOR), foreign)


def test_department_staff_work_on_units_below_their_own():
    parent = OrgUnitFactory()
    child = OrgUnitFactory(parent=parent)
    user = staff_user(org_unit=parent)
    plan = services.create_plan(user, **plan_data(child))
    assert plan.lead_unit == child


def test_add_council_paper_reuses_an_existing_number():
    user = staff_user()
    plan = PlanFactory(lead_unit=user.org_unit)
    CouncilPaper.objects.create(number="15-1178/2022")
    paper = services.add_council_paper(user, plan, "15-1178/2022", title="Beschluss", url="https://example.org/ds")
    assert CouncilPaper.objects.get() == paper
    assert CouncilPaper.objects.get().title == "Beschluss"
    assert list(plan.council_papers.all()) == [paper]
    with pytest.raises(ValidationError):
        services.add_council_paper(user, plan, "1178-2022")


def attachment_form(name, content, title, alt_text=""):
    return AttachmentForm({"title": title, "alt_text": alt_text}, {"file": SimpleUploadedFile(name, content)})


def test_attachments_are_checked_by_content_and_size_in_the_form(settings):
    form = attachment_form("virus.pdf", b"MZ\x90\x00" + b"\x00" * 60, "Virus")
    assert not form.is_valid()
    assert form.errors["file"] == ["Nur PDF-, PNG-, JPEG- oder WebP-Dateien sind erlaubt."]
    form = attachment_form("bild.png", PNG, "Bild")
    assert not form.is_valid()
    assert "alt_text" in form.errors
    assert attachment_form("bild.png", PNG, "Bild", alt_text="Skizze des Platzes").is_valid()
    settings.MAX_ATTACHMENT_BYTES = 1000
    form = attachment_form("gross.pdf", PDF + b"0" * 2000, "Groß")
    assert not form.is_valid()
    assert "höchstens" in form.errors["file"][0]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>",  # HTML behind the magic
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",  # a PDF skeleton without pages
        b"%PDF-1.4 x",
    ],
)
def test_a_pdf_is_accepted_only_when_pypdf_opens_it_and_finds_a_page(content):
    form = attachment_form("plan.pdf", content, "Plan")
    assert not form.is_valid()
    assert form.errors["file"] == [
        "Die Datei ist kein lesbares PDF-Dokument. Bitte speichern Sie sie erneut als PDF und laden Sie sie hoch."
    ]
    with pytest.raises(ValidationError):  # the same check for the services of other apps
        checked_upload(SimpleUploadedFile("plan.pdf", content))
    assert attachment_form("plan.pdf", one_page_pdf(), "Plan").is_valid()


def test_attachments_are_stored_under_a_safe_name_and_removed():
    user = staff_user()
    plan = PlanFactory(lead_unit=user.org_unit)
    form = attachment_form("Lageplan Entwurf.PDF", PDF, "Lageplan")
    assert form.is_valid(), form.errors
    pdf = services.add_attachment(user, plan, **form.cleaned_data)
    assert pdf.kind == Attachment.Kind.PDF
    assert pdf.file.name.endswith("lageplan-entwurf.pdf")
    image = services.add_attachment(
        user, plan, file=SimpleUploadedFile("bild.png", PNG), title="Bild", alt_text="Skizze des Platzes"
    )
    assert image.kind == Attachment.Kind.IMAGE
    services.remove_attachment(user, pdf)
    assert list(plan.attachments.all()) == [image]
    assert [e.action for e in audit.history(plan)][:2] == ["plan.attachment_remove", "plan.attachment_add"]
