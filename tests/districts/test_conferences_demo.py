"""The demo shows district conferences of Linden-Limmer and Bothfeld-Vahrenheide with agreements, items in every
state, an escalation decided by the directors' conference, one waiting for the mayor, and district projects."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from stadtdialog.districts import queries_conferences as queries
from stadtdialog.districts.models.conferences import ActionItem, DistrictConference, Escalation
from stadtdialog.organisation.models import District

pytestmark = pytest.mark.django_db


def test_demo_has_conferences_agreements_escalations_and_projects(client):
    call_command("seed_demo", "--seed", "7", stdout=io.StringIO())
    linden, vahrenheide = District.objects.get(number=10), District.objects.get(number=3)
    assert DistrictConference.objects.filter(district=linden).count() == 4
    assert DistrictConference.objects.filter(district=linden, agreement__isnull=False).count() == 1
    assert DistrictConference.objects.filter(district=vahrenheide).exists()
    assert {"confirmed", "done", "in_progress", "planned"} <= set(ActionItem.objects.values_list("status", flat=True))
    decided = Escalation.objects.get(body="directors")
    assert decided.decided_on is not None and decided.item.due_on > decided.decided_on
    assert Escalation.objects.filter(body="mayor", decided_on=None).exists()
    overview = {row.number: row for row in queries.overview()["rows"]}
    assert overview[10].has_conference and overview[10].has_project
    assert overview[3].has_project and not overview[1].has_project
    page = client.get(reverse("districts:detail", args=[linden.slug])).content.decode()
    assert "Spielplatz Fössestraße sicher und familienfreundlich umgestalten" in page
    assert "Spielplatzoffensive Linden-Süd" in page
    assert "Haushaltsmittel" not in page  # an internal note
