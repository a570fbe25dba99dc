"""Factories that make realistic data for tests. Use them; do not build models by hand in tests."""

import datetime

import factory
from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter
from stadtdialog.plans.models import Attachment, CouncilPaper, Plan
from stadtdialog.processes.models import Concept, ConceptVersion, Goal, Phase, Process

PASSWORD = "Beteiligung-2026!"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    kind = OrgUnit.Kind.DEPARTMENT
    short_name = factory.Sequence(lambda n: f"FB {n + 10}")
    name = factory.Sequence(lambda n: f"Fachbereich Nummer {n}")
    email = factory.Sequence(lambda n: f"fb{n}@hannover-stadt.example")
    phone = "0511 168-0"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Nutzer*in {n}")
    email_verified = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def staff_user(kind=Role.Kind.DEPARTMENT, org_unit=None, district=None, **kwargs) -> User:
    """A staff member with one role; department staff and unit leads get a unit, district managers and deputies a
    district."""
    if kind in Role.UNIT_KINDS and org_unit is None:
        org_unit = OrgUnitFactory()
    if kind in Role.DISTRICT_KINDS and district is None:
        district = District.objects.order_by("number").first()
    user = UserFactory(
        full_name=kwargs.pop("full_name", "Erika Mustermann"),
        org_unit=org_unit,
        office_phone="0511 168-12345",
        office_email=kwargs.pop("office_email", "erika.mustermann@hannover-stadt.example"),
        **kwargs,
    )
    Role.objects.create(user=user, kind=kind, org_unit=org_unit if kind in Role.UNIT_KINDS else None, district=district)
    return user


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Umgestaltung Spielplatz {n}")
    summary = "Der Spielplatz wird neu gestaltet. Kinder und Eltern können mitreden."
    description = "<p>Die Geräte sind alt und werden ersetzt.</p>"
    lead_unit = factory.SubFactory(OrgUnitFactory)
    status = Plan.Status.PREPARATION
    published_at = factory.LazyFunction(timezone.now)
    search_text = factory.LazyAttribute(lambda o: f"{o.title}\n{o.summary}")

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.districts.set(extracted)

    @factory.post_generation
    def quarters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.quarters.set(extracted)

    @factory.post_generation
    def fields_of_action(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.fields_of_action.set(extracted)


class CouncilPaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilPaper

    number = factory.Sequence(lambda n: f"{1000 + n}/2026")
    title = "Beschlussdrucksache"
    date = datetime.date(2026, 3, 1)


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    plan = factory.SubFactory(PlanFactory)
    title = "Beteiligung zur Spielplatzgestaltung"
    published_at = factory.LazyFunction(timezone.now)


class ConceptFactory(factory.django.DjangoModelFactory):
    """A complete concept: every required part is filled in."""

    class Meta:
        model = Concept

    process = factory.SubFactory(ProcessFactory)
    subject = "Auswahl und Anordnung der Spielgeräte"
    scope_open = "Welche Geräte, wo sie stehen, Sitzplätze"
    scope_fixed = "Budget und Fläche"
    decision_maker = "Stadtbezirksrat Linden-Limmer"
    decision_where = "Sitzung des Stadtbezirksrats"
    decision_when = "März 2027"
    results_handling = "Alle Beiträge werden beantwortet und in der Vorlage dokumentiert."
    implementation = "Bau im Sommer 2027"
    staff_time = "20 Arbeitstage"
    external_costs = 5000
    external_moderation = False
    project_group = "FB 67, FB 61"
    current_version = 1


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    concept = factory.SubFactory(ConceptFactory)
    description = "Kinder aus dem Quartier beteiligen"
    indicator = "Zahl der Beiträge von Kindern"
    target_value = "mindestens 50"
    due_date = datetime.date(2027, 3, 31)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    title = "Online-Dialog"
    kind = Phase.Kind.DIALOG
    format = Phase.Format.ONLINE_DIALOG
    channel = Phase.Channel.ONLINE
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))
    target_groups = "Familien mit Kindern; über Kitas und Schulen"


def published_process(plan=None, **kwargs) -> Process:
    """A published process with a complete concept, one goal, one phase and version 1."""
    process = ProcessFactory(plan=plan or PlanFactory(), **kwargs)
    lead = staff_user(org_unit=process.plan.lead_unit)
    deputy = staff_user(
        org_unit=process.plan.lead_unit, full_name="Max Beispiel", office_email="max@hannover-stadt.example"
    )
    process.lead_contact, process.deputy = lead, deputy
    process.save()
    concept = ConceptFactory(process=process)
    GoalFactory(concept=concept)
    PhaseFactory(process=process)
    ConceptVersion.objects.create(concept=concept, number=1, author=lead, org_unit=process.plan.lead_unit, snapshot={})
    return process


def districts(*numbers) -> list[District]:
    return list(District.objects.filter(number__in=numbers))


def quarter(name) -> Quarter:
    return Quarter.objects.get(name=name)


def field_of_action(position=1) -> FieldOfAction:
    return FieldOfAction.objects.get(position=position)


# --- public side (helper A): attachments for the public plan page


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    plan = factory.SubFactory(PlanFactory)
    title = "Lageplan"
    kind = Attachment.Kind.PDF
    file = factory.django.FileField(filename="lageplan.pdf", data=b"%PDF-1.4 demo")
    size = 13
