"""The demo shows concerns in several districts and in every state, through the services."""

import io

import pytest
from django.core.management import call_command

from stadtdialog.districts import queries_concerns as queries
from stadtdialog.districts.models.concerns import Concern, ConcernCategory, ConcernStatus

pytestmark = pytest.mark.django_db


def test_demo_has_categories_and_concerns_in_every_state(client):
    call_command("seed_demo", "--seed", "7", stdout=io.StringIO())
    assert ConcernCategory.objects.count() >= 6
    assert Concern.objects.count() == 12
    assert Concern.objects.values("district").distinct().count() >= 4
    assert set(Concern.objects.values_list("status", flat=True)) == set(ConcernStatus)
    assert queries.published().exists()
    assert client.get("/anliegen/veroeffentlicht/").status_code == 200
    assert client.get("/open311/v2/requests.json").json()
