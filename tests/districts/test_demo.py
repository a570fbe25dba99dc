"""The district management in the demo (helper "dista"): all 13 districts with profile, manager, networks,
directory entries, monitoring notes and indicator values; the pages say that the values are examples."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.districts.models import ContactPoint, DistrictProfile, IndicatorValue, MonitoringNote, Network
from stadtdialog.organisation.models import District

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_district(client):
    call_command("seed_demo", "--seed", "1", stdout=io.StringIO())
    assert District.objects.count() == 13
    assert DistrictProfile.objects.count() == 13
    for district in District.objects.all():
        assert Role.objects.filter(kind=Role.Kind.DISTRICT_MANAGER, district=district).exists(), district
        assert Network.objects.filter(district=district).count() >= 2, district
        assert ContactPoint.objects.filter(district=district).exists(), district
        assert MonitoringNote.objects.filter(district=district, is_public=True).exists(), district
        assert IndicatorValue.objects.filter(district=district).count() >= 20, district
    assert ContactPoint.objects.filter(district__isnull=True).count() >= 3
    assert not ContactPoint.objects.exclude(description_easy="").filter(description_easy="").exists()
    assert IndicatorValue.objects.filter(district__isnull=True, quarter__isnull=True).exists()
    html = client.get(reverse("districts:detail", args=["linden-limmer"])).content.decode()
    assert "Beispielwerte der Demo (keine amtlichen Zahlen)" in html
    assert "Sabine Kowalski" in html and "Runder Tisch Linden-Süd" in html
    assert client.get(reverse("districts:list")).status_code == 200
