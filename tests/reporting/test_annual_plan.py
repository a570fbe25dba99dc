"""The annual plan (Jahresplanung): departments enter what they plan, the coordination office prepares it per
quarter for the committees (page and PDF), and at the end of the year planned versus done with reasons."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.reporting.models import AnnualPlanEntry
from tests.factories import OrgUnitFactory, PlanFactory, published_process, staff_user
from tests.formdata import version_of

pytestmark = pytest.mark.django_db
LIST = reverse("reporting:staff_annual_plan")
CREATE = reverse("reporting:staff_plan_entry_create")


@pytest.fixture
def units():
    directorate = OrgUnitFactory(kind=OrgUnit.Kind.DIRECTORATE, short_name="Dez. VI", name="Baudezernat")
    green = OrgUnitFactory(parent=directorate, short_name="FB 67", name="Umwelt und Stadtgrün")
    roads = OrgUnitFactory(parent=directorate, short_name="FB 66", name="Tiefbau")
    return {"directorate": directorate, "green": green, "roads": roads}


def entry_data(unit, **changes):
    data = {
        "year": 2027,
        "org_unit": unit.pk,
        "plan": "",
        "topic": "Neue Grünfläche am Küchengarten",
        "process_kind": "codesign",
        "formats": ["workshop", "walk"],
        "quarter": 2,
        "budget": "12500,50",
        "lead_contact": "Erika Mustermann, 0511 168-12345",
        "committee": "Ausschuss für Umweltschutz und Grünflächen",
    }
    data.update(changes)
    return data


def add(unit, **changes) -> AnnualPlanEntry:
    values = entry_data(unit, **changes)
    values.pop("plan")
    values["org_unit"] = unit
    values["budget"] = Decimal(values["budget"].replace(",", "."))
    return AnnualPlanEntry.objects.create(**values)


def test_department_staff_plan_for_their_unit(client, units):
    staff = staff_user(org_unit=units["green"])
    client.force_login(staff)
    response = client.post(CREATE, entry_data(units["green"]))
    assert response.status_code == 302
    entry = AnnualPlanEntry.objects.get()
    assert (entry.year, entry.quarter, entry.budget, entry.formats) == (
        2027,
        2,
        Decimal("12500.50"),
        ["workshop", "walk"],
    )
    assert AuditEntry.objects.filter(action="reporting.plan_entry_add", object_id=str(entry.pk)).exists()
    page = client.get(LIST, {"jahr": 2027}).content.decode()
    assert "Neue Grünfläche am Küchengarten" in page and "12.500,50" in page and "Dez. VI Baudezernat" in page

    refused = client.post(CREATE, entry_data(units["roads"], topic="Fremde Sache"))
    assert refused.status_code == 200 and "org_unit" in refused.context["form"].errors
    assert AnnualPlanEntry.objects.count() == 1


def test_bad_input_stays_in_the_form_with_german_errors(client, units):
    client.force_login(staff_user(org_unit=units["green"]))
    response = client.post(CREATE, entry_data(units["green"], topic="", quarter=7, budget="-5"))
    form = response.context["form"]
    assert response.status_code == 200
    assert {"topic", "quarter", "budget"} <= set(form.errors)
    assert "Vorhaben" in str(form.errors["topic"])
    assert not AnnualPlanEntry.objects.exists()


def test_an_entry_for_a_plan_and_edits_by_others_are_refused(client, units):
    plan = PlanFactory(lead_unit=units["green"], title="Grünzug Linden")
    client.force_login(staff_user(org_unit=units["green"]))
    assert client.post(CREATE, entry_data(units["green"], plan=plan.pk, topic="")).status_code == 302
    entry = AnnualPlanEntry.objects.get()
    assert entry.title == "Grünzug Linden"
    client.force_login(staff_user(org_unit=units["roads"]))
    assert client.get(reverse("reporting:staff_plan_entry", args=[entry.pk])).status_code == 403


def test_a_stale_edit_is_refused(client, units):
    entry = add(units["green"])
    client.force_login(staff_user(org_unit=units["green"]))
    url = reverse("reporting:staff_plan_entry", args=[entry.pk])
    loaded = version_of(client.get(url))  # the form's token (core.versioning)
    first = client.post(url, entry_data(units["green"], quarter=3, version=loaded))
    assert first.status_code == 302
    stale = client.post(url, entry_data(units["green"], quarter=4, version=loaded))
    assert stale.status_code == 200
    assert "Jemand anderes hat hier inzwischen gespeichert" in str(stale.context["form"].non_field_errors())
    assert stale.context["form"]["quarter"].value() == "4"  # what was typed stays
    entry.refresh_from_db()
    assert entry.quarter == 3


def test_the_outcome_needs_a_reason_when_it_did_not_happen(client, units):
    entry = add(units["green"])
    process = published_process(plan=PlanFactory(lead_unit=units["green"]))
    client.force_login(staff_user(org_unit=units["green"]))
    url = reverse("reporting:staff_plan_entry", args=[entry.pk])
    missing = client.post(url, {"outcome": "dropped", "outcome_reason": ""})
    assert "outcome_reason" in missing.context["outcome_form"].errors
    done = client.post(url, {"outcome": "done", "outcome_reason": "", "process": process.pk})
    assert done.status_code == 302
    entry.refresh_from_db()
    assert (entry.outcome, entry.process) == ("done", process)


def test_the_quarter_preparation_per_committee_and_directorate_as_page_and_pdf(client, units):
    add(units["green"], topic="Grünfläche", quarter=2)
    add(units["roads"], topic="Radweg Limmerstraße", quarter=3, committee="Stadtentwicklungs- und Bauausschuss")
    add(units["roads"], topic="Schon vorbei", quarter=1)
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    page = client.get(reverse("reporting:staff_annual_plan_quarter", args=[2027, 2])).content.decode()
    assert "Ausschuss für Umweltschutz und Grünflächen" in page and "Stadtentwicklungs- und Bauausschuss" in page
    assert "Radweg Limmerstraße" in page and "Schon vorbei" not in page
    response = client.get(reverse("reporting:staff_annual_plan_quarter_pdf", args=[2027, 2]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    for expected in [
        "Jahresplanung 2027, Quartal 2",
        "Ausschuss für Umweltschutz und Grünflächen",
        "Dez. VI Baudezernat",
        "Grünfläche",
        "Radweg Limmerstraße",
        "12.500,50",
    ]:
        assert expected in text, expected
    assert "Schon vorbei" not in text
    assert client.get(reverse("reporting:staff_annual_plan_quarter", args=[2027, 5])).status_code == 404


def test_planned_versus_done_with_reasons(client, units):
    add(units["green"], topic="Fertiges Thema").__class__.objects.filter(topic="Fertiges Thema").update(outcome="done")
    add(units["roads"], topic="Verschoben").__class__.objects.filter(topic="Verschoben").update(
        outcome="postponed", outcome_reason="Die Förderung kam erst im Herbst."
    )
    add(units["roads"], topic="Offen")
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    response = client.get(reverse("reporting:staff_annual_plan_review", args=[2027]))
    assert response.context["rows"] == [["Dez. VI Baudezernat", 3, 1, 1, 1, 0]]
    html = response.content.decode()
    assert "Die Förderung kam erst im Herbst." in html and "Fertiges Thema" not in html


def test_the_list_has_constant_queries(client, units, django_assert_max_num_queries):
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    add(units["green"])
    client.get(LIST, {"jahr": 2027})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"jahr": 2027})
    for n in range(10):
        add(units["roads"], topic=f"Thema {n}", quarter=1 + n % 4)
    with django_assert_max_num_queries(len(few)):
        client.get(LIST, {"jahr": 2027})
