"""The demo's organisation data: contact data on every unit, 13 district councils, one dissolved unit."""

import pytest

from stadtdialog.demo import organisation, people
from stadtdialog.organisation import queries
from stadtdialog.organisation.models import DistrictCouncil, OrgUnit

pytestmark = pytest.mark.django_db


def test_the_demo_has_contacts_councils_and_a_dissolved_unit():
    units = people.make_units()
    logins = people.make_demo_logins(units)
    assert organisation.seed_organisation(units, logins["admin"]) == {"councils": 13}
    assert not OrgUnit.objects.filter(dissolved_at__isnull=True, website="").exists()
    assert DistrictCouncil.objects.get(district__number=1).name == "Stadtbezirksrat Mitte"
    assert DistrictCouncil.objects.exclude(chair="").count() == 13
    old = OrgUnit.objects.get(short_name="61.2")
    assert old.successor.short_name == "61.4"
    assert old not in queries.active_units()
    # loading again changes nothing
    assert organisation.seed_organisation(units, logins["admin"]) == {"councils": 0}
    assert OrgUnit.objects.filter(dissolved_at__isnull=False).count() == 1
