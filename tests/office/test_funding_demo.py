"""The funding demo (issue 15): the round of 60 000 € with its committee of five (two external), an application
of the Stadtbezirksrat Linden-Limmer approved with a lower amount, one of the Fachbereich Umwelt und Stadtgrün sent
back for more information, one declined; the approved project is on the public page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from stadtdialog.demo import pages, people, seed_funding
from stadtdialog.office.models import CommitteeMember, FundingApplication, FundingRound

pytestmark = pytest.mark.django_db


def test_the_funding_demo(client):
    people.make_demo_logins(people.make_units())
    pages.seed_pages()
    people.make_staff_administration(people.make_units())
    assert seed_funding.seed() == {"rounds": 2, "applications": 3}
    first = FundingRound.objects.get(slug="stadtteilfonds-2027-1")
    assert first.budget == Decimal("60000.00") and first.committed == Decimal("7500.00")
    members = CommitteeMember.objects.filter(committee=first.committee)
    assert members.count() == 5 and members.filter(is_external=True).count() == 2
    states = dict(FundingApplication.objects.values_list("title", "state"))
    assert states == {
        "Lindener Platzgespräche am Küchengarten": "approved",
        "Stadtteilfest Limmer": "declined",
        "Klimaanpassung in Grünzügen – Bürgerwerkstatt": "more_info",
    }
    approved = FundingApplication.objects.get(state="approved")
    assert approved.approved_amount < approved.requested_amount and approved.instalments.count() == 2
    page = client.get(reverse("office:funding_round", args=[first.slug])).content.decode()
    assert "Lindener Platzgespräche am Küchengarten" in page and "7.500,00 €" in page
    assert "Hans-Peter Winkler" not in page
    assert seed_funding.seed() == {"rounds": 0, "applications": 0}  # a second seed adds nothing
