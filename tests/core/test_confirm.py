"""The staff confirm page (core.confirm.confirm_and_run), seen through the plan's publish page."""

import pytest
from django.urls import reverse

from stadtdialog.plans.models import Plan
from tests.factories import PlanFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = staff_user(full_name="Erika Mustermann")
    client.force_login(user)
    return user


def test_get_shows_the_question_the_button_the_cancel_link_and_the_breadcrumbs(client, staff):
    plan = PlanFactory(lead_unit=staff.org_unit, published_at=None, title="Radweg Limmerstraße")
    response = client.get(reverse("plans:staff_publish", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Vorhaben veröffentlichen: Radweg Limmerstraße" in page
    assert '<h1 class="kern-heading-large">Vorhaben veröffentlichen: Radweg Limmerstraße</h1>' in page
    assert '<span class="kern-label">Jetzt veröffentlichen</span>' in page
    assert f'<a class="kern-link" href="{reverse("plans:staff_detail", args=[plan.pk])}">Abbrechen</a>' in page
    assert f'href="{reverse("plans:staff_list")}"' in page  # breadcrumbs
    assert 'role="alert"' not in page


def test_a_refused_publication_shows_the_reasons_and_publishes_nothing(client, staff):
    plan = PlanFactory(lead_unit=staff.org_unit, published_at=None, is_citywide=False)
    plan.districts.clear()
    plan.quarters.clear()
    response = client.post(reverse("plans:staff_publish", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Das Vorhaben kann noch nicht veröffentlicht werden" in page
    assert "Bitte wählen Sie mindestens einen Stadtbezirk oder Stadtteil" in page
    assert f'href="{reverse("plans:staff_edit", args=[plan.pk])}">Vorhaben bearbeiten</a>' in page
    assert Plan.objects.get(pk=plan.pk).published_at is None


def test_a_done_action_redirects_with_its_message(client, staff):
    plan = PlanFactory(lead_unit=staff.org_unit)
    response = client.post(reverse("plans:staff_unpublish", args=[plan.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:staff_detail", args=[plan.pk])
    assert "Das Vorhaben ist wieder ein Entwurf" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).published_at is None
