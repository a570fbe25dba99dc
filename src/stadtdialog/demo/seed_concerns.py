"""Demo data of residents' concerns: the categories (tied to the demo departments) and a dozen realistic Hannover
concerns in several districts and every state: received, in review, referred, in caretaking with steps and updates
(one step overdue), solved, partly solved, not solvable, moved; some with a published anonymised summary, and one
Open311 client application. Written through the services, so the audit log and the mails are as in real use."""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.districts import services_concerns as services
from stadtdialog.districts.models import ContactPoint
from stadtdialog.districts.models.concerns import Concern, ConcernCategory
from stadtdialog.organisation.models import District, OrgUnit, Quarter

CATEGORIES = [
    # code, name, description, group, due days, department, question
    ("gruenflaechen", "Grünflächen und Spielplätze", "Parks, Bäume, Spielgeräte", "Öffentlicher Raum", 21, "FB 67", ""),
    (
        "strassen",
        "Straßen, Wege und Radverkehr",
        "Schlaglöcher, Gehwege, Ampeln",
        "Öffentlicher Raum",
        28,
        "FB 66",
        "Wo genau (Straße, Hausnummer oder Kreuzung)?",
    ),
    ("sauberkeit", "Sauberkeit und Müll", "Wilder Müll, Glascontainer", "Öffentlicher Raum", 10, "FB 67", ""),
    (
        "nachbarschaft",
        "Nachbarschaft und Zusammenleben",
        "Treffpunkte, Nachbarschaftshilfe",
        "Soziales",
        30,
        "FB 51",
        "",
    ),
    ("jugend", "Kinder und Jugend", "Angebote, Treffs, Schulwege", "Soziales", 30, "FB 51", ""),
    (
        "veranstaltungen",
        "Feste und Genehmigungen",
        "Straßenfeste, Osterfeuer, Flohmärkte",
        "Veranstaltungen",
        14,
        "FB 61",
        "",
    ),
    ("sonstiges", "Sonstiges", "Alles andere", "", 30, None, ""),
]

# district number, quarter, category, text, e-mail, days ago, consent to publish, what happens (see _handle)
CONCERNS = [
    (
        10,
        "Linden-Süd",
        "veranstaltungen",
        "Wir möchten als Nachbarschaft am Ostersamstag ein kleines Osterfeuer auf der Wiese am Lindener Berg machen. "
        "Wen müssen wir fragen?",
        "familie.kruse@example.org",
        12,
        True,
        "refer",
    ),
    (
        10,
        "Linden-Nord",
        "gruenflaechen",
        "Am Spielplatz Fössestraße ist das Klettergerüst seit zwei Wochen mit Flatterband abgesperrt. Die Kinder "
        "klettern trotzdem darauf.",
        "m.oezdemir@example.org",
        30,
        True,
        "care_overdue",
    ),
    (
        10,
        "Limmer",
        "strassen",
        "Der Radweg an der Wunstorfer Straße Richtung Limmer hat tiefe Wurzelaufbrüche, abends sieht man sie nicht.",
        "radfahrerin.limmer@example.org",
        40,
        True,
        "solved",
    ),
    (
        10,
        "Linden-Mitte",
        "nachbarschaft",
        "Im Viertel fehlt ein Raum, in dem sich ältere Nachbarinnen und Nachbarn treffen können. Könnte das "
        "Freizeitheim Linden dafür Zeiten anbieten?",
        "h.wegner@example.org",
        5,
        False,
        "review",
    ),
    (
        10,
        "Linden-Süd",
        "sauberkeit",
        "Am Glascontainer Deisterplatz liegt jedes Wochenende Müll, auch Scherben.",
        "anwohner.deisterplatz@example.org",
        2,
        False,
        "received",
    ),
    (
        10,
        "Linden-Nord",
        "jugend",
        "Die Jugendlichen aus der Nachbarschaft wünschen sich einen Bolzplatz mit Flutlicht. Vielleicht wäre das "
        "etwas für ein Beteiligungsverfahren?",
        "jugendtreff.linden@example.org",
        20,
        True,
        "initiative",
    ),
    (
        1,
        "Oststadt",
        "strassen",
        "Die Ampel an der Kreuzung Lister Meile / Celler Straße schaltet für Fußgänger sehr kurz.",
        "k.hoffmann@example.org",
        50,
        True,
        "partly",
    ),
    (
        1,
        "Calenberger Neustadt",
        "gruenflaechen",
        "Im Park am Leibnizufer wurden drei junge Bäume umgeknickt. Werden sie ersetzt?",
        "b.schulz@example.org",
        8,
        False,
        "care",
    ),
    (
        1,
        "Mitte",
        "sonstiges",
        "Ich hätte gern eine Sitzbank an der Haltestelle Kröpcke für ältere Menschen. Das ist aber wohl die Üstra?",
        "senior.mitte@example.org",
        35,
        True,
        "not_solvable",
    ),
    (
        3,
        "Sahlkamp",
        "nachbarschaft",
        "Der Nachbarschaftstreff im Sahlkamp sucht Ehrenamtliche für das Sprachcafé. Wo können wir werben?",
        "sprachcafe.sahlkamp@example.org",
        15,
        True,
        "refer_unit",
    ),
    (
        12,
        "Stöcken",
        "sauberkeit",
        "Hinter dem Stöckener Bad wird regelmäßig Sperrmüll abgeladen.",
        "stoecken.sauber@example.org",
        25,
        False,
        "care",
    ),
    (
        12,
        "Ledeburg",
        "strassen",
        "Das Anliegen betrifft eigentlich den Schulweg in Linden-Nord: der Zebrastreifen an der Limmerstraße ist kaum "
        "noch zu sehen.",
        "eltern.schulweg@example.org",
        6,
        False,
        "move",
    ),
]


def _manager(district: District) -> User | None:
    role = (
        Role.objects.filter(kind=Role.Kind.DISTRICT_MANAGER, district=district).select_related("user").first()
        or Role.objects.filter(kind=Role.Kind.DISTRICT_DEPUTY, district=district).select_related("user").first()
    )
    return role.user if role else None


def _staff_of(unit: OrgUnit | None) -> User | None:
    if unit is None:
        return None
    role = Role.objects.filter(kind=Role.Kind.DEPARTMENT, org_unit=unit).select_related("user").first()
    return role.user if role else None


def _categories(units: dict[str, OrgUnit], admin: User) -> dict[str, ConcernCategory]:
    found = {}
    for position, (code, name, description, group, due, unit, question) in enumerate(CATEGORIES):
        category = ConcernCategory.objects.filter(code=code).first()
        found[code] = category or services.save_category(
            admin,
            None,
            code=code,
            name=name,
            description=description,
            group=group,
            due_days=due,
            department=units.get(unit) if unit else None,
            question=question,
            question_required=False,
            position=position,
            is_active=True,
        )
    return found


def _handle(what: str, concern: Concern, manager: User, categories, units) -> None:
    today = timezone.localdate()
    department = concern.category.department
    if what == "received" or manager is None:
        return
    if what == "review":
        services.start_review(manager, concern)
    elif what == "refer":
        point = ContactPoint.objects.filter(district=concern.district).first()
        if point is not None:
            services.refer(manager, concern, contact_point=point, note="Dort bekommen Sie die Genehmigung.")
        else:
            services.refer(
                manager,
                concern,
                unit=units.get("FB 61") or department,
                note="Für ein Osterfeuer brauchen Sie eine Genehmigung. Bitte melden Sie es spätestens vier Wochen "
                "vorher an; Merkblatt und Formular schickt Ihnen der Fachbereich.",
            )
    elif what == "refer_unit":
        services.refer(
            manager,
            concern,
            unit=units.get("FB 51") or department,
            note="Der Fachbereich Jugend und Familie führt die Ehrenamtsbörse und hilft beim Werben.",
        )
    elif what == "initiative":
        services.turn_into_initiative(
            manager,
            concern,
            kind="process_request",
            title="Bolzplatz mit Flutlicht in Linden-Nord",
            description="Jugendliche wünschen sich einen beleuchteten Bolzplatz. Aus einem Anliegen an das "
            "Stadtbezirksmanagement Linden-Limmer.",
        )
    elif what == "move":
        services.move(manager, concern, district=District.objects.get(number=10))
    else:
        services.take_care(manager, concern, text="Wir haben Ihr Anliegen an den Fachbereich gegeben.")
        due = today - datetime.timedelta(days=3) if what == "care_overdue" else today + datetime.timedelta(days=14)
        step = services.add_step(
            manager, concern, what="Vor Ort prüfen und sichern", unit=department or units.get("FB 67"), due_on=due
        )
        services.add_step(
            manager,
            concern,
            what="Im Netzwerk besprechen",
            network="Stadtteilrunde " + (concern.quarter.name if concern.quarter else concern.district.name),
            due_on=today + datetime.timedelta(days=21),
        )
        member = _staff_of(step.unit)
        if member is not None:
            services.add_update(
                member, concern, text="Wir haben uns die Stelle angesehen und den Auftrag erteilt.", step=step
            )
        services.add_note(manager, concern, text="Rückmeldung im nächsten Jour fixe mit dem Fachbereich.")
        if what in ("solved", "partly", "not_solvable"):
            services.finish_step(manager, step)
            outcome = {"solved": "solved", "partly": "partly_solved", "not_solvable": "not_solvable"}[what]
            reason = {
                "solved": "Die Wurzelaufbrüche wurden abgefräst und der Radweg neu asphaltiert.",
                "partly": "Die Grünphase wurde um vier Sekunden verlängert; ein Umbau der Kreuzung ist 2027 geplant.",
                "not_solvable": "Haltestellen sind Sache der Üstra; wir haben Ihren Wunsch dorthin weitergegeben.",
            }[what]
            services.close(manager, concern, outcome=outcome, reason=reason)


def seed(units: dict[str, OrgUnit] | None = None) -> int:
    """Categories, a dozen concerns and an Open311 client (idempotent: nothing when concerns exist)."""
    if Concern.objects.exists():
        return 0
    units = units or {unit.short_name: unit for unit in OrgUnit.objects.all()}
    admin = Role.objects.filter(kind=Role.Kind.ADMIN).select_related("user").first()
    if admin is None:
        return 0
    categories = _categories(units, admin.user)
    for number, quarter, code, text, email, days, consent, what in CONCERNS:
        district = District.objects.get(number=number)
        concern = services.submit_concern(
            None,
            category=categories[code],
            text=text,
            email=email,
            district=district,
            quarter=Quarter.objects.filter(name=quarter, district=district).first(),
            consent_publish=consent,
        ).concern
        received = timezone.now() - datetime.timedelta(days=days)
        Concern.objects.filter(pk=concern.pk).update(
            created_at=received,
            due_on=timezone.localdate(received) + datetime.timedelta(days=categories[code].due_days),
        )
        concern = Concern.objects.select_related("category", "district", "quarter").get(pk=concern.pk)
        _handle(what, concern, _manager(district), categories, units)
        if consent and what not in ("received", "review"):
            manager = _manager(Concern.objects.get(pk=concern.pk).district)
            if manager is not None:
                services.publish_summary(
                    manager,
                    Concern.objects.get(pk=concern.pk),
                    summary=f"{categories[code].name} in {quarter}: " + text.split(".")[0] + ".",
                )
    services.create_open311_client(admin.user, name="Hannover-Melde-App (Demo)")
    return len(CONCERNS)
