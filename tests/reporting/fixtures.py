"""A small world with known counts for the report of 2025 (and some noise in 2024, 2026 and drafts)."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from stadtdialog.dialog.models import Comment, Contribution, Response
from stadtdialog.evaluation.models import Evaluation, GoalAssessment
from stadtdialog.events.models import Registration
from stadtdialog.organisation.models import OrgUnit, Quarter
from stadtdialog.outcomes.models import Verdict
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Goal, Phase
from stadtdialog.reports.models import ConceptComment, Report, ReportComment
from stadtdialog.sortition.models import Sortition
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    OrgUnitFactory,
    PhaseFactory,
    PlanFactory,
    UserFactory,
    districts,
    field_of_action,
    published_process,
)
from tests.outcomes.factories import DecisionFactory, MilestoneFactory, RecommendationFactory, ResultFactory

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = 2025
AS_OF = datetime.date(2026, 6, 1)


def at(month, day, hour=10, year=YEAR) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=BERLIN)


def stamp(obj, **fields) -> None:
    """Set dates that the models fill themselves (created_at) as if the object came then."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)


def quarter_of(number) -> Quarter:
    return Quarter.objects.filter(district__number=number).order_by("name").first()


@dataclass
class World:
    directorate: OrgUnit
    department: OrgUnit
    other_department: OrgUnit
    resident: object
    contributions: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)


def contribution(process, source, title, created, quarter=None, author=None) -> Contribution:
    item = Contribution.objects.create(
        process=process,
        kind=Contribution.Kind.IDEA,
        title=title,
        text=f"{title}: mehr Bäume",
        source=source,
        quarter=quarter,
        author=author,
    )
    stamp(item, created_at=created)
    item.refresh_from_db()
    return item


def answer(item, status, days, text="") -> Response:
    response = Response.objects.create(contribution=item, status=status, text=text)
    stamp(response, created_at=item.created_at + datetime.timedelta(days=days))
    return response


def build(tag="") -> World:
    """The world; a second one (for the query counts) takes another tag for its units' unique names."""
    directorate = OrgUnitFactory(kind=OrgUnit.Kind.DIRECTORATE, short_name=f"Dez. T{tag}", name=f"Testdezernat{tag}")
    department = OrgUnitFactory(parent=directorate, short_name=f"FB T1{tag}", name=f"Testbereich Grün{tag}")
    section = OrgUnitFactory(
        kind=OrgUnit.Kind.SECTION, parent=department, short_name=f"FB T1.1{tag}", name=f"Spielplätze{tag}"
    )
    other = OrgUnitFactory(short_name=f"FB T2{tag}", name=f"Testbereich Verkehr{tag}")
    resident = UserFactory(display_name="Anwohnerin")
    d1, d2 = districts(1), districts(2)
    fa = field_of_action(1)

    # plans of 2025: 4 published (one per status below), a draft and one of 2024 that do not count
    p1 = PlanFactory(lead_unit=department, status=Plan.Status.PARTICIPATION, districts=d1, fields_of_action=[fa])
    p2 = PlanFactory(lead_unit=section, status=Plan.Status.DECIDED, districts=d2)
    p3 = PlanFactory(
        lead_unit=other,
        status=Plan.Status.IDEA,
        participation_planned=False,
        no_participation_reason="Die Maßnahme ist gesetzlich vorgegeben.",
    )
    p4 = PlanFactory(lead_unit=other, status=Plan.Status.STOPPED, participation_planned=False)
    old = PlanFactory(lead_unit=department, status=Plan.Status.COMPLETED, districts=d1)
    draft = PlanFactory(lead_unit=department, published_at=None)
    for plan in (p1, p2, p3, p4):
        stamp(plan, published_at=at(3, 1))
    stamp(old, published_at=at(3, 1, year=2024))

    # processes of 2025: pr1 (p1), pr2 (p2); pr_old of 2024; each has one phase of today that does not count
    pr1, pr2 = published_process(plan=p1), published_process(plan=p2)
    pr_old = published_process(plan=old)
    for process in (pr1, pr2):
        stamp(process, published_at=at(3, 15))
    stamp(pr_old, published_at=at(3, 15, year=2024))
    Phase.objects.filter(process__in=[pr1, pr2, pr_old]).delete()
    PhaseFactory(
        process=pr1,
        format=Phase.Format.ONLINE_DIALOG,
        channel=Phase.Channel.ONLINE,
        start=datetime.date(2025, 4, 1),
        end=datetime.date(2025, 5, 31),
    )
    PhaseFactory(
        process=pr1,
        format=Phase.Format.WORKSHOP,
        channel=Phase.Channel.ON_SITE,
        start=datetime.date(2025, 5, 10),
        end=datetime.date(2025, 5, 10),
    )
    PhaseFactory(
        process=pr2,
        format=Phase.Format.WALK,
        channel=Phase.Channel.ON_SITE,
        start=datetime.date(2025, 6, 1),
        end=datetime.date(2025, 6, 1),
    )
    PhaseFactory(
        process=pr2,
        format=Phase.Format.SURVEY,
        channel=Phase.Channel.BOTH,
        start=datetime.date(2025, 12, 31),
        end=datetime.date(2026, 1, 31),
    )
    PhaseFactory(
        process=pr_old,
        format=Phase.Format.SURVEY,
        channel=Phase.Channel.ONLINE,
        start=datetime.date(2024, 12, 31),
        end=datetime.date(2025, 1, 31),
    )
    draft_process = published_process(plan=draft)
    stamp(draft_process, published_at=at(3, 15))

    # events of 2025
    e1 = EventFactory(
        process=pr1,
        format="workshop",
        start=at(5, 10, 17),
        end=at(5, 10, 19),
        org_unit=department,
        registration_required=True,
        capacity=3,
    )
    RegistrationFactory.create_batch(2, event=e1)
    RegistrationFactory(event=e1, email=resident.email, name="Anwohnerin")  # the resident's, confirmed
    RegistrationFactory(event=e1, status=Registration.Status.WAITING)
    RegistrationFactory(event=e1, status=Registration.Status.CANCELLED)
    EventFactory(
        process=pr2,
        format="walk",
        start=at(6, 1, 15),
        end=at(6, 1, 17),
        org_unit=section,
        cancelled_at=at(5, 20),
        cancellation_reason="Unwetter",
    )
    e3 = EventFactory(
        process=None,
        format="info_event",
        start=at(9, 1, 18),
        end=at(9, 1, 20),
        org_unit=department,
        district=districts(3)[0],
        registration_required=True,
    )
    RegistrationFactory.create_batch(2, event=e3)
    EventFactory(process=pr1, start=at(7, 1), end=at(7, 1, 12), published_at=None)  # a draft
    EventFactory(process=pr1, start=at(7, 1, year=2024), end=at(7, 1, 12, year=2024))  # last year

    # contributions of 2025: 4 on pr1 (district 1 by plan or quarter), 2 on pr2 (plan in district 2)
    c1 = contribution(pr1, "online", "Schattenplätze", at(5, 1), quarter=quarter_of(1), author=resident)
    c2 = contribution(pr1, "online", "Wasserspiel", at(5, 2))
    c3 = contribution(pr1, "postcard", "Tischtennis", at(5, 3))
    c4 = contribution(pr1, "workshop", "Hundewiese", at(5, 10, 18))
    c5 = contribution(pr2, "online", "Zebrastreifen", at(6, 5), quarter=quarter_of(4))  # about district 4
    contribution(pr2, "event", "Bank am Weg", at(6, 1, 16))
    contribution(pr1, "online", "Alter Beitrag", at(5, 1, year=2024))
    contribution(draft_process, "online", "Entwurf", at(5, 1))
    answer(c1, Response.Status.TAKEN, 2)
    answer(c2, Response.Status.PARTLY, 4, "Ein kleineres Wasserspiel ist möglich.")
    answer(c3, Response.Status.NOT_TAKEN, 10, "Die Fläche reicht für eine Platte nicht aus.")
    answer(c4, Response.Status.OUT_OF_SCOPE, 20, "Hundewiesen plant der Fachbereich Umwelt.")
    answer(c5, Response.Status.UNDER_REVIEW, 1)
    for n in range(3):
        stamp(Comment.objects.create(contribution=c1, text=f"Gute Idee {n}", author=resident), created_at=at(5, 4))
    stamp(Comment.objects.create(contribution=c5, text="Unbedingt"), created_at=at(6, 6))
    stamp(Comment.objects.create(contribution=c2, text="Voriges Jahr?"), created_at=at(1, 1, year=2026))
    report = Report.objects.create(
        process=pr1, kind="interim", title="Zwischenstand", text="Text", published_at=at(6, 1)
    )
    for _n in range(2):
        stamp(ReportComment.objects.create(report=report, text="Danke"), created_at=at(6, 2))

    # comments on the concept of pr1
    concept = pr1.concept
    for status, version in (("open", None), ("adopted", 2), ("adopted", None), ("declined", None)):
        comment = ConceptComment.objects.create(
            concept=concept,
            concept_version=1,
            text="Mehr Termine am Abend",
            status=status,
            reason="" if status != "declined" else "Kein Budget",
            adopted_in_version=version,
            author=resident,
        )
        stamp(comment, created_at=at(4, 2))

    # results, decision, milestones of pr1
    result = ResultFactory(process=pr1, published_at=at(8, 1))
    recommendations = RecommendationFactory.create_batch(3, result=result)
    decision = DecisionFactory(process=pr1, published_at=at(10, 1))
    Verdict.objects.create(decision=decision, recommendation=recommendations[0], outcome="followed")
    Verdict.objects.create(
        decision=decision, recommendation=recommendations[1], outcome="partly", reason="Nur ein Teil ist finanzierbar."
    )
    Verdict.objects.create(
        decision=decision,
        recommendation=recommendations[2],
        outcome="not_followed",
        reason="Die Fläche wird für die Feuerwehr gebraucht.",
    )
    MilestoneFactory(
        process=pr1,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2025, 6, 30),
        status="done",
        progress=100,
    )
    MilestoneFactory(
        process=pr1,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2025, 9, 30),
        status="in_progress",
        progress=50,
    )
    MilestoneFactory(
        process=pr1,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2025, 11, 30),
        status="planned",
        progress=0,
    )
    MilestoneFactory(
        process=pr1,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2026, 3, 31),
        status="planned",
        progress=0,
    )

    # the evaluation of pr1, published 2025: two goals, one achieved, one partly
    evaluation = Evaluation.objects.create(process=pr1, status="published", published_at=at(11, 1))
    goals = list(Goal.objects.filter(concept=concept))
    goals.append(
        Goal.objects.create(
            concept=concept,
            description="Ältere erreichen",
            indicator="Anteil 60+",
            target_value="20 %",
            due_date=datetime.date(2025, 10, 1),
        )
    )
    GoalAssessment.objects.create(evaluation=evaluation, goal=goals[0], measured_value="61", rating="achieved")
    GoalAssessment.objects.create(evaluation=evaluation, goal=goals[1], measured_value="12 %", rating="partly")

    # sortitions of 2025: one for pr1, drawn (30 seats), one without a process
    s1 = Sortition.objects.create(title="Bürgerrat Grün", process=pr1, panel_size=30, state="drawn")
    s2 = Sortition.objects.create(title="Bürgerrat Stadt", panel_size=40, state="setup")
    for sortition in (s1, s2):
        stamp(sortition, created_at=at(2, 1))

    return World(
        directorate,
        department,
        other,
        resident,
        contributions={"c1": c1, "c5": c5},
        processes={"pr1": pr1, "pr2": pr2},
        events={"e1": e1, "e3": e3},
    )
