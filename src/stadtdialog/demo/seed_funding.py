"""The demo of a funding round with its committee, applications, a session and approved projects (issue 15).

"Stadtteilfonds Beteiligung 2027 – 1. Runde" with 60 000 €, decided by a committee of five (two external
members from the Stadtjugendring and the Seniorenbeirat); applications from the Stadtbezirksrat
Linden-Limmer and from the Fachbereich Umwelt und Stadtgrün: one approved with a lower amount (with payment dates),
one sent back for more information, one declined. A second round is open for submissions, also for initiatives.
Everything goes through the funding services, as people would do it."""

import datetime
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.core import services as core_services
from stadtdialog.core.models import Page
from stadtdialog.office.models import FundingRound
from stadtdialog.office.services import funding as services
from stadtdialog.organisation.models import District, FieldOfAction

from .logins import demo_login

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

RULES = (
    "foerderrichtlinie-stadtteilfonds",
    "Förderrichtlinie Stadtteilfonds Beteiligung",
    "<p>Der Stadtteilfonds Beteiligung unterstützt Beteiligungsaktivitäten in den Stadtbezirken und stadtweit. "
    "(Demo-Text: Die Förderrichtlinie beschließt der Rat.)</p>"
    "<h2>Was gefördert wird</h2><ul><li>Werkstätten, Stadtteilspaziergänge, aufsuchende Beteiligung</li>"
    "<li>Übersetzung, Gebärdensprache, Leichte Sprache, Kinderbetreuung</li>"
    "<li>Druck von Einladungen und Aushängen, Miete barrierefreier Räume</li></ul>"
    "<h2>Wer Anträge stellt</h2><p>Anträge kommen über die Fachbereiche und die Stadtbezirksräte; in Runden, "
    "die es vorsehen, auch von Initiativen und Vereinen.</p>"
    "<h2>Entscheidung</h2><p>Ein Vergabegremium entscheidet zu festen Terminen. Mitglieder, die befangen sind, "
    "wirken an dem Punkt nicht mit. Bewilligte Projekte werden mit Titel, Stadtbezirk, Betrag und Zweck "
    "veröffentlicht. Nach Abschluss ist ein Verwendungsnachweis mit Belegen einzureichen.</p>",
)
EXTERNAL = [
    ("aylin.demir@stadtjugendring.example", "Aylin Demir", "Stadtjugendring Hannover"),
    ("juergen.koch@seniorenbeirat.example", "Jürgen Koch", "Seniorenbeirat der Landeshauptstadt Hannover"),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _external(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, display_name=name, full_name=name, email_verified=True)
        user.set_unusable_password()
        user.save()
    return user


def _field(name: str):
    return FieldOfAction.objects.filter(name=name).first()


def _apply(user, funding_round, now, **data):
    kind, applicant = services.applicant_choices(user, funding_round)[0]
    return services.save_application(user, funding_round, kind=kind, applicant=applicant, submit=True, now=now, **data)


def seed(today: datetime.date | None = None) -> dict:
    """Create the funding demo; returns counts."""
    today = today or timezone.localdate()
    if FundingRound.objects.exists():  # a second seed in the same database
        return {"rounds": 0, "applications": 0}
    office = User.objects.get(email=demo_login("coordination")["email"])
    fb67 = User.objects.get(email=demo_login("fb67")["email"])
    council_member = User.objects.get(email=demo_login("council_member")["email"])
    linden = User.objects.filter(role_set__kind=Role.Kind.COUNCIL_MEMBER, role_set__district__number=10).first()
    lead_fb67 = User.objects.filter(role_set__kind=Role.Kind.UNIT_LEAD, full_name="Dr. Ines Brandes").first()
    rules = Page.objects.filter(slug=RULES[0]).first() or core_services.create_page(
        office, slug=RULES[0], title=RULES[1], body=RULES[2], in_footer=False
    )
    committee = services.create_committee(office, name="Vergabegremium Stadtteilfonds Beteiligung", quorum=3)
    seats = [
        services.add_committee_member(office, committee, office, is_chair=True, affiliation="Koordinierungsstelle")
    ]
    seats.append(services.add_committee_member(office, committee, council_member, affiliation="Rat der Stadt"))
    if lead_fb67 is not None:
        seats.append(services.add_committee_member(office, committee, lead_fb67, affiliation="Fachbereich 67"))
    for email, name, affiliation in EXTERNAL:
        seats.append(
            services.add_committee_member(
                office, committee, _external(email, name), is_external=True, affiliation=affiliation
            )
        )
    deadline_day = today - datetime.timedelta(days=35)
    committee_day = today - datetime.timedelta(days=7)
    first = services.create_round(
        office,
        slug="stadtteilfonds-2027-1",
        title="Stadtteilfonds Beteiligung 2027 – 1. Runde",
        description="Gefördert werden Beteiligungsaktivitäten, die Menschen erreichen, die sonst selten mitreden: "
        "aufsuchende Formate, Übersetzung und Gebärdensprache, Kinderbetreuung, barrierefreie Orte. Bis zu "
        "10 000 € je Antrag; Eigenmittel sind willkommen, aber keine Bedingung.",
        budget=Decimal("60000.00"),
        submission_deadline=_at(deadline_day, 23),
        committee_date=committee_day,
        committee=committee,
        open_to_initiatives=False,
        rules_page=rules,
        is_published=True,
    )
    services.create_round(
        office,
        slug="stadtteilfonds-2027-2",
        title="Stadtteilfonds Beteiligung 2027 – 2. Runde",
        description="Die zweite Runde steht auch Initiativen und Vereinen offen.",
        budget=Decimal("45000.00"),
        submission_deadline=_at(today + datetime.timedelta(days=75), 23),
        committee_date=today + datetime.timedelta(days=100),
        committee=committee,
        open_to_initiatives=True,
        rules_page=rules,
        is_published=True,
    )
    submitted = _at(deadline_day - datetime.timedelta(days=10), 10)
    linden_district = District.objects.get(number=10)
    applications = []
    if linden is not None:
        approved = _apply(
            linden,
            first,
            submitted,
            title="Lindener Platzgespräche am Küchengarten",
            organisation="Stadtbezirksrat Linden-Limmer",
            district=linden_district,
            field_of_action=_field("Öffentlicher Raum und Wohnumfeld"),
            purpose="Drei offene Platzgespräche, in denen Anwohnende die Umgestaltung des Küchengartenplatzes "
            "mitplanen, mit Übersetzung ins Türkische und Arabische und Kinderbetreuung.",
            participation="Aufsuchende Gespräche auf dem Wochenmarkt, drei Abendwerkstätten, ein Rundgang mit "
            "Seniorinnen und Senioren; die Ergebnisse gehen in den Bezirksrat.",
            timeline="April bis Juli 2027",
            contact_name="Hans-Peter Winkler",
            contact_email=linden.email,
            contact_phone="0511 168-41010",
            own_funds=Decimal("700.00"),
            other_funding=Decimal("1000.00"),
            requested_amount=Decimal("9800.00"),
            items=[
                ("Moderation der Werkstätten", Decimal("6000.00")),
                ("Übersetzung und Gebärdensprache", Decimal("2400.00")),
                ("Druck von Einladungen und Aushängen", Decimal("1900.00")),
                ("Kinderbetreuung", Decimal("1200.00")),
            ],
        )
        declined = _apply(
            linden,
            first,
            submitted,
            title="Stadtteilfest Limmer",
            organisation="Stadtbezirksrat Linden-Limmer",
            district=linden_district,
            field_of_action=_field("Kultur und Freizeit"),
            purpose="Ein Straßenfest zum Sommerbeginn in der Limmerstraße.",
            participation="Bühnenprogramm der Vereine, ein Infostand des Bezirksrats.",
            timeline="Juni 2027",
            contact_name="Hans-Peter Winkler",
            contact_email=linden.email,
            own_funds=Decimal("2000.00"),
            other_funding=Decimal("0.00"),
            requested_amount=Decimal("6000.00"),
            items=[("Bühne und Technik", Decimal("5000.00")), ("Werbung", Decimal("3000.00"))],
        )
        applications += [approved, declined]
        services.screen_application(
            office,
            approved,
            eligible=True,
            recommendation="approve_lower",
            recommended_amount=Decimal("7500.00"),
            note="Förderfähig; Druckkosten können über das Bezirksratsbudget laufen.",
        )
        services.screen_application(office, declined, eligible=True, recommendation="decline", note="Kaum Beteiligung")
    sent_back = _apply(
        fb67,
        first,
        submitted,
        title="Klimaanpassung in Grünzügen – Bürgerwerkstatt",
        organisation="Fachbereich Umwelt und Stadtgrün",
        district=None,
        field_of_action=_field("Gesundheit und Umwelt"),
        purpose="Eine stadtweite Bürgerwerkstatt zu schattigen Wegen und Trinkbrunnen in den Grünzügen.",
        participation="Online-Karte für Hinweise, zwei Werkstätten, ein Spaziergang im Grünzug Mühlenberg.",
        timeline="Mai bis September 2027",
        contact_name="Amt für Umweltschutz, Team Klimaanpassung",
        contact_email="klimaanpassung@hannover-stadt.example",
        own_funds=Decimal("3000.00"),
        other_funding=Decimal("0.00"),
        requested_amount=Decimal("8000.00"),
        items=[("Moderation", Decimal("7000.00")), ("Barrierefreie Räume und Material", Decimal("4000.00"))],
    )
    applications.append(sent_back)
    services.request_more_information(
        office,
        sent_back,
        "Bitte beschreiben Sie, wie Sie Menschen ohne Internetzugang erreichen, und nennen Sie die Orte der "
        "Werkstätten (barrierefrei?).",
    )
    if linden is not None:
        session = services.create_session(office, first, date=_at(committee_day, 17), place="Neues Rathaus, Raum 115")
        services.put_on_agenda(office, session, approved)
        services.put_on_agenda(office, session, declined)
        services.set_attendance(office, session, seats)
        items = list(session.items.order_by("position"))
        external = seats[-2]
        services.declare_conflict(external.user, items[1], "Mein Verein gestaltet das Bühnenprogramm des Festes.")
        for seat in seats:
            services.cast_vote(seat.user, items[0], "yes")
            if seat != external:
                services.cast_vote(seat.user, items[1], "no")
        services.decide(
            office,
            items[0],
            outcome="approved_conditions",
            amount=Decimal("7500.00"),
            conditions="Die Druckkosten trägt der Bezirksrat; die Werkstätten finden an barrierefreien Orten statt.",
        )
        services.decide(
            office,
            items[1],
            outcome="declined",
            reason="Ein Fest ohne Beteiligungsteil ist nach der Förderrichtlinie nicht förderfähig.",
        )
        services.close_session(office, session)
        approved.refresh_from_db()
        services.add_instalment(
            office, approved, due_date=today + datetime.timedelta(days=30), amount=Decimal("5000.00")
        )
        services.add_instalment(
            office, approved, due_date=today + datetime.timedelta(days=150), amount=Decimal("2500.00")
        )
    return {"rounds": 2, "applications": len(applications)}
