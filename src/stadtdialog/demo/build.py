"""The base demo (about 40 plans) goes through the services, so validation and the audit log apply."""

import datetime
import decimal
import random

from django.utils import timezone

from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit, Quarter
from stadtdialog.plans import services as plan_services
from stadtdialog.plans.models import Plan
from stadtdialog.plans.services import PlanFields
from stadtdialog.processes import services as process_services
from stadtdialog.processes.models import ConceptVersion, Process

from . import concepts, organisation, people
from .catalogue import PLANS
from .places import QUARTER_POINTS

DAY = datetime.timedelta(days=1)


class Lookups:
    """Districts, quarters, fields of action and units, loaded once."""

    def __init__(self, units: dict[str, OrgUnit]):
        self.units = units
        self.quarters = {q.name: q for q in Quarter.objects.select_related("district")}
        self.districts = {d.number: d for d in District.objects.all()}
        self.fields = {f.position: f for f in FieldOfAction.objects.all()}

    @property
    def units_by_id(self):
        return {u.pk: u for u in self.units.values()}


def month_offset(today: datetime.date, months: int) -> datetime.date:
    month = today.month - 1 + months
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


def point_for(entry: dict, rng) -> tuple:
    if entry.get("cw") or entry.get("point") is False or not entry.get("q"):
        return None, None
    lat, lon = QUARTER_POINTS[entry["q"][0]]
    return (
        decimal.Decimal(f"{lat + rng.uniform(-0.003, 0.003):.6f}"),
        decimal.Decimal(f"{lon + rng.uniform(-0.004, 0.004):.6f}"),
    )


def plan_data(entry: dict, lookups: Lookups, rng: random.Random, today: datetime.date) -> PlanFields:
    start_months, duration = entry["m"]
    start = month_offset(today, start_months)
    latitude, longitude = point_for(entry, rng)
    return {
        "title": entry["t"],
        "summary": entry["sum"],
        "description": "".join(f"<p>{paragraph}</p>" for paragraph in entry["desc"]),
        "easy_language_summary": entry.get("easy", ""),
        "is_citywide": bool(entry.get("cw")),
        "quarters": [lookups.quarters[name] for name in entry.get("q", [])],
        "districts": [],
        "fields_of_action": [lookups.fields[p] for p in entry["f"]],
        "lead_unit": lookups.units[entry["u"]],
        "status": entry["s"],
        "cost_estimate": decimal.Decimal(entry["c"]) if entry.get("c") is not None else None,
        "schedule_start": start,
        "schedule_end": month_offset(start, duration),
        "schedule_note": "Zeitplan vorbehaltlich der Haushaltsmittel." if entry["s"] in {"idea", "preparation"} else "",
        "participation_planned": not entry.get("nop"),
        "no_participation_reason": entry.get("nop", ""),
        "latitude": latitude,
        "longitude": longitude,
        "council_papers": [
            {"number": number, "title": f"Drucksache zu „{entry['t']}“"} for number in entry.get("papers", [])
        ],
    }


def seed_base(rng, today: datetime.date | None = None) -> dict:
    """Create the demo administration, logins and plans. Returns counts."""
    today = today or timezone.localdate()
    units = people.make_units()
    logins = people.make_demo_logins(units)
    organisation.seed_organisation(units, logins["admin"])
    staff = people.make_process_staff(units, logins)
    people.make_staff_administration(units)
    lookups = Lookups(units)
    by_id = lookups.units_by_id
    now = timezone.now()
    counts = {"plans": 0, "processes": 0, "versions": 0}
    process_index = 0
    for entry in PLANS:
        unit = units[entry["u"]]
        department = unit if unit.kind != OrgUnit.Kind.SECTION else by_id[unit.parent_id]
        actor = staff[department.short_name][0]
        team = staff[unit.short_name]
        plan = plan_services.create_plan(actor, **plan_data(entry, lookups, rng, today))
        counts["plans"] += 1
        if entry.get("draft"):
            continue
        plan_services.publish_plan(actor, plan)
        published_at = now - datetime.timedelta(days=rng.randint(30, 400), hours=rng.randint(0, 10))
        Plan.objects.filter(pk=plan.pk).update(published_at=published_at)  # demo history: spread over time
        spec = entry.get("p")
        if not spec:
            continue
        lead, deputy = (team[0], team[1]) if rng.random() < 0.5 else (team[1], team[0])
        versions = _seed_process(actor, plan, spec, entry["s"], rng, today, department, lead, deputy, process_index)
        counts["processes"] += 1
        counts["versions"] += versions
        process_index += 1
    counts["logins"] = len(logins)
    return counts


def _seed_process(actor, plan, spec, status, rng, today, department, lead, deputy, index) -> int:
    process = process_services.create_process(actor, plan, title=spec["title"])
    others = ["Koordinierungsstelle für Beteiligung"] + (
        ["FB 66 Tiefbau"] if department.short_name == "FB 61" else ["FB 61 Planen und Stadtentwicklung"]
    )
    data = concepts.concept_data(spec, rng, department, others)
    phase_list = concepts.phases(status, spec, today)
    goal_list = concepts.goals(spec, phase_list)
    process_services.save_concept(
        actor, process, goals=goal_list, phases=phase_list, lead_contact=lead, deputy=deputy, **data
    )
    process_services.publish_process(actor, process)
    versions = 1
    # Every second process has been revised after publication, so the public history shows diffs.
    if index % 2 == 0:
        moved = [dict(p) for p in phase_list]
        dialog = next((p for p in moved if p["kind"] == "dialog"), moved[-1])
        dialog["end"] = dialog["end"] + 14 * DAY
        data = {**data, "subject": data["subject"] + " Neu aufgenommen: Hinweise aus der Auftaktveranstaltung."}
        process_services.save_concept(
            actor,
            process,
            goals=goal_list,
            phases=moved,
            lead_contact=lead,
            deputy=deputy,
            change_note="Dialogphase um zwei Wochen verlängert; Gegenstand nach der Auftaktveranstaltung ergänzt.",
            **data,
        )
        versions += 1
    if index % 4 == 0:
        data = {
            **data,
            "decision_when": data["decision_when"] + " (Termin verschoben)",
            "advisory_group": data["advisory_group"] or "Vertretung des Stadtbezirksrats",
        }
        process_services.update_concept(
            actor, process, change_note="Entscheidungstermin verschoben; Begleitgruppe benannt.", **data
        )
        versions += 1
    _spread_dates(process, rng)
    return versions


def _spread_dates(process: Process, rng) -> None:
    """Demo history: the process appears some weeks after its plan; later versions follow weeks apart."""
    plan_published = Plan.objects.values_list("published_at", flat=True).get(pk=process.plan_id)
    moment = plan_published + datetime.timedelta(days=rng.randint(3, 20))
    Process.objects.filter(pk=process.pk).update(published_at=moment)
    now = timezone.now()
    for version in ConceptVersion.objects.filter(concept__process=process).order_by("number"):
        moment = min(moment, now)
        ConceptVersion.objects.filter(pk=version.pk).update(published_at=moment)
        moment += datetime.timedelta(days=rng.randint(7, 40))
