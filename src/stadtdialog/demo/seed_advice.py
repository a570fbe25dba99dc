"""The demo of consultation requests, work aids, a networking meeting and a training (issue 15).

Fachbereich Planen und Stadtentwicklung asks the coordination office for the moderation of a Bürgerwerkstatt (an
advisor is assigned, the request is in progress, with an internal note); Umwelt und Stadtgrün asks about an
accessible site walk (new); a finished request on a concept. The work aids are small real PDFs (WeasyPrint), the
invitation letter in a second version. A Netzwerktreffen Bürgerbeteiligung in the Neues Rathaus is coming, the
training "Beteiligung moderieren" took place last week with recorded attendance, and a second training is open for
registration. Everything goes through the services, as people would do it."""

import datetime
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from stadtdialog.accounts.models import User
from stadtdialog.core.pdf import render_pdf
from stadtdialog.events import services as event_services
from stadtdialog.events.models import Event, Registration
from stadtdialog.office.models_advice import ConsultationRequest, WorkAid
from stadtdialog.office.services import advice as services
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.processes.models import Process

from .logins import demo_login

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEUES_RATHAUS = ("Neues Rathaus, Mosaiksaal", "Trammplatz 2, 30159 Hannover")

WORK_AIDS = [
    {
        "title": "Checkliste Beteiligungskonzept",
        "kind": WorkAid.Kind.CHECKLIST,
        "description": "Die Fragen, die ein Beteiligungskonzept beantworten sollte, bevor es in die Gremien geht: "
        "Anlass, Ziele, Gestaltungsspielraum, Zielgruppen, Methoden, Zeitplan, Ressourcen und die Rückmeldung an "
        "die Beteiligten.",
        "targets": ("for_staff", "for_politics"),
        "public": True,
        "intro": "Gehen Sie die Fragen gemeinsam im Projektteam durch.",
        "items": [
            "Worum geht es, und was ist schon entschieden?",
            "Welcher Spielraum besteht für die Beteiligung?",
            "Wer ist betroffen, wer wird oft nicht erreicht?",
            "Welche Methoden passen zu Ziel und Zielgruppen?",
            "Wie und wann erfahren die Beteiligten, was aus ihren Beiträgen geworden ist?",
        ],
    },
    {
        "title": "Musteranschreiben Einladung",
        "kind": WorkAid.Kind.TEMPLATE,
        "description": "Vorlage für die Einladung zu einer Beteiligungsveranstaltung mit Hinweisen zu "
        "Barrierefreiheit, Anmeldung und Kinderbetreuung.",
        "targets": ("for_staff",),
        "public": False,
        "intro": "Sehr geehrte Damen und Herren, wir laden Sie herzlich ein …",
        "items": ["Anlass und Ziel in zwei Sätzen", "Ort, Datum, Uhrzeit", "Anmeldung und Kontakt", "Barrierefreiheit"],
    },
    {
        "title": "Checkliste barrierefreie Veranstaltung",
        "kind": WorkAid.Kind.CHECKLIST,
        "description": "Vom stufenlosen Eingang über die Induktionsschleife bis zur Gebärdensprache: was bei "
        "Einladung, Raum und Ablauf einer Veranstaltung zu bedenken ist.",
        "targets": ("for_staff", "for_politics", "for_residents"),
        "public": True,
        "intro": "Prüfen Sie den Raum vor der Buchung vor Ort.",
        "items": [
            "Stufenloser Zugang und barrierefreie Toilette",
            "Induktionsschleife oder Höranlage",
            "Gebärdensprache und Schriftdolmetschen auf Anfrage",
            "Einladung in Leichter Sprache",
            "Pausen und ruhiger Rückzugsraum",
        ],
    },
    {
        "title": "Leitfaden Leichte Sprache",
        "kind": WorkAid.Kind.GUIDE,
        "description": "Kurze Sätze, bekannte Wörter, ein Gedanke pro Satz: wie Einladungen und Ergebnisse in "
        "Leichter Sprache geschrieben werden.",
        "targets": ("for_staff", "for_residents"),
        "public": True,
        "intro": "Schreiben Sie für Menschen, die nicht gut lesen können.",
        "items": ["Kurze Sätze", "Keine Fremdwörter", "Zahlen als Ziffern", "Lassen Sie den Text prüfen"],
    },
]


def _pdf(spec: dict, version: str) -> SimpleUploadedFile:
    content = render_pdf(
        "demo/work_aid_pdf.html",
        {"title": spec["title"], "intro": spec["intro"], "items": spec["items"], "version": version},
    )
    return SimpleUploadedFile("arbeitshilfe.pdf", content, content_type="application/pdf")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def _event(office: User, unit: OrgUnit, **data) -> Event:
    place, address = NEUES_RATHAUS
    base = {
        "place_name": place,
        "address": address,
        "latitude": None,
        "longitude": None,
        "org_unit": unit,
        "step_free": True,
        "hearing_loop": True,
        "sign_language": True,
        "accessibility_note": "Eingang Trammplatz, Aufzug zum Mosaiksaal.",
    }
    event = event_services.create_event(office, {**base, **data})
    return event_services.publish_event(office, event)


def seed(today: datetime.date | None = None) -> dict:
    """Create the demo of issue 15, items 6 to 8; returns counts."""
    today = today or timezone.localdate()
    if ConsultationRequest.objects.exists() or WorkAid.objects.exists():  # a second seed in the same database
        return {"requests": 0, "work_aids": 0, "events": 0}
    office = User.objects.get(email=demo_login("coordination")["email"])
    fb61 = User.objects.get(email=demo_login("fb61")["email"])
    fb67 = User.objects.get(email=demo_login("fb67")["email"])
    resident = User.objects.get(email=demo_login("resident")["email"])
    council = User.objects.get(email=demo_login("council_member")["email"])
    planning = OrgUnit.objects.get(short_name="FB 61")
    green = OrgUnit.objects.get(short_name="FB 67")
    coordination_unit = office.org_unit or planning

    # --- consultation requests ------------------------------------------------------------------------
    process = Process.objects.filter(plan__lead_unit=planning).order_by("id").first()
    workshop = services.request_consultation(
        fb61,
        topic=ConsultationRequest.Topic.MODERATION,
        title="Moderation der Bürgerwerkstatt zum Stadtteilzentrum",
        description="Für die Bürgerwerkstatt an einem Samstag erwarten wir rund 80 Personen in vier "
        "Arbeitsgruppen. Wir bitten um die Moderation und um Unterstützung bei der Dokumentation; die "
        "Ergebnisse sollen in den Entwurf der Planung einfließen.",
        org_unit=planning,
        process=process,
        wished_date=today + datetime.timedelta(days=38),
    )
    services.handle_consultation(office, workshop, advisor=office, status=ConsultationRequest.Status.ASSIGNED)
    services.add_consultation_note(
        office,
        workshop,
        "Vorgespräch mit Frau Petersen geführt: vier Tische, zwei Co-Moderationen aus dem Pool anfragen, "
        "Gebärdensprache bestellen.",
    )
    services.handle_consultation(
        office, workshop, advisor=office, status=ConsultationRequest.Status.IN_PROGRESS, process=process
    )
    walk = services.request_consultation(
        fb67,
        topic=ConsultationRequest.Topic.ACCESSIBILITY,
        title="Barrierefreie Begehung im Stadtpark",
        description="Wir planen eine Begehung mit Anwohnenden zur Umgestaltung der Wege. Wie gestalten wir sie so, "
        "dass Menschen mit Rollstuhl, Rollator oder Kinderwagen gut teilnehmen können?",
        org_unit=green,
        wished_date=today + datetime.timedelta(days=60),
    )
    concept = services.request_consultation(
        fb61,
        topic=ConsultationRequest.Topic.CONCEPT,
        title="Beteiligungskonzept für den Rahmenplan",
        description="Bitte um eine Durchsicht unseres Konzeptentwurfs vor der Vorlage im Bauausschuss.",
        org_unit=planning,
    )
    services.handle_consultation(office, concept, advisor=office, status=ConsultationRequest.Status.DONE)

    # --- work aids ------------------------------------------------------------------------------------
    aids = {}
    for spec in WORK_AIDS:
        aids[spec["title"]] = services.create_work_aid(
            office,
            title=spec["title"],
            description=spec["description"],
            kind=spec["kind"],
            is_public=spec["public"],
            file=_pdf(spec, "1.0"),
            label="1.0",
            issued_on=today - datetime.timedelta(days=200),
            changes="Erste Fassung",
            **{name: name in spec["targets"] for name in WorkAid.TARGET_GROUP_FIELDS},
        )
    letter = WORK_AIDS[1]
    services.add_work_aid_version(
        office,
        aids[letter["title"]],
        file=_pdf(letter, "2.0"),
        label="2.0",
        issued_on=today - datetime.timedelta(days=20),
        changes="Hinweis auf Gebärdensprache und Kinderbetreuung ergänzt",
    )

    # --- networking meeting and trainings -------------------------------------------------------------
    unit = coordination_unit
    meeting_day = today + datetime.timedelta(days=21)
    _event(
        office,
        unit,
        title="Netzwerktreffen Bürgerbeteiligung",
        format=Event.Format.NETWORKING,
        description="Das offene Treffen für alle, die in Hannover Beteiligung machen: Verwaltung, Politik, "
        "Initiativen und Vereine. Diesmal: Erfahrungen mit Zufallsauswahl in Stadtteilforen.",
        start=_at(meeting_day, 17),
        end=_at(meeting_day, 19, 30),
        registration_required=False,
        capacity=None,
    )
    training = _event(
        office,
        unit,
        title="Beteiligung moderieren",
        format=Event.Format.TRAINING,
        description="Eine Fortbildung für Verwaltung, Politik und Einwohner*innen gemeinsam: Rollen in der "
        "Moderation, schwierige Situationen, Visualisieren, Ergebnisse sichern.",
        start=_at(today + datetime.timedelta(days=3), 9),
        end=_at(today + datetime.timedelta(days=3), 15),
        for_staff=True,
        for_politics=True,
        for_residents=True,
        registration_required=True,
        capacity=18,
    )
    people = [
        ({"name": "Jana Petersen", "email": fb61.email}, fb61),
        ({"name": "Gisela Hoffmann", "email": council.email}, council),
        ({"name": "Lindenblüte (Anwohnerin)", "email": resident.email}, resident),
        ({"name": "Ole Wiegand", "email": "ole.wiegand@example.org"}, None),
    ]
    for data, user in people:
        event_services.register(training, {**data, "needs": ""}, user=user)
    # The training took place last week (the dates moved as the office would correct them afterwards).
    last_week = today - datetime.timedelta(days=6)
    training = event_services.update_event(
        office, Event.objects.get(pk=training.pk), {"start": _at(last_week, 9), "end": _at(last_week, 15)}
    )
    came = list(
        training.registrations.filter(status=Registration.Status.CONFIRMED)
        .exclude(email="ole.wiegand@example.org")
        .values_list("id", flat=True)
    )
    event_services.record_attendance(office, training, registration_ids=came, walk_ins=["Tomasz Nowak"])
    next_training = today + datetime.timedelta(days=45)
    _event(
        office,
        unit,
        title="Leichte Sprache in der Beteiligung",
        format=Event.Format.TRAINING,
        description="Einladungen und Ergebnisse verständlich schreiben, mit Übungen an eigenen Texten.",
        start=_at(next_training, 13),
        end=_at(next_training, 17),
        for_staff=True,
        for_politics=False,
        for_residents=False,
        registration_required=True,
        capacity=16,
    )
    return {"requests": 3 if walk.pk else 2, "work_aids": len(aids), "events": 3}
