"""Data of the district conferences' tests (no tests here): two districts with managers, three departments with
staff, a council member, the city-wide staff, a plan in preparation, and a conference with an agreement and two
items."""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.districts import services_conferences as services
from stadtdialog.organisation.models import District
from stadtdialog.plans.models import Plan
from tests.factories import OrgUnitFactory, PlanFactory, staff_user

NOTE = "Interne Notiz: Haushaltsmittel erst nach Ratsbeschluss"
REASON = "Interner Grund: Beschwerden der Anwohnenden über Lärm"
DISPUTE = "Strittig: Zuständigkeit für die Beleuchtung ungeklärt"
ESCALATION = "Eskalationsgrund: seit Monaten keine Rückmeldung"


def world() -> dict:
    linden = District.objects.get(slug="linden-limmer")
    mitte = District.objects.get(number=1)
    fb61 = OrgUnitFactory(short_name="FB 61", name="Planen und Stadtentwicklung", email="61@hannover-stadt.example")
    fb66 = OrgUnitFactory(short_name="FB 66", name="Tiefbau", email="66@hannover-stadt.example")
    fb67 = OrgUnitFactory(short_name="FB 67", name="Umwelt und Stadtgrün", email="67@hannover-stadt.example")

    def person(kind, name, email, **kwargs):
        return staff_user(kind=kind, full_name=name, office_email=email, **kwargs)

    w = {
        "linden": linden,
        "mitte": mitte,
        "fb61": fb61,
        "fb66": fb66,
        "fb67": fb67,
        "manager": person(
            Role.Kind.DISTRICT_MANAGER, "Sabine Lindemann", "sbm.linden@hannover.example", district=linden
        ),
        "mitte_manager": person(
            Role.Kind.DISTRICT_MANAGER, "Paul Mittermeier", "sbm.mitte@hannover.example", district=mitte
        ),
        "planner": person(Role.Kind.DEPARTMENT, "Jana Petersen", "jana.petersen@hannover.example", org_unit=fb61),
        "roads": person(Role.Kind.DEPARTMENT, "Henrik Vogt", "henrik.vogt@hannover.example", org_unit=fb66),
        "green": person(Role.Kind.DEPARTMENT, "Murat Yilmaz", "murat.yilmaz@hannover.example", org_unit=fb67),
        "coordination": person(Role.Kind.COORDINATION, "Kora Koordinata", "beteiligung@hannover.example"),
        "admin": person(Role.Kind.ADMIN, "Adam Admin", "admin@hannover.example"),
        "council": person(Role.Kind.COUNCIL_MEMBER, "Rita Rat", "rita.rat@example.org", district=linden),
        "mitte_council": person(Role.Kind.COUNCIL_MEMBER, "Max Mitte", "max.mitte@example.org", district=mitte),
    }
    plan = PlanFactory(title="Neugestaltung Küchengarten", lead_unit=fb61, status=Plan.Status.PREPARATION)
    plan.districts.add(linden)
    w["plan"] = plan
    return w


def conference(w, *, days=-7, units=None, **kwargs):
    start = timezone.now() + datetime.timedelta(days=days)
    return services.plan_conference(
        w["manager"],
        w["linden"],
        title=kwargs.pop("title", "Stadtbezirkskonferenz Linden-Limmer"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Freizeitheim Linden, Windheimstraße 4",
        units=units or [w["fb61"], w["fb66"]],
        agenda=kwargs.pop("agenda", "Begrüßung\nVorhaben: Neugestaltung Küchengarten"),
        **kwargs,
    )


def agreement_with_items(w, conf=None):
    """An agreement (Spielplatz Küchengarten) with an item for FB 61 and one for FB 66 (due yesterday)."""
    conf = conf or conference(w)
    agreement = services.create_agreement(
        w["manager"],
        conf,
        title="Spielplatz am Küchengarten sicher machen",
        reason=REASON,
        units=[w["fb61"], w["fb66"]],
    )
    today = timezone.localdate()
    plan_item = services.add_item(
        w["manager"],
        agreement,
        unit=w["fb61"],
        measure="Entwurf für den Spielplatz mit Kindern erarbeiten",
        starts_on=today - datetime.timedelta(days=30),
        due_on=today + datetime.timedelta(days=60),
        target_groups="Kinder, Eltern",
        approach="Werkstatt im Stadtteiltreff",
    )
    road_item = services.add_item(
        w["manager"],
        agreement,
        unit=w["fb66"],
        measure="Fahrbahnschwelle vor dem Spielplatz einbauen",
        starts_on=today - datetime.timedelta(days=30),
        due_on=today - datetime.timedelta(days=1),
        target_groups="Anrainer",
        approach="Hauswurfsendung",
    )
    return conf, agreement, plan_item, road_item
