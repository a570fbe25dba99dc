"""Data for browser tests: a published plan with a published process whose concept has two versions."""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.processes import services as process_services
from tests.factories import (
    OrgUnitFactory,
    PlanFactory,
    ProcessFactory,
    districts,
    field_of_action,
    quarter,
    staff_user,
)


def department() -> OrgUnit:
    return OrgUnitFactory(short_name="FB 61", name="Planen und Stadtentwicklung", email="fb61@hannover-stadt.example")


def department_staff(unit=None, **kwargs):
    return staff_user(Role.Kind.DEPARTMENT, org_unit=unit or department(), **kwargs)


def published_plan_with_history():
    """A Linden plan with a published process (version 1) and a revision (version 2) made by staff."""
    unit = department()
    lead = department_staff(unit, full_name="Jana Petersen", office_email="jana.petersen@hannover-stadt.example")
    deputy = department_staff(unit, full_name="Thomas Brandt", office_email="thomas.brandt@hannover-stadt.example")
    plan = PlanFactory(
        title="Umgestaltung Küchengarten-Platz",
        lead_unit=unit,
        status="participation",
        summary="Der Platz soll mehr Schatten und Sitzplätze bekommen.",
        districts=districts(10),
        quarters=[quarter("Linden-Mitte")],
        fields_of_action=[field_of_action(5)],
        latitude="52.368000",
        longitude="9.710000",
    )
    process = ProcessFactory(plan=plan, title="Ideenwerkstatt Küchengarten-Platz", published_at=None)
    from stadtdialog.processes.models import Concept

    Concept.objects.create(process=process)
    today = timezone.localdate()
    concept_data = {
        "subject": "Gestaltung der Platzfläche mit Sitzplätzen und Bäumen.",
        "scope_open": "Sitzplätze, Baumstandorte, Spielelemente.",
        "scope_fixed": "Lage der Haltestelle.",
        "decision_maker": "Stadtbezirksrat Linden-Limmer",
        "decision_where": "Sitzung des Stadtbezirksrats",
        "decision_when": "Frühjahr",
        "results_handling": "Alle Beiträge werden beantwortet.",
        "implementation": "Bau ab dem kommenden Jahr.",
        "staff_time": "etwa 30 Arbeitstage",
        "external_costs": "12000",
        "external_moderation": True,
        "project_group": "FB 61, FB 66",
        "advisory_group": "Stadtteilforum Linden",
    }
    goals = [
        {
            "description": "Vielfältige Gruppen erreichen",
            "indicator": "Zahl der Beiträge",
            "target_value": "mindestens 300",
            "due_date": today + datetime.timedelta(days=90),
        }
    ]
    phases = [
        {
            "title": "Online-Dialog",
            "kind": "dialog",
            "format": "online_dialog",
            "channel": "online",
            "start": today - datetime.timedelta(days=7),
            "end": today + datetime.timedelta(days=21),
            "description": "Ideen sammeln",
            "target_groups": "Anwohnende",
            "multipliers": "Stadtteilforum",
        }
    ]
    process_services.save_concept(
        lead, process, goals=goals, phases=phases, lead_contact=lead, deputy=deputy, **concept_data
    )
    process_services.publish_process(lead, process)
    revised = {**concept_data, "subject": "Gestaltung der Platzfläche mit Sitzplätzen, Bäumen und einem Trinkbrunnen."}
    process_services.update_concept(lead, process, change_note="Trinkbrunnen aufgenommen", **revised)
    return plan, process, lead
