"""A city full of public data, with personal data wherever it can exist, for the open-data tests."""

import datetime
import itertools

import pytest
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.dialog.models import Contribution
from stadtdialog.districts import services_conferences as conference_services
from stadtdialog.districts import services_programmes as programme_services
from stadtdialog.districts.models import Concern, ConcernCategory, ConcernStatus, DistrictProfile, Network
from stadtdialog.evaluation import services as evaluation_services
from stadtdialog.evaluation.models import Evaluation
from stadtdialog.office.models import Booking, Occurrence, Room
from stadtdialog.organisation.models import District, FieldOfAction, Quarter
from stadtdialog.plans.models import Plan
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory, ResponseFactory
from tests.evaluation.factories import answers_for, started
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrgUnitFactory, PlanFactory, UserFactory, published_process, staff_user
from tests.outcomes.factories import (
    DecisionFactory,
    MilestoneFactory,
    RecommendationFactory,
    ResultFactory,
    VerdictFactory,
)
from tests.reports.report_factories import ReportCommentFactory, ReportFactory

# strings that must never leave the portal through the API, the catalogue or the download
SECRET_NAME = "Geheimhild Privatmann"
SECRET_EMAIL = "geheimhild.privatmann@example.org"
SECRET_PHONE = "0511 99887766"
SECRET_TEXT = "Meine Telefonnummer ist vertraulich"
_SEEDS = itertools.count()
_DISTRICT_RUNS = itertools.count()  # one district after the other (a programme per district)


def seed_public_data(n: int = 1) -> dict:
    """n published plans, each with a public process, contributions (one hidden), comments, answers, a report, an
    event with registrations, results, a decision with verdicts, milestones and a published evaluation; plus a draft
    plan and an unpublished process that must not appear. Every person has a name and an e-mail address that must
    not appear, only their display name."""
    district = District.objects.order_by("number").first()
    quarter = Quarter.objects.filter(district=district).first()
    field = FieldOfAction.objects.order_by("position").first()
    made = {"plans": [], "processes": [], "contributions": []}
    for i in range(n):
        run = next(_SEEDS)
        plan = PlanFactory(title=f"Neugestaltung Platz {i}", status=Plan.Status.PARTICIPATION)
        plan.districts.add(district)
        plan.quarters.add(quarter)
        plan.fields_of_action.add(field)
        process = published_process(plan=plan)
        author = UserFactory(full_name=SECRET_NAME, email=f"{run}.{SECRET_EMAIL}", display_name=f"Pseudonym{i}")
        contribution = ContributionFactory(process=process, author=author, quarter=quarter)
        ContributionFactory(process=process, author=author, kind=Contribution.Kind.QUESTION)
        ContributionFactory(process=process, author=author, hidden_at=timezone.now(), title=f"Versteckt {i}")
        CommentFactory(contribution=contribution, author=author)
        ResponseFactory(contribution=contribution)
        report = ReportFactory(process=process)
        ReportCommentFactory(report=report, author=author)
        event = EventFactory(process=process, district=district)
        RegistrationFactory(event=event, name=SECRET_NAME, email=f"r{run}.{SECRET_EMAIL}", needs=SECRET_TEXT)
        result = ResultFactory(process=process)
        recommendation = RecommendationFactory(result=result)
        decision = DecisionFactory(process=process)
        VerdictFactory(decision=decision, recommendation=recommendation)
        MilestoneFactory(process=process)
        made["plans"].append(plan)
        made["processes"].append(process)
        made["contributions"].append(contribution)
        if i == 0:
            publish_evaluation(process)
    made["draft_plan"] = PlanFactory(title="Entwurf eines Vorhabens", published_at=None)
    hidden_process = published_process(plan=PlanFactory(title="Noch geheim", published_at=None))
    ContributionFactory(process=hidden_process, title="Beitrag im Entwurf")
    made["hidden_process"] = hidden_process
    made.update(seed_city_services(district, quarter))
    for _i in range(n):
        made.update(seed_district_work())
    return made


def seed_district_work() -> dict:
    """In the next district (one more each call, so lists grow): a conference with published minutes, an agreement
    with two items (one disputed and escalated), target groups, approach, notes, reason and minutes that are internal;
    a conference whose minutes are not out; and a published action programme with a decision, a round, a resident's
    proposal with points, a conference need and a priority. The manager, the department's staff and the resident
    have names and e-mail addresses that must not appear."""
    run = next(_DISTRICT_RUNS)
    districts = list(District.objects.order_by("number"))
    district = districts[run % len(districts)]
    unit = OrgUnitFactory(short_name=f"FB {700 + run}", name=f"Fachbereich Tiefbau {run}")
    manager = staff_user(
        Role.Kind.DISTRICT_MANAGER, district=district, full_name=SECRET_NAME, office_email=f"m{run}.{SECRET_EMAIL}"
    )
    department = staff_user(
        Role.Kind.DEPARTMENT, org_unit=unit, full_name=f"{SECRET_NAME} {run}", office_email=f"d{run}.{SECRET_EMAIL}"
    )
    start = timezone.now() - datetime.timedelta(days=20)
    conference = conference_services.plan_conference(
        manager,
        district,
        title=f"Stadtbezirkskonferenz {run}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Freizeitheim, Windheimstraße 4",
        units=[unit],
        agenda=SECRET_TEXT,
    )
    agreement = conference_services.create_agreement(
        manager, conference, title=f"Spielplatz sicher machen {run}", reason=SECRET_TEXT, units=[unit]
    )
    today = timezone.localdate()
    items = [
        conference_services.add_item(
            manager,
            agreement,
            unit=unit,
            measure=f"{measure} {run}",
            starts_on=today - datetime.timedelta(days=10),
            due_on=today + datetime.timedelta(days=days),
            target_groups=f"Zielgruppe {SECRET_NAME}",
            approach=f"Zugang über {SECRET_PHONE}",
        )
        for measure, days in (("Fahrbahnschwelle einbauen", 30), ("Beleuchtung prüfen", -1))
    ]
    conference_services.update_item(department, items[0], status="done", note=f"Notiz {SECRET_TEXT}")
    conference_services.dispute_item(manager, items[1], reason=f"Streit {SECRET_TEXT}")
    conference_services.escalate(
        manager, agreement, item=items[1], body="directors", reason=f"Eskalation {SECRET_TEXT}"
    )
    conference_services.record_minutes(manager, conference, minutes=f"Protokoll {SECRET_NAME}", present_units=[unit])
    conference_services.publish_minutes(manager, conference)
    later = start + datetime.timedelta(days=10)
    unpublished = conference_services.plan_conference(
        manager,
        district,
        title=f"Konferenz ohne Protokoll {run}",
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
        place="Rathaus",
        units=[unit],
    )
    conference_services.create_agreement(
        manager, unpublished, title=f"Noch nicht öffentlich {run}", reason=SECRET_TEXT, units=[unit]
    )
    programme = programme_services.save_programme(
        manager,
        district,
        title=f"Aktionsprogramm {district.name}",
        summary="Was der Stadtbezirk am dringendsten braucht.",
        is_published=True,
    )
    field = FieldOfAction.objects.order_by("position").first()
    round_ = programme_services.save_round(
        manager,
        programme,
        title=f"Priorisierungsrunde {run}",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=14),
        points_per_resident=10,
    )
    resident = UserFactory(full_name=SECRET_NAME, email=f"p{run}.{SECRET_EMAIL}", display_name=f"Anwohnerin{run}")
    proposal = programme_services.propose_need(
        resident, round_, field_of_action=field, title=f"Mehr Sitzbänke {run}", text="Bänke im Schatten fehlen."
    )
    programme_services.allocate(resident, round_, {proposal.pk: 4})
    need = programme_services.add_conference_need(
        manager,
        programme,
        field_of_action=field,
        title=f"Treffpunkt für Jugendliche {run}",
        text="Es fehlt ein Ort am Abend.",
        source_on=today - datetime.timedelta(days=20),
        source_note=f"Stadtbezirkskonferenz {run}",
    )
    programme_services.save_priority(
        manager,
        programme,
        title=f"Jugend im Stadtteil {run}",
        field_of_action=field,
        needs=[need],
        agreed_on=today - datetime.timedelta(days=20),
        agreed_at=f"Stadtbezirkskonferenz {run}",
    )
    return {
        "conference": conference,
        "unpublished_conference": unpublished,
        "agreement": agreement,
        "items": items,
        "programme": programme,
        "proposal": proposal,
        "need": need,
        "work_district": district,
    }


def _funded_project(run: int):
    """A funding round whose committee approved one application (its contact, organisation and the council member
    who filed it are personal data) beside one still on the agenda."""
    from decimal import Decimal

    from stadtdialog.office.services import funding as funding_services
    from tests.office.funding_factories import committee_with_members, council_member, funding_round, on_agenda

    office = staff_user(Role.Kind.COORDINATION)
    committee, members = committee_with_members(office)
    funding = funding_round(office, committee, slug=f"runde-{run}")
    applicant = council_member(full_name=SECRET_NAME, email=f"f{run}.{SECRET_EMAIL}")
    contact = {"contact_name": SECRET_NAME, "contact_email": f"k{run}.{SECRET_EMAIL}", "contact_phone": SECRET_PHONE}
    approved, session, item = on_agenda(office, applicant, funding, title=f"Sommerwerkstatt {run}", **contact)
    on_agenda(office, applicant, funding, session=session, title=f"Noch offen {run}", **contact)
    funding_services.set_attendance(office, session, members)
    for member in members:
        funding_services.cast_vote(member.user, item, "yes")
    funding_services.decide(office, item, outcome="approved", amount=Decimal("6000.00"))
    approved.refresh_from_db()
    return approved


def seed_city_services(district, quarter) -> dict:
    """The district page's public part with a published and an unpublished network, a published concern summary
    beside an unpublished concern (both with the resident's text and e-mail), an active room with an approved and a
    requested booking by a named resident, and an inactive room."""
    run = next(_SEEDS)
    DistrictProfile.objects.update_or_create(
        district=district,
        defaults={
            "introduction": "Der Stadtbezirk zwischen Ihme und Leine.",
            "office_address": "Stadtbezirksmanagement, Windheimstraße 4, 30451 Hannover",
            "office_hours": "Dienstags 10 bis 12 Uhr",
            "concern_how": "Schreiben Sie uns über das Formular.",
        },
    )
    Network.objects.create(
        district=district, name=f"Runder Tisch Spielplätze {run}", topics="Spielplätze", contact=SECRET_NAME
    )
    Network.objects.create(
        district=district,
        name=f"Interner Arbeitskreis {run}",
        topics="intern",
        contact=SECRET_EMAIL,
        is_published=False,
    )
    category, _ = ConcernCategory.objects.get_or_create(code="beleuchtung", defaults={"name": "Straßenbeleuchtung"})
    now = timezone.now()
    published = Concern.objects.create(
        district=district,
        quarter=quarter,
        category=category,
        text=SECRET_TEXT,
        email=f"c{run}.{SECRET_EMAIL}",
        due_on=timezone.localdate(),
        confirmed_at=now,
        status=ConcernStatus.SOLVED,
        closed_at=now,
        consent_publish=True,
        public_summary=f"Eine Laterne am Spielplatz brannte nicht; sie ist repariert ({run}).",
        published_at=now,
    )
    unpublished = Concern.objects.create(
        district=district,
        category=category,
        text=f"Unveröffentlicht {run}",
        email=f"u{run}.{SECRET_EMAIL}",
        due_on=timezone.localdate(),
        confirmed_at=now,
        consent_publish=True,
        public_summary="Noch nicht frei",
    )
    room = Room.objects.create(
        name=f"Saal im Stadtteilzentrum {run}",
        slug=f"saal-{run}",
        capacity=60,
        address="Windheimstraße 4",
        district=district,
        step_free=True,
    )
    hidden_room = Room.objects.create(
        name=f"Abstellraum {run}", slug=f"abstell-{run}", capacity=2, address="Trammplatz 2", is_active=False
    )
    booker = UserFactory(full_name=SECRET_NAME, email=f"b{run}.{SECRET_EMAIL}")
    start = now + datetime.timedelta(days=7)
    dates = {}
    for state in (Booking.State.APPROVED, Booking.State.REQUESTED):
        booking = Booking.objects.create(
            booker=booker, room=room, purpose=SECRET_TEXT, organisation=SECRET_NAME, expected_people=20, state=state
        )
        dates[state] = Occurrence.objects.create(
            booking=booking, room=room, start=start, end=start + datetime.timedelta(hours=2), state=state
        )
        start += datetime.timedelta(days=1)
    funded = _funded_project(run)
    return {
        "funded": funded,
        "concern": published,
        "unpublished_concern": unpublished,
        "room": room,
        "hidden_room": hidden_room,
        "approved_date": dates[Booking.State.APPROVED],
        "requested_date": dates[Booking.State.REQUESTED],
    }


def publish_evaluation(process) -> Evaluation:
    """A published evaluation with one questionnaire answered, free text with personal details included."""
    _process, evaluation, lead = started(process)
    evaluation_services.submit_paper(lead, evaluation, answers_for(evaluation, value=4, text=SECRET_TEXT))
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=Evaluation.Status.PUBLISHED, published_at=timezone.now(), lessons_learned="Abendtermine helfen."
    )
    return evaluation


@pytest.fixture
def public_data(db):
    return seed_public_data(2)


@pytest.fixture
def api_get(client):
    def get(path, **params):
        return client.get(path, params, HTTP_ACCEPT="application/json")

    return get


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)
