"""Scale data for benchmarks: more plans and processes with bulk inserts in batches (no audit entries).

`seed_scale(rng, count)` adds `count` published-or-draft plans over all quarters, most with a
complete, published process (concept, goals, phases, version 1).
"""

import datetime
import decimal

from django.utils import timezone

from stadtdialog.accounts.models import User
from stadtdialog.core.sanitize import rich_text_html
from stadtdialog.organisation.models import FieldOfAction, OrgUnit, Quarter
from stadtdialog.plans.models import CouncilPaper, Plan
from stadtdialog.plans.services import search_text
from stadtdialog.processes import versioning
from stadtdialog.processes.models import Concept, ConceptVersion, Goal, Phase, Process

from . import concepts
from .places import QUARTER_POINTS

BATCH = 1000

# (title stem, lead unit, fields of action, summary, subject of participation)
TOPICS = [
    (
        "Spielplatzerneuerung",
        "67.1",
        [3, 5],
        "Der Spielplatz in {q} wird erneuert. Kinder und Eltern können bei der Auswahl der Geräte mitreden.",
        "Auswahl der Spielgeräte und Gestaltung der Aufenthaltsbereiche.",
    ),
    (
        "Baumpflanzungen",
        "67.1",
        [5, 6],
        "In {q} werden Straßenbäume nachgepflanzt. Sie spenden Schatten und verbessern das Stadtklima.",
        "Standorte der neuen Bäume und Baumpatenschaften.",
    ),
    (
        "Fahrradstraße",
        "66.1",
        [5],
        "Eine Nebenstraße in {q} soll Fahrradstraße werden, damit Radfahrende sicher und zügig vorankommen.",
        "Führung der Fahrradstraße, Parken und Lieferzonen.",
    ),
    (
        "Sanierung Grundschule",
        "FB 18",
        [7],
        "Die Grundschule in {q} wird saniert und für den Ganztag erweitert.",
        "Gestaltung von Mensa, Schulhof und Räumen für den Ganztag.",
    ),
    (
        "Jugendtreff",
        "51.5",
        [3],
        "In {q} soll ein offener Treffpunkt für Jugendliche entstehen.",
        "Einrichtung, Öffnungszeiten und Angebote des Treffs.",
    ),
    (
        "Quartiersplatz",
        "61.4",
        [1, 5],
        "Der zentrale Platz in {q} soll als Treffpunkt für die Nachbarschaft gestaltet werden.",
        "Nutzung und Ausstattung des Platzes.",
    ),
    (
        "Barrierefreie Haltestellen",
        "FB 66",
        [4, 5],
        "Die Bushaltestellen in {q} werden barrierefrei ausgebaut.",
        "Reihenfolge des Ausbaus und Ausstattung der Haltestellen.",
    ),
    (
        "Stadtteilbibliothek",
        "18.2",
        [7, 8],
        "Die Stadtteilbibliothek in {q} wird modernisiert und bekommt längere Öffnungszeiten.",
        "Angebote, Raumaufteilung und Öffnungszeiten.",
    ),
    (
        "Sportplatz",
        "FB 52",
        [3, 8],
        "Der Sportplatz in {q} wird erneuert und für Schulen und Vereine besser nutzbar.",
        "Ausstattung und Nutzungszeiten des Sportplatzes.",
    ),
    (
        "Gemeinschaftsgarten",
        "FB 67",
        [2, 6],
        "Auf einer städtischen Fläche in {q} kann ein Gemeinschaftsgarten entstehen.",
        "Gestaltung und Regeln des Gemeinschaftsgartens.",
    ),
    (
        "Kulturtreff",
        "FB 41",
        [8, 2],
        "Der Kulturtreff in {q} bekommt neue Räume für Vereine und Veranstaltungen.",
        "Raumprogramm und Belegungsregeln.",
    ),
    (
        "Schulwegsicherung",
        "66.1",
        [3, 5],
        "Die Schulwege in {q} werden sicherer: Querungen, Markierungen und Tempo 30.",
        "Lage der Querungen und Maßnahmen an Gefahrenstellen.",
    ),
    (
        "Schulhof-Entsiegelung",
        "FB 18",
        [3, 6],
        "Ein Schulhof in {q} wird entsiegelt und begrünt, damit er an heißen Tagen kühler ist.",
        "Aufteilung des Schulhofs, Spielbereiche und Schulgarten.",
    ),
    (
        "Sitzbänke für Ältere",
        "FB 67",
        [4, 5],
        "Entlang wichtiger Wege in {q} kommen Bänke, damit ältere Menschen Pausen machen können.",
        "Standorte der Bänke.",
    ),
    (
        "Hitzeschutz und Trinkbrunnen",
        "67.3",
        [6, 4],
        "In {q} entstehen schattige Orte und Trinkbrunnen zum Schutz vor Hitze.",
        "Orte für Schatten und Trinkbrunnen.",
    ),
    (
        "Regenwassermanagement",
        "67.3",
        [6],
        "In {q} soll Regenwasser vor Ort versickern, um Überflutungen zu vermeiden.",
        "Flächen für Versickerung und Gestaltung der Mulden.",
    ),
    (
        "Familienzentrum",
        "FB 51",
        [3, 1],
        "In {q} wird eine Kita zum Familienzentrum mit Beratung und Treffpunkt erweitert.",
        "Angebote und Öffnungszeiten des Familienzentrums.",
    ),
    (
        "Treffpunkt für Senior*innen",
        "FB 51",
        [4],
        "In {q} entsteht ein Treffpunkt für ältere Menschen mit Mittagstisch und Beratung.",
        "Angebote und Ausstattung des Treffpunkts.",
    ),
    (
        "Lückenschluss Radweg",
        "FB 66",
        [5],
        "Eine Lücke im Radwegenetz in {q} wird geschlossen.",
        "Führung des Radwegs und Querungen.",
    ),
    (
        "Beleuchtung Fußwege",
        "FB 66",
        [5, 4],
        "Dunkle Fußwege in {q} bekommen eine sparsame, insektenfreundliche Beleuchtung.",
        "Welche Wege zuerst beleuchtet werden.",
    ),
    (
        "Blühwiesen",
        "FB 67",
        [6],
        "Rasenflächen in {q} werden zu Blühwiesen für Insekten.",
        "Auswahl der Flächen und Pflegepatenschaften.",
    ),
    (
        "Stadtteilzentrum",
        "61.4",
        [9, 1],
        "Das Stadtteilzentrum in {q} soll mit Nahversorgung und Treffpunkten gestärkt werden.",
        "Nutzungen und Gestaltung des Zentrums.",
    ),
    (
        "Kita-Außengelände",
        "FB 51",
        [3],
        "Das Außengelände einer Kita in {q} wird naturnah umgestaltet.",
        "Gestaltung des Außengeländes.",
    ),
    (
        "Skateanlage",
        "FB 52",
        [3, 8],
        "In {q} entsteht eine Skateanlage, die Jugendliche mitplanen.",
        "Elemente und Lage der Skateanlage.",
    ),
]
STATUSES = [
    "idea",
    "preparation",
    "participation",
    "participation",
    "evaluation",
    "decided",
    "implementation",
    "completed",
    "stopped",
]
DECISION_MAKERS = [
    "Stadtbezirksrat {d}",
    "Ausschuss für Stadtentwicklung und Bauen",
    "Rat der Landeshauptstadt Hannover",
]


def _batched(model, objects, **kwargs):
    created = []
    for start in range(0, len(objects), BATCH):
        created.extend(model.objects.bulk_create(objects[start : start + BATCH], batch_size=BATCH, **kwargs))
    return created


def seed_scale(rng, count: int, today: datetime.date | None = None) -> dict:
    """Add `count` plans with processes. The demo administration must exist (seed_base first)."""
    today = today or timezone.localdate()
    now = timezone.now()
    units = {u.short_name: u for u in OrgUnit.objects.all()}
    quarters = list(Quarter.objects.select_related("district").order_by("district__number", "name"))
    fields = {f.position: f for f in FieldOfAction.objects.all()}
    staff = _staff_by_department(units)
    papers = list(CouncilPaper.objects.all()[:40])

    plans, plan_quarters, plan_districts, plan_fields, plan_papers, process_specs = [], [], [], [], [], []
    for n in range(count):
        topic, unit_short, field_positions, summary, subject = TOPICS[rng.randrange(len(TOPICS))]
        quarter = quarters[rng.randrange(len(quarters))]
        citywide = rng.random() < 0.02
        year = today.year + rng.randint(-3, 6)
        status = rng.choice(STATUSES)
        participation = rng.random() < 0.85
        title = f"{topic} {quarter.name} {year}" if not citywide else f"{topic}: gesamtstädtisches Programm {year}"
        lat, lon = QUARTER_POINTS[quarter.name]
        with_point = not citywide and rng.random() < 0.8
        start = datetime.date(year, rng.randint(1, 12), 1)
        plan = Plan(
            title=title,
            summary=summary.format(q=quarter.name if not citywide else "allen Stadtbezirken"),
            description=f"<p>{summary.format(q=quarter.name)}</p><p>Das Vorhaben ist Teil der Planung des Fachbereichs für {year}.</p>",
            easy_language_summary=f"In {quarter.name} plant die Stadt: {topic}.",
            is_citywide=citywide,
            latitude=decimal.Decimal(f"{lat + rng.uniform(-0.004, 0.004):.6f}") if with_point else None,
            longitude=decimal.Decimal(f"{lon + rng.uniform(-0.005, 0.005):.6f}") if with_point else None,
            lead_unit=units[unit_short],
            status=status,
            cost_estimate=decimal.Decimal(rng.randrange(50, 5000) * 1000) if rng.random() < 0.8 else None,
            schedule_start=start,
            schedule_end=start + datetime.timedelta(days=rng.randint(90, 1200)),
            participation_planned=participation,
            no_participation_reason=""
            if participation
            else "Gesetzlich geregeltes Verfahren ohne Gestaltungsspielraum.",
            published_at=None
            if rng.random() < 0.04
            else now - datetime.timedelta(days=rng.randint(1, 1500), minutes=n),
        )
        plan.search_text = search_text(plan)
        plans.append(plan)
        plan_fields.append([fields[p] for p in field_positions])
        plan_quarters.append([] if citywide else [quarter])
        plan_districts.append([] if citywide else [quarter.district])
        plan_papers.append([papers[rng.randrange(len(papers))]] if papers and rng.random() < 0.3 else [])
        if participation and status != "idea":
            process_specs.append((n, topic, subject, quarter, status))

    plans = _batched(Plan, plans)
    _link(Plan.districts.through, "district", plans, plan_districts)
    _link(Plan.quarters.through, "quarter", plans, plan_quarters)
    _link(Plan.fields_of_action.through, "fieldofaction", plans, plan_fields)
    _link(Plan.council_papers.through, "councilpaper", plans, plan_papers)
    processes = _processes(rng, plans, process_specs, units, staff, today)
    return {"plans": len(plans), "processes": processes}


def _link(through, name, plans, values):
    rows = [through(plan_id=plan.pk, **{f"{name}_id": obj.pk}) for plan, objs in zip(plans, values) for obj in objs]
    _batched(through, rows)


def _staff_by_department(units) -> dict[int, list[User]]:
    """Possible lead contacts by unit id: staff of that very unit (as the services require)."""
    result: dict[int, list[User]] = {}
    users = list(
        User.objects.filter(org_unit__isnull=False, role_set__kind="department").select_related("org_unit").distinct()
    )
    for unit in units.values():
        result[unit.pk] = [u for u in users if u.org_unit_id == unit.pk] or users[:2]
    return result


def _processes(rng, plans, specs, units, staff, today) -> int:
    processes, concept_rows, goal_rows, phase_rows = [], [], [], []
    by_id = {u.pk: u for u in units.values()}
    for index, topic, subject, quarter, status in specs:
        plan = plans[index]
        team = staff[plan.lead_unit_id]
        lead = team[rng.randrange(len(team))]
        deputy = next((u for u in team if u.pk != lead.pk), None)
        published = plan.published_at is not None and rng.random() < 0.95
        process = Process(
            plan=plan,
            title=f"Beteiligung: {topic} {quarter.name}",
            lead_contact=lead,
            deputy=deputy,
            published_at=plan.published_at + datetime.timedelta(days=rng.randint(3, 30)) if published else None,
        )
        dm = rng.choice(DECISION_MAKERS).format(d=quarter.district.name)
        spec = {
            "subject": subject,
            "open": "Gestaltung im Einzelnen, Reihenfolge und Ausstattung.",
            "fixed": "Standort, Kostenrahmen und rechtliche Vorgaben.",
            "dm": dm,
            "where": "öffentliche Sitzung",
            "when": "nach der Auswertung der Beteiligung",
            "groups": f"Menschen in {quarter.name}; Ansprache über Aushänge, Stadtteiltreffs und Schulen",
            "mult": f"Stadtbezirksrat {quarter.district.name}, Stadtteiltreffs, Vereine",
            "goal": ("Die Nachbarschaft einbeziehen", "Zahl der Beiträge", f"mindestens {rng.randrange(50, 400, 10)}"),
        }
        department = plan.lead_unit if plan.lead_unit.kind != OrgUnit.Kind.SECTION else by_id[plan.lead_unit.parent_id]
        data = concepts.concept_data(spec, rng, department, ["Koordinierungsstelle für Beteiligung"])
        # the long texts as the services store them: sanitised HTML
        data.update({name: rich_text_html(data[name]) for name in Concept.RICH_TEXT_FIELDS})
        phase_list = concepts.phases(status, spec, today)
        processes.append(process)
        concept_rows.append(data)
        goal_rows.append(concepts.goals(spec, phase_list))
        phase_rows.append(phase_list)

    processes = _batched(Process, processes)
    concept_objs = _batched(
        Concept,
        [
            Concept(process=p, current_version=1 if p.published_at else 0, **data)
            for p, data in zip(processes, concept_rows)
        ],
    )
    _batched(
        Goal,
        [Goal(concept=c, position=i, **g) for c, goals in zip(concept_objs, goal_rows) for i, g in enumerate(goals)],
    )
    _batched(Phase, [Phase(process=p, **ph) for p, phases in zip(processes, phase_rows) for ph in phases])
    _batched(
        ConceptVersion,
        [
            ConceptVersion(
                concept=c,
                number=1,
                org_unit=p.plan.lead_unit,
                author=p.lead_contact,
                change_note="Erste Veröffentlichung",
                snapshot=_snapshot(p, data, goals, phases),
            )
            for p, c, data, goals, phases in zip(processes, concept_objs, concept_rows, goal_rows, phase_rows)
            if p.published_at
        ],
    )
    return len(processes)


def _snapshot(process, data, goals, phases) -> dict:
    """The same JSON that processes.versioning.snapshot makes, built from memory."""
    snap = {"title": process.title}
    for name in versioning.TEXT_FIELDS:
        snap[name] = data.get(name, "")
    snap["external_costs"] = str(decimal.Decimal(data["external_costs"]).quantize(decimal.Decimal("0.01")))
    snap["external_moderation"] = data["external_moderation"]
    snap["goals"] = [{**g, "due_date": g["due_date"].isoformat()} for g in goals]
    snap["phases"] = [{**p, "start": p["start"].isoformat(), "end": p["end"].isoformat()} for p in phases]
    snap["lead_contact"] = versioning._contact(process.lead_contact)
    snap["deputy"] = versioning._contact(process.deputy)
    return snap
