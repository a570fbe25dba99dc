"""A funding round with its committee, applicants and applications for the funding tests (issue 15)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.office.models import CommitteeSession, FundingApplication, FundingRound
from stadtdialog.office.services import funding as services
from stadtdialog.organisation.models import District, DistrictCouncil
from tests.factories import UserFactory, staff_user


def council_member(district_number: int = 10, **kwargs):
    district = District.objects.get(number=district_number)
    user = UserFactory(full_name=kwargs.pop("full_name", "Bezirksratsherr Karl Linden"), **kwargs)
    Role.objects.create(user=user, kind=Role.Kind.COUNCIL_MEMBER, district=district)
    return user


def council_of(user) -> DistrictCouncil:
    district_id = next(r.district_id for r in user.roles if r.kind == Role.Kind.COUNCIL_MEMBER)
    return DistrictCouncil.objects.get(district_id=district_id)


def committee_with_members(office, count: int = 5, quorum: int = 3):
    committee = services.create_committee(office, name="Vergabegremium Stadtteilfonds", quorum=quorum)
    members = []
    for index in range(count):
        user = UserFactory(full_name=f"Gremiumsmitglied {index + 1}")
        members.append(
            services.add_committee_member(
                office, committee, user, is_chair=index == 0, is_external=index >= count - 2, affiliation=""
            )
        )
    return committee, members


def funding_round(office, committee, **kwargs) -> FundingRound:
    now = timezone.now()
    data = {
        "slug": f"stadtteilfonds-{FundingRound.objects.count() + 1}",
        "title": "Stadtteilfonds Beteiligung 2027 – 1. Runde",
        "description": "Gefördert werden Beteiligungsaktivitäten in den Stadtbezirken: Werkstätten, Aushänge, "
        "Übersetzungen, Kinderbetreuung bei Veranstaltungen.",
        "budget": Decimal("60000.00"),
        "submission_deadline": now + datetime.timedelta(days=14),
        "committee_date": (now + datetime.timedelta(days=30)).date(),
        "committee": committee,
        "open_to_initiatives": False,
        "rules_page": None,
        "is_published": True,
    }
    data.update(kwargs)
    return services.create_round(office, **data)


def application_data(**kwargs) -> dict:
    data = {
        "title": "Sommerwerkstatt Lindener Marktplatz",
        "organisation": "Stadtbezirksrat Linden-Limmer",
        "district": District.objects.get(number=10),
        "field_of_action": None,
        "purpose": "Eine offene Werkstatt, in der Anwohnende den Marktplatz mitgestalten.",
        "participation": "Drei Werkstatt-Abende, ein Stand auf dem Wochenmarkt, Übersetzung ins Türkische.",
        "timeline": "Mai bis August 2027",
        "contact_name": "Karl Linden",
        "contact_email": "karl.linden@example.org",
        "contact_phone": "0511 123456",
        "own_funds": Decimal("500.00"),
        "other_funding": Decimal("1000.00"),
        "requested_amount": Decimal("8500.00"),
        "items": [("Moderation", Decimal("6000.00")), ("Material und Druck", Decimal("4000.00"))],
    }
    data.update(kwargs)
    return data


def application(user, funding_round, *, submit=True, **kwargs) -> FundingApplication:
    choices = services.applicant_choices(user, funding_round)
    kind, applicant = choices[0] if choices else (FundingApplication.Kind.INITIATIVE, None)
    return services.save_application(
        user, funding_round, kind=kind, applicant=applicant, submit=submit, **application_data(**kwargs)
    )


def on_agenda(office, applicant, funding_round, session=None, **kwargs):
    app = application(applicant, funding_round, **kwargs)
    services.screen_application(office, app, eligible=True, recommendation="approve")
    session = session or services.create_session(
        office, funding_round, date=timezone.now() + datetime.timedelta(days=20), place="Neues Rathaus, Raum 115"
    )
    item = services.put_on_agenda(office, session, app)
    return app, session, item


def open_session(office, session: CommitteeSession, members):
    return services.set_attendance(office, session, members)


def world():
    office = staff_user(Role.Kind.COORDINATION)
    committee, members = committee_with_members(office)
    return office, committee, members, funding_round(office, committee)
