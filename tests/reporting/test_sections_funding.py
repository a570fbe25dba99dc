"""The report's section on funding: per round its budget, what was approved and what remains, and the funded
projects per district and field of action, from a world of known decisions; nothing personal on the page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from stadtdialog.office.services import funding as services
from stadtdialog.organisation.models import District
from stadtdialog.reporting import queries
from stadtdialog.reporting.scope import ReportScope
from stadtdialog.reporting.sections_funding import funding_figures
from tests.office.funding_factories import council_member, on_agenda, open_session, world

pytestmark = pytest.mark.django_db


def _decide_all(office, members, funding):
    """Three applications of Linden-Limmer: one approved lower (6 000 of 8 500 €), one declined, one deferred; and
    a draft that never counts."""
    applicant = council_member(full_name="Bezirksratsfrau Geheim", email="geheim@example.org")
    approved, session, first = on_agenda(office, applicant, funding, title="Sommerwerkstatt")
    declined, _session, second = on_agenda(office, applicant, funding, session=session, title="Plakate")
    open_session(office, session, members)
    for member in members:
        services.cast_vote(member.user, first, "yes")
    services.decide(office, first, outcome="approved", amount=Decimal("6000.00"))
    services.decide(office, second, outcome="declined", reason="Nicht offen für alle.")
    from tests.office.funding_factories import application

    application(applicant, funding, submit=False, title="Entwurf")


def figures(year, **filters):
    scope = ReportScope(year=year, units=queries.all_units(), **filters)
    return {table.key: table for table in funding_figures(scope)}


def test_funding_figures_per_round_district_and_field():
    office, _committee, members, funding = world()
    _decide_all(office, members, funding)
    year = funding.committee_date.year
    t = figures(year)
    # round, budget, approved, remaining, applications, funded, declined
    assert t["funding_rounds"].rows == [[funding.title, 60000.0, 6000.0, 54000.0, 2, 1, 1]]
    assert t["funding_by_district"].rows == [["Linden-Limmer", 2, 1, 6000.0]]
    assert [row[1:] for row in t["funding_by_field"].rows] == [[2, 1, 6000.0]]
    mitte = figures(year, district=District.objects.get(number=1))
    assert mitte["funding_rounds"].rows == [[funding.title, 60000.0, 0.0, None, 0, 0, 0]]
    assert figures(year - 1)["funding_rounds"].rows == []


def test_the_funding_section_is_on_the_report_without_applicants(client):
    office, _committee, members, funding = world()
    _decide_all(office, members, funding)
    page = client.get(reverse("reporting:report"), {"jahr": funding.committee_date.year})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="funding"' in html and "Sommerwerkstatt" not in html
    assert "Geheim" not in html and "geheim@example.org" not in html and "karl.linden@example.org" not in html
