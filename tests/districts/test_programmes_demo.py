"""The demo of the action programmes: Linden-Limmer's programme with a closed and an open round, residents' points,
a need from a concern and one from the conference, three agreed priorities and the directors' decision; shown on the
programme page and the district page; a second run adds nothing."""

import pytest
from django.db.models import Sum
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.demo import seed_programmes
from stadtdialog.districts import queries_programmes as queries
from stadtdialog.districts.models.programmes import ActionProgramme, Allocation, Need, Priority
from stadtdialog.organisation.models import District
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_the_demo_programme_of_linden_limmer(client):
    linden = District.objects.get(number=10)
    staff_user(Role.Kind.DISTRICT_MANAGER, district=linden, full_name="Sabine Kowalski")
    assert seed_programmes.seed() == Need.objects.count() >= 8
    programme = ActionProgramme.objects.get(district=linden)
    assert programme.is_published and programme.outcome == "approved"
    assert Priority.objects.filter(programme=programme).count() == 3
    first, second = programme.rounds.order_by("opens_at")
    assert first.has_closed and second.is_open()
    for need in Need.objects.all():
        assert need.points_total == (Allocation.objects.filter(need=need).aggregate(s=Sum("points"))["s"] or 0)
    top = queries.ranking(first)[0]
    assert top.title == "Sichere Querung Fössestraße"
    html = client.get(reverse("districts:programme", args=[linden.slug])).content.decode()
    assert "Sichere Wege und Plätze zum Verweilen in Linden-Nord" in html and "Mehr Sitzbänke" in html
    assert (
        "Aktionsprogramm Linden-Limmer" in client.get(reverse("districts:detail", args=[linden.slug])).content.decode()
    )
    assert seed_programmes.seed() == 0
