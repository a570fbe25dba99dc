"""The outcomes of the demo: events, initiatives, results with recommendations, decisions, milestones with
updates, and a published evaluation. Everything goes through the services (the audit log shows it)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from stadtdialog.dialog import services as dialog_services
from stadtdialog.evaluation import services as evaluation_services
from stadtdialog.evaluation.models import Question
from stadtdialog.events import services as event_services
from stadtdialog.initiatives import services as initiative_services
from stadtdialog.initiatives.models import Initiative
from stadtdialog.organisation.models import District, OrgUnit, Quarter
from stadtdialog.outcomes.models import Decision, Milestone
from stadtdialog.outcomes.services import decision as decision_services
from stadtdialog.outcomes.services import implementation
from stadtdialog.outcomes.services import results as result_services
from stadtdialog.processes.models import Goal

DAY = datetime.timedelta(days=1)

# (plan title, days from today, hour, hours long, format, title, place, address, features, registration capacity, minutes)
EVENTS = [
    (
        "Umgestaltung Küchengarten-Platz",
        8,
        17,
        3,
        "workshop",
        "Werkstatt: Wie soll der Küchengarten-Platz aussehen?",
        "Freizeitheim Linden, Saal 1",
        "Windheimstraße 4, 30451 Hannover",
        {
            "step_free": True,
            "hearing_loop": True,
            "childcare": True,
            "accessibility_note": "Der Saal ist stufenlos über den Seiteneingang erreichbar; eine barrierefreie Toilette ist vorhanden.",
        },
        40,
        "",
    ),
    (
        "Klimaanpassungsstrategie Hannover 2035",
        12,
        18,
        2,
        "info_event",
        "Infoabend: Hannover gegen Hitze und Starkregen",
        "Neues Rathaus, Hodlersaal",
        "Trammplatz 2, 30159 Hannover",
        {"step_free": True, "hearing_loop": True, "sign_language": True, "easy_language": True},
        None,
        "",
    ),
    (
        "Stadtteilpark Stöcken",
        5,
        15,
        2,
        "walk",
        "Parkspaziergang mit der Grünplanung",
        "Treffpunkt: Eingang Eichsfelder Straße",
        "Eichsfelder Straße, 30419 Hannover",
        {
            "accessibility_note": "Die Wege sind überwiegend befestigt; ein Abschnitt ist mit dem Rollstuhl schwer befahrbar."
        },
        None,
        "",
    ),
    (
        "Umgestaltung Küchengarten-Platz",
        -20,
        18,
        2,
        "info_event",
        "Auftakt: Informationsabend zum Küchengarten-Platz",
        "Kulturzentrum Faust, Warenannahme",
        "Zur Bettfedernfabrik 3, 30451 Hannover",
        {"step_free": True, "hearing_loop": True},
        None,
        "Etwa 90 Personen nahmen teil. Die Verwaltung stellte Anlass, Zeitplan und Gestaltungsspielraum vor.\n\n"
        "In den Gesprächen an den Stellwänden ging es vor allem um Schatten, Sitzplätze, den Wochenmarkt und die "
        "Lieferzonen der Geschäfte. Alle Hinweise wurden als Beiträge in den Online-Dialog übernommen.\n\n"
        "Nächster Schritt: die Werkstatt vor Ort, zu der hier eingeladen wird.",
    ),
    (
        "Verkehrsberuhigung Sallstraße",
        -12,
        17,
        2,
        "walk",
        "Straßenbegehung Sallstraße",
        "Treffpunkt: Ecke Sallstraße / Geibelstraße",
        "Sallstraße, 30171 Hannover",
        {"step_free": True},
        None,
        "25 Anwohnerinnen und Anwohner gingen die Straße mit der Verkehrsplanung ab. An drei Stellen wurden "
        "gefährliche Querungen gezeigt; sie sind im Plan der Beiträge markiert.",
    ),
]

# Results: (plan title, summary, recommendations, verdicts (outcome, reason), milestones)
OUTCOMES = {
    "Neugestaltung Steintorplatz": {
        "summary": "<p>Im Dialog kamen 214 Beiträge zusammen. Die Beteiligten wünschen sich einen grünen, schattigen "
        "Platz mit Sitzgelegenheiten, der auch für Veranstaltungen offen bleibt.</p>",
        "recommendations": [
            ("Mindestens 20 neue Bäume pflanzen und die Fläche zu einem Drittel entsiegeln.", "followed", ""),
            (
                "Eine Fläche von 2 000 m² für Märkte und Veranstaltungen frei halten.",
                "partly",
                "Der Rat beschließt 1 500 m², damit die Baumreihe an der Westseite durchgehend gepflanzt werden kann.",
            ),
            (
                "Den Platz vollständig autofrei gestalten, auch ohne Lieferzone.",
                "not_followed",
                "Die Geschäfte an der Goethestraße müssen beliefert werden; eine Lieferzone am Südrand bleibt, "
                "zeitlich beschränkt auf 6 bis 11 Uhr.",
            ),
        ],
        "decision": (
            "Rat der Landeshauptstadt Hannover",
            "Rat",
            "Der Rat beschließt die Neugestaltung des Steintorplatzes "
            "nach dem Entwurf der Verwaltung mit den Änderungen aus der Beteiligung.",
            "61.1",
        ),
    },
    "Quartiersplatz Kronsberg-Süd": {
        "summary": "<p>Bei zwei Quartiersspaziergängen und online haben 160 Menschen mitgeplant. Im Mittelpunkt "
        "standen Spielflächen, Schatten und ein Treffpunkt für alle Generationen.</p>",
        "recommendations": [
            ("Einen Spielbereich für Kinder bis zwölf Jahre mit Wasserspiel anlegen.", "followed", ""),
            ("Einen überdachten Treffpunkt für Jugendliche schaffen.", "followed", ""),
            (
                "Eine öffentliche Toilette am Platz bauen.",
                "not_followed",
                "Bau und Unterhalt einer Toilette übersteigen das Budget. Die Toilette im benachbarten "
                "Stadtteilzentrum ist künftig zu dessen Öffnungszeiten öffentlich zugänglich.",
            ),
        ],
        "decision": (
            "Stadtbezirksrat Kirchrode-Bemerode-Wülferode",
            "Stadtbezirksrat",
            "Der Stadtbezirksrat beschließt die Gestaltung des Quartiersplatzes nach den Empfehlungen der "
            "Beteiligung, mit Ausnahme der Toilette.",
            "61.4",
        ),
    },
}
EVALUATION_PLAN = "Dorfplatz Wülferode"


def seed_outcomes(rng, by_plan, residents, logins, today) -> dict:
    return {
        "events": _seed_events(by_plan, today),
        "initiatives": _seed_initiatives(by_plan, residents, logins, today),
        "results": sum(
            _seed_result(by_plan[title], spec, today) for title, spec in OUTCOMES.items() if title in by_plan
        ),
        "evaluations": _seed_evaluation(rng, by_plan.get(EVALUATION_PLAN)),
    }


# --- events ------------------------------------------------------------------------------------------


def _at(today, days, hour):
    moment = datetime.datetime.combine(today + days * DAY, datetime.time(hour))
    return timezone.make_aware(moment)


def _seed_events(by_plan, today) -> int:
    count = 0
    for plan, days, hour, hours, format_, title, place, address, features, capacity, minutes in EVENTS:
        process = by_plan.get(plan)
        if process is None:
            continue
        start = _at(today, days, hour)
        lead = process.lead_contact
        data = {
            "title": title,
            "format": format_,
            "start": start,
            "end": start + datetime.timedelta(hours=hours),
            "place_name": place,
            "address": address,
            "process": process,
            "org_unit": process.plan.lead_unit,
            "description": f"Eine Veranstaltung der Beteiligung „{process.title}“.\n\n"
            "Alle sind willkommen; Getränke stehen bereit.",
            "registration_required": capacity is not None,
            "capacity": capacity,
            **features,
        }
        event = event_services.create_event(lead, data)
        event_services.publish_event(lead, event)
        if minutes:
            event_services.save_documentation(lead, event, minutes)
        count += 1
    return count


# --- initiatives -------------------------------------------------------------------------------------


def _seed_initiatives(by_plan, residents, logins, today) -> int:
    coordination, council = logins.get("coordination"), logins.get("council_member")
    linden = District.objects.get(number=10)
    suedstadt = Quarter.objects.select_related("district").get(name="Südstadt").district
    fb61, fb67 = OrgUnit.objects.get(short_name="FB 61"), OrgUnit.objects.get(short_name="FB 67")
    # received: a resident's idea, not yet reviewed
    initiative_services.submit_initiative(
        residents[0],
        kind=Initiative.Kind.PLAN_IDEA,
        title="Trinkwasserbrunnen am Lindener Marktplatz",
        district=linden,
        description="Auf dem Lindener Marktplatz gibt es im Sommer kein kostenloses Trinkwasser. "
        "Ein Brunnen würde Marktbesuchern, Kindern und Radfahrenden helfen.",
    )
    count = 1
    if coordination is None:
        return count
    # in review: a request for a participation process, assigned to the department
    request = initiative_services.submit_initiative(
        residents[1],
        kind=Initiative.Kind.PROCESS_REQUEST,
        title="Beteiligung zur Umgestaltung des Stephansplatzes",
        district=suedstadt,
        description="Der Stephansplatz soll neu gestaltet werden. Wir bitten darum, dass Anwohnende, die "
        "Kita und die Geschäfte am Platz vorher gefragt werden.",
    )
    initiative_services.assign_department(coordination, request, fb61)
    initiative_services.change_state(coordination, request, Initiative.State.IN_REVIEW)
    count += 1
    # declined with a reason
    declined = initiative_services.submit_initiative(
        residents[2],
        kind=Initiative.Kind.PLAN_IDEA,
        title="Seilbahn von der Innenstadt zum Maschsee",
        district=None,
        description="Eine Seilbahn würde Touristen und Pendler schnell zum Maschsee bringen.",
    )
    initiative_services.assign_department(coordination, declined, fb67)
    initiative_services.change_state(
        coordination,
        declined,
        Initiative.State.DECLINED,
        "Der Maschsee ist mit Stadtbahn, Bus und Rad gut erreichbar. Eine Seilbahn wäre teuer im Bau und "
        "Betrieb und würde das Landschaftsschutzgebiet beeinträchtigen.",
    )
    count += 1
    # accepted: a motion of the district council, followed by a participation process
    if council is not None:
        motion = initiative_services.submit_initiative(
            council,
            kind=Initiative.Kind.COUNCIL_MOTION,
            title="Bürgerbeteiligung zur Neugestaltung des Küchengarten-Platzes",
            district=linden,
            council_decision_date=today - 200 * DAY,
            motion_number="15-0417/2026",
            description="Der Stadtbezirksrat Linden-Limmer bittet die Verwaltung, die Menschen im Stadtteil "
            "an der Neugestaltung des Küchengarten-Platzes zu beteiligen.",
        )
        initiative_services.assign_department(coordination, motion, fb61)
        initiative_services.change_state(
            coordination,
            motion,
            Initiative.State.REFERRED,
            "An den Stadtbezirksrat Linden-Limmer zur Beratung überwiesen.",
        )
        process = by_plan.get("Umgestaltung Küchengarten-Platz")
        reason = "Die Beteiligung läuft; siehe den verknüpften Beteiligungsprozess."
        try:
            initiative_services.change_state(coordination, motion, Initiative.State.ACCEPTED, reason, process=process)
        except ValidationError:
            initiative_services.change_state(coordination, motion, Initiative.State.ACCEPTED, reason)
        count += 1
    return count


# --- results, decisions, milestones ------------------------------------------------------------------


def _decision_day(process, today):
    dates = [p.end for p in process.phases.all() if p.kind == "decision"]
    return min(dates[0], today) if dates else today - 30 * DAY


def _seed_result(process, spec, today) -> int:
    lead = process.lead_contact
    onsite = []
    for source, note, kind, title, text in [
        (
            "workshop",
            "Planungswerkstatt",
            "idea",
            "Mehr Grün und Schatten",
            "Die Gruppe am Tisch 3 wünscht sich vor allem Bäume und Schatten an den Sitzplätzen.",
        ),
        (
            "postcard",
            "Postkarte vom Quartiersspaziergang",
            "concern",
            "Platz für Veranstaltungen",
            "Bitte genug freie Fläche für Feste und den Markt lassen.",
        ),
    ]:
        onsite.append(
            dialog_services.enter_onsite_contribution(
                lead, process, kind=kind, title=title, text=text, source=source, source_note=note
            )
        )
    recommendations = [{"id": None, "text": text} for text, _o, _r in spec["recommendations"]]
    result = result_services.save_result(
        lead, process, summary=spec["summary"], recommendations=recommendations, contributions=onsite
    )
    result_services.publish_result(lead, process)
    recs = list(result.recommendations.order_by("position"))
    verdicts = {
        rec.pk: (outcome, reason) for rec, (_t, outcome, reason) in zip(recs, spec["recommendations"], strict=True)
    }
    maker, body, text, unit = spec["decision"]
    decision_services.save_decision(
        lead,
        process,
        decision_maker=maker,
        body=body,
        date=_decision_day(process, today),
        text=f"<p>{text}</p>",
        responsible_kind=Decision.Responsible.UNIT,
        responsible_unit=OrgUnit.objects.get(short_name=unit),
        verdicts=verdicts,
        publish=True,
    )
    _seed_milestones(lead, process, today)
    return 1


def _seed_milestones(lead, process, today) -> None:
    """A parent milestone with children: one done, one in progress, one overdue; and one planned later."""
    start = _decision_day(process, today) + 30 * DAY
    parent = implementation.create_milestone(
        lead,
        process,
        title="Bau des ersten Abschnitts",
        planned_start=start,
        planned_end=today + 120 * DAY,
        status=Milestone.Status.IN_PROGRESS,
        description="Pflaster, Bäume und Ausstattung im Nordteil.",
    )
    children = [
        ("Ausführungsplanung und Ausschreibung", start, start + 40 * DAY, Milestone.Status.DONE, 100),
        ("Baumpflanzungen", start + 45 * DAY, today - 10 * DAY, Milestone.Status.DELAYED, 60),
        ("Pflaster- und Entwässerungsarbeiten", start + 45 * DAY, today + 90 * DAY, Milestone.Status.IN_PROGRESS, 40),
    ]
    created = []
    for title, begin, end, status, progress in children:
        begin = min(begin, end)
        data = {
            "title": title,
            "planned_start": begin,
            "planned_end": end,
            "status": status,
            "progress": progress,
            "parent": parent,
        }
        if status == Milestone.Status.DONE:
            data.update(actual_start=begin, actual_end=end)
        created.append(implementation.create_milestone(lead, process, **data))
    implementation.create_milestone(
        lead,
        process,
        title="Einweihungsfest mit der Nachbarschaft",
        planned_start=today + 150 * DAY,
        planned_end=today + 150 * DAY,
        status=Milestone.Status.PLANNED,
    )
    implementation.add_update(
        lead,
        process,
        text="Die Ausschreibung ist abgeschlossen; eine Firma aus Hannover hat den Zuschlag erhalten.",
        milestone=created[0],
        date=min(start + 40 * DAY, today),
    )
    implementation.add_update(
        lead,
        process,
        text="Die Baumpflanzungen verzögern sich: Die Baumschule konnte wegen der Trockenheit nicht "
        "rechtzeitig liefern. Neuer Termin ist der Herbst.",
        milestone=created[1],
        date=today - 5 * DAY,
    )


# --- evaluation --------------------------------------------------------------------------------------

GOAL_RATINGS = [
    (
        "312 Beiträge und 45 Teilnehmende an der Werkstatt",
        "achieved",
        "Mehr Beteiligte als erwartet, vor allem durch den Infostand beim Dorffest.",
    ),
    (
        "82 Prozent der Beiträge mit veröffentlichter Rückmeldung",
        "partly",
        "Zu den Postkarten kamen die Rückmeldungen erst nach der Entscheidung.",
    ),
]
PAPER_TEXTS = [
    "Die Werkstatt im Dorfgemeinschaftshaus war gut organisiert.",
    "Die Einladung kam zu spät; ich habe nur durch Zufall davon erfahren.",
    "Mehr Termine am Wochenende wären gut.",
    "Schön, dass man sieht, was aus den Vorschlägen geworden ist.",
]


def _seed_evaluation(rng, process) -> int:
    if process is None:
        return 0
    lead = process.lead_contact
    evaluation = evaluation_services.start_evaluation(lead, process)
    extra = evaluation_services.add_question(
        lead, evaluation, "Was sollten wir beim nächsten Mal anders machen?", Question.Kind.TEXT
    )
    goals = list(Goal.objects.filter(concept__process=process).order_by("position", "id"))
    evaluation_services.save_goal_assessments(
        lead,
        evaluation,
        [
            (goal, {"measured_value": value, "rating": rating, "comment": comment})
            for goal, (value, rating, comment) in zip(goals, GOAL_RATINGS, strict=False)
        ],
    )
    questions = list(evaluation.questions.all())
    for text in PAPER_TEXTS:
        answers = [
            (q, None, text) if q.pk == extra.pk or q.kind == Question.Kind.TEXT else (q, rng.randint(2, 5), "")
            for q in questions
        ]
        evaluation_services.submit_paper(lead, evaluation, answers)
    evaluation_services.save_lessons(
        lead,
        evaluation,
        "Der Infostand beim Dorffest hat mehr Menschen erreicht als alle Online-Angebote zusammen; beim nächsten "
        "Mal planen wir von Anfang an Termine vor Ort ein. Rückmeldungen zu Postkarten müssen schneller kommen: "
        "Künftig antwortet die Verwaltung innerhalb von vier Wochen, auch wenn die Entscheidung noch aussteht. "
        "Die Einladungen sollen mindestens drei Wochen vorher im Ortsblatt stehen.",
    )
    evaluation_services.publish(lead, evaluation)
    return 1
