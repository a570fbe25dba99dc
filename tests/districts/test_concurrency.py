"""Two managers save the district page or import the same values at the same moment (PostgreSQL: row locks; SQLite
writes one at a time and has no SELECT … FOR UPDATE, so these run on PostgreSQL only, as in CI's PostgreSQL suite).

The first save of a district's profile locks the district row, so two first saves make one profile, not an
IntegrityError; two imports of the same file leave each value once."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.districts.models import DistrictProfile, IndicatorValue

from .factories import GOOD_CSV, linden, manager_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def together(*requests):
    """Send (user, url, data) POSTs at the same moment from one thread each; their status codes."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(index, user, url, data):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            results[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_first_saves_of_the_district_page_make_one_profile():
    district = linden()
    manager = manager_of(district)
    deputy = manager_of(district, kind=Role.Kind.DISTRICT_DEPUTY, full_name="Deniz Arslan", office_email="d@x.example")
    url = reverse("districts:staff_profile", args=[district.slug])
    results = together(
        (manager, url, {"office_hours": "dienstags 10–12 Uhr"}),
        (deputy, url, {"office_hours": "donnerstags 15–18 Uhr"}),
    )
    assert results == [302, 302]
    assert DistrictProfile.objects.filter(district=district).count() == 1
    assert DistrictProfile.objects.get(district=district).office_hours in {
        "dienstags 10–12 Uhr",
        "donnerstags 15–18 Uhr",
    }


def test_two_imports_of_the_same_values_store_each_value_once():
    district = linden()
    own = "\n".join(line for line in GOOD_CSV.splitlines() if line.startswith(("bezirk", "10"))).encode()
    url = reverse("districts:staff_district_import", args=[district.slug])
    manager = manager_of(district)
    deputy = manager_of(district, kind=Role.Kind.DISTRICT_DEPUTY, full_name="Deniz Arslan", office_email="d@x.example")
    results = together(
        (manager, url, {"file": SimpleUploadedFile("a.csv", own)}),
        (deputy, url, {"file": SimpleUploadedFile("b.csv", own)}),
    )
    assert sorted(results) in ([200, 302], [302, 302])
    assert IndicatorValue.objects.count() == 4
