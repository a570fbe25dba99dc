"""The history of every audited object (core:history): who may see it, German field and choice labels, short
plain values, pagination with a constant number of queries, and the {% history_link %} on the staff pages."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core import audit
from stadtdialog.plans.models import Plan
from tests.factories import OrgUnitFactory, PlanFactory, UserFactory, published_process, staff_user
from tests.outcomes.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_and_staff():
    staff = staff_user(full_name="Erika Mustermann")
    plan = PlanFactory(lead_unit=staff.org_unit, title="Stadtplatz Limmer")
    return plan, staff


def test_plan_staff_see_the_history_with_german_labels(client, plan_and_staff):
    plan, staff = plan_and_staff
    audit.record(
        staff,
        "plan.update",
        plan,
        {
            "title": ["Neuer Stadtplatz", "Stadtplatz Limmer"],
            "status": [Plan.Status.IDEA, Plan.Status.PARTICIPATION],
            "summary": ["<p>Alt &amp; kurz</p>", "<p>" + "Sehr lang. " * 60 + "</p>"],
            "is_citywide": [False, True],
            "attachments": [None, "Lageplan"],
        },
    )
    client.force_login(staff)
    response = client.get(audit.history_url(plan))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Verlauf: Vorhaben „Stadtplatz Limmer“" in page
    assert "Vorhaben geändert" in page and "plan.update" not in page
    assert "<dt>Titel</dt>" in page  # the model field's verbose_name
    assert "<del>Idee</del>" in page and "<ins>Beteiligung läuft</ins>" in page  # choices by their label
    assert "<del>Alt &amp; kurz</del>" in page  # HTML stripped, entities read
    assert "<p>Sehr" not in page and "Sehr lang. Sehr lang." in page and "…" in page  # shortened
    assert "<del>nein</del>" in page and "<ins>ja</ins>" in page
    assert "<dt>Anhänge</dt>" in page  # a registered label for what is not a model field
    assert "Erika Mustermann" in page
    assert reverse("plans:staff_detail", args=[plan.pk]) in page  # back to the staff page


def test_other_departments_are_refused_admins_and_the_coordination_office_see_it(client, plan_and_staff):
    plan, staff = plan_and_staff
    audit.record(staff, "plan.publish", plan, {"published_at": [None, "2025-03-01 09:30:00+00:00"]})
    url = audit.history_url(plan)
    client.force_login(staff_user(org_unit=OrgUnitFactory()))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    assert client.get(url).status_code == 200
    client.force_login(staff_user(kind=Role.Kind.ADMIN))
    page = client.get(url).content.decode()
    assert "Vorhaben veröffentlicht" in page
    assert "01.03.2025 10:30" in page  # a date in the changes, in local time and German


def test_the_old_addresses_redirect_to_the_generic_history(client, plan_and_staff):
    plan, staff = plan_and_staff
    client.force_login(staff)
    response = client.get(reverse("plans:staff_history", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"] == audit.history_url(plan)


def test_a_model_without_a_registration_is_for_admins_only(client):
    resident = UserFactory(display_name="Kastanie")
    audit.record(resident, "account.display_name", resident, {"display_name": ["Eiche", "Kastanie"]})
    url = reverse("core:history", args=["accounts.user", resident.pk])
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    assert client.get(url).status_code == 403
    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(staff_user(kind=Role.Kind.ADMIN))
    page = client.get(url).content.decode()
    assert "Anzeigename geändert" in page and "<dt>Anzeigename</dt>" in page


def test_a_deleted_object_keeps_its_history_for_the_admins(client):
    milestone = MilestoneFactory(title="Bauabschnitt Nord")
    admin = staff_user(kind=Role.Kind.ADMIN)
    audit.record(admin, "outcomes.delete_milestone", milestone, {"title": ["Bauabschnitt Nord", None]})
    url = audit.history_url(milestone)
    milestone.delete()
    client.force_login(admin)
    page = client.get(url).content.decode()
    assert "Meilenstein entfernt" in page and "Bauabschnitt Nord" in page
    assert "gibt es nicht mehr" in page
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("address", [("plans.gibtsnicht", "1"), ("plans.plan", "abc"), ("plans", "1")])
def test_unknown_models_and_ids_are_not_found(client, address):
    client.force_login(staff_user(kind=Role.Kind.ADMIN))
    assert client.get(reverse("core:history", args=address)).status_code == 404


def test_a_milestone_history_is_for_the_process_staff(client):
    staff = staff_user()
    process = published_process(plan=PlanFactory(lead_unit=staff.org_unit))
    milestone = MilestoneFactory(process=process)
    audit.record(staff, "outcomes.update_milestone", milestone, {"status": ["planned", "in_progress"]})
    client.force_login(staff)
    page = client.get(audit.history_url(milestone)).content.decode()
    assert "Meilenstein geändert" in page
    assert reverse("outcomes:staff_milestone", args=[process.pk, milestone.pk]) in page
    client.force_login(staff_user(org_unit=OrgUnitFactory()))
    assert client.get(audit.history_url(milestone)).status_code == 403


def test_the_history_is_paginated_with_constant_queries(client, plan_and_staff, django_assert_max_num_queries):
    plan, staff = plan_and_staff
    client.force_login(staff)
    for number in range(3):
        audit.record(staff, "plan.update", plan, {"title": [f"T{number}", f"T{number + 1}"]})
    url = audit.history_url(plan)
    client.get(url)  # warm the caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(130):
        audit.record(UserFactory(), "plan.update", plan, {"title": [f"T{number}", f"T{number + 1}"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Seite 1 von 3" in page
    assert "133 Einträge, neueste zuerst" in page
    assert "Seite 3 von 3" in client.get(url + "?seite=3").content.decode()


def _render_link(user, obj) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load core_tags %}{% history_link obj %}").render(Context({"request": request, "obj": obj}))


def test_the_history_link_shows_only_with_entries_and_for_who_may_see_them(
    plan_and_staff, django_assert_max_num_queries
):
    plan, staff = plan_and_staff
    assert _render_link(staff, plan).strip() == ""  # nothing recorded yet
    audit.record(staff, "plan.update", plan, {"title": ["a", "b"]})
    with django_assert_max_num_queries(2):  # the user's roles (then cached) and one EXISTS
        link = _render_link(staff, plan)
    assert audit.history_url(plan) in link and "Verlauf" in link
    assert _render_link(staff_user(org_unit=OrgUnitFactory()), plan).strip() == ""
    assert _render_link(staff, None).strip() == ""


def test_the_plan_staff_page_links_to_the_history(client, plan_and_staff):
    plan, staff = plan_and_staff
    audit.record(staff, "plan.update", plan, {"title": ["a", "b"]})
    client.force_login(staff)
    page = client.get(reverse("plans:staff_detail", args=[plan.pk])).content.decode()
    assert f'href="{audit.history_url(plan)}"' in page
