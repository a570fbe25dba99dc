"""The demo of district conferences, agreements, action items, an escalation, district projects (issue 13).

Linden-Limmer: a conference in the last half-year on the playground at the Fössestraße (one item done and confirmed,
one reported by the youth department, one overdue, escalated to the directors' conference and decided with a new
date), a conference this half-year on calming the traffic in the Limmerstraße with a working meeting to come, and
the next conference planned with the prefilled agenda and invited. Bothfeld-Vahrenheide: a conference on the
neighbourhood centre Vahrenheide with an overdue item waiting for the mayor's decision. A district project for this
year in both. Everything through the services, as the district managers and the departments would do it.
"""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.districts import queries_conferences as queries
from stadtdialog.districts import services_conferences as services
from stadtdialog.districts.models.conferences import DistrictProject
from stadtdialog.organisation.models import District, OrgUnit
from stadtdialog.plans.models import Plan


def _manager(district: District) -> User | None:
    return (
        User.objects.filter(role_set__kind=Role.Kind.DISTRICT_MANAGER, role_set__district=district)
        .order_by("pk")
        .first()
    )


def _member(unit: OrgUnit) -> User | None:
    return (
        User.objects.filter(role_set__kind__in=Role.UNIT_KINDS, role_set__org_unit=unit, is_active=True)
        .order_by("pk")
        .first()
    )


def _at(days: int, hour: int = 17) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _meeting(manager, district, days, title, place, units, agenda=None, agreement=None):
    start = _at(days)
    return services.plan_conference(
        manager,
        district,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place=place,
        units=units,
        agenda=agenda if agenda is not None else queries.prefilled_agenda(district),
        agreement=agreement,
    )


def _item(manager, agreement, unit, measure, start, due, groups, approach):
    today = timezone.localdate()
    return services.add_item(
        manager,
        agreement,
        unit=unit,
        measure=measure,
        starts_on=today + datetime.timedelta(days=start),
        due_on=today + datetime.timedelta(days=due),
        target_groups=groups,
        approach=approach,
    )


def _linden(units: dict[str, OrgUnit]) -> None:
    linden = District.objects.get(number=10)
    manager = _manager(linden)
    if manager is None:
        return
    today = timezone.localdate()
    invited = [units[name] for name in ("FB 18", "FB 51", "FB 52", "FB 61", "FB 66", "FB 67") if name in units]
    spring = _meeting(
        manager, linden, -200, "Stadtbezirkskonferenz Linden-Limmer", "Freizeitheim Linden, Windheimstraße 4", invited
    )
    services.record_minutes(
        manager,
        spring,
        present_units=[unit for unit in invited if unit.short_name != "FB 52"],
        minutes=(
            "Die Fachbereiche stellen ihre Vorhaben für Linden-Limmer vor.\n\n"
            "Spielplatz Fössestraße: Die Spielgeräte sind abgängig, Eltern beklagen den schnellen Autoverkehr vor dem "
            "Eingang. FB 67, FB 51 und FB 66 vereinbaren ein gemeinsames Vorgehen (siehe Vereinbarung).\n\n"
            "Limmerstraße: Beschwerden über Lieferverkehr auf dem Radweg; Thema für die nächste Konferenz."
        ),
    )
    services.publish_minutes(manager, spring)
    playground = services.create_agreement(
        manager,
        spring,
        title="Spielplatz Fössestraße sicher und familienfreundlich umgestalten",
        reason="Die Spielgeräte sind abgängig, und vor dem Eingang fahren Autos zu schnell. Nur gemeinsam lösbar.",
        units=[units["FB 67"], units["FB 51"], units["FB 66"]],
    )
    renew = _item(
        manager,
        playground,
        units["FB 67"],
        "Spielgeräte erneuern und Sandflächen austauschen",
        -190,
        -20,
        "Kinder bis 12 Jahre, Eltern",
        "Aushang am Spielplatz und Information über den Stadtteiltreff",
    )
    workshop = _item(
        manager,
        playground,
        units["FB 51"],
        "Spielplatz-Werkstatt mit Kindern der Grundschule Kastanienhof",
        -180,
        -120,
        "Schulkinder, Hortgruppen",
        "Einladung über die Schule und den Hort; Werkstatt am Nachmittag vor Ort",
    )
    calming = _item(
        manager,
        playground,
        units["FB 66"],
        "Fahrbahnschwelle und Tempo-30-Markierung vor dem Spielplatzeingang",
        -150,
        -30,
        "Anrainer, Lieferverkehr",
        "Hauswurfsendung an die Anrainer zwei Wochen vor dem Bau",
    )
    for item, note in (
        (renew, "Neue Geräte aufgestellt, Abnahme durch den TÜV erfolgt."),
        (workshop, "30 Kinder haben mitgeplant; ihre Wünsche sind in den Entwurf eingeflossen."),
    ):
        member = _member(item.unit)
        if member is not None:
            services.update_item(member, item, status="done", note=note)
    services.confirm_item(manager, renew)
    roads = _member(units["FB 66"])
    if roads is not None:
        services.update_item(roads, calming, status="in_progress", note="Haushaltsmittel für 2026 noch nicht frei.")
    escalation = services.escalate(
        manager,
        playground,
        item=calming,
        body="directors",
        reason="Die Schwelle ist seit einem Monat überfällig; ohne sie bleibt der Eingang gefährlich.",
        escalated_on=today - datetime.timedelta(days=14),
    )
    services.record_decision(
        manager,
        escalation,
        decided_on=today - datetime.timedelta(days=7),
        decision="Die Dezernentenkonferenz gibt die Mittel aus dem Budget Verkehrssicherheit frei.",
        consequence="FB 66 baut die Schwelle bis zum neuen Termin.",
        new_due_on=today + datetime.timedelta(days=45),
    )

    autumn = _meeting(
        manager, linden, -30, "Stadtbezirkskonferenz Linden-Limmer", "Freizeitheim Linden, Windheimstraße 4", invited
    )
    services.record_minutes(
        manager,
        autumn,
        present_units=invited,
        minutes=(
            "Stand Spielplatz Fössestraße: Geräte erneuert, Schwelle nach Entscheidung der Dezernentenkonferenz "
            "terminiert.\n\nLimmerstraße: FB 61 und FB 66 vereinbaren, Liefer- und Radverkehr zu entflechten."
        ),
    )
    services.publish_minutes(manager, autumn)
    limmer = services.create_agreement(
        manager,
        autumn,
        title="Verkehrsberuhigung Limmerstraße: Liefer- und Radverkehr entflechten",
        reason="Lieferfahrzeuge halten auf dem Radweg; Händler und Radfahrende beschweren sich.",
        units=[units["FB 61"], units["FB 66"]],
    )
    _item(
        manager,
        limmer,
        units["FB 61"],
        "Konzept für Ladezonen in den Seitenstraßen erarbeiten",
        -20,
        90,
        "Händler der Limmerstraße, Lieferdienste",
        "Gespräch mit der Interessengemeinschaft Limmerstraße",
    )
    _item(
        manager,
        limmer,
        units["FB 66"],
        "Poller an der Einmündung Fannystraße zur Probe aufstellen",
        0,
        20,
        "Radfahrende, Anrainer",
        "Information im Stadtbezirksrat und auf der Stadtbezirksseite",
    )
    _meeting(
        manager,
        linden,
        10,
        "Arbeitstreffen Limmerstraße",
        "Neues Rathaus, Raum 115",
        [units["FB 61"], units["FB 66"]],
        agenda="Ladezonen: erster Entwurf\nPoller zur Probe: Ort und Termin",
        agreement=limmer,
    )
    spring_next = _meeting(
        manager, linden, 60, "Stadtbezirkskonferenz Linden-Limmer", "Freizeitheim Linden, Windheimstraße 4", invited
    )
    services.send_invitations(manager, spring_next)
    plan = Plan.objects.filter(districts=linden, published_at__isnull=False).order_by("pk").first()
    services.save_project(
        manager,
        linden,
        year=today.year,
        title="Spielplatzoffensive Linden-Süd",
        description="Drei Spielplätze in Linden-Süd werden mit Kindern und Eltern neu geplant und sicherer gemacht.",
        state=DistrictProject.State.RUNNING,
        agreements=[playground],
        plans=[plan] if plan else [],
    )


def _vahrenheide(units: dict[str, OrgUnit]) -> None:
    district = District.objects.get(number=3)
    manager = _manager(district)
    if manager is None:
        return
    today = timezone.localdate()
    invited = [units[name] for name in ("FB 18", "FB 41", "FB 51", "FB 61") if name in units]
    conference = _meeting(
        manager, district, -60, "Stadtbezirkskonferenz Bothfeld-Vahrenheide", "Stadtteilzentrum Vahrenheide", invited
    )
    services.record_minutes(
        manager,
        conference,
        present_units=invited,
        minutes="Das Stadtteilzentrum Vahrenheide soll Familien-, Jugend- und Kulturangebote unter einem Dach bündeln.",
    )
    services.publish_minutes(manager, conference)
    centre = services.create_agreement(
        manager,
        conference,
        title="Stadtteilzentrum Vahrenheide: Angebote unter einem Dach bündeln",
        reason="Die Angebote liegen verstreut; viele Familien kennen sie nicht.",
        units=invited,
    )
    _item(
        manager,
        centre,
        units["FB 51"],
        "Familienzentrum und Jugendtreff im Stadtteilzentrum zusammenführen",
        -50,
        120,
        "Familien, Jugendliche",
        "Mehrsprachige Flyer über Kitas und Schulen; Tag der offenen Tür",
    )
    rooms = _item(
        manager,
        centre,
        units["FB 18"],
        "Raumnutzungsvertrag für das Stadtteilzentrum abschließen",
        -50,
        -10,
        "Träger und Vereine im Stadtteil",
        "Gespräch mit der Stadtteilrunde Vahrenheide",
    )
    services.escalate(
        manager,
        centre,
        item=rooms,
        body="mayor",
        reason="Ohne Raumnutzungsvertrag können die Träger nicht einziehen.",
        escalated_on=today - datetime.timedelta(days=3),
    )
    services.save_project(
        manager,
        district,
        year=today.year,
        title="Stadtteilzentrum Vahrenheide als Treffpunkt",
        description="Familien-, Jugend- und Kulturangebote ziehen in ein gemeinsames Stadtteilzentrum.",
        state=DistrictProject.State.PLANNED,
        agreements=[centre],
    )


def seed() -> None:
    """District conferences of Linden-Limmer and Bothfeld-Vahrenheide with agreements, items, an escalation decided
    by the directors' conference, one waiting for the mayor, and a district project for this year in each."""
    units = {unit.short_name: unit for unit in OrgUnit.objects.filter(dissolved_at=None)}
    if not {"FB 18", "FB 41", "FB 51", "FB 61", "FB 66", "FB 67"} <= units.keys():
        return
    _linden(units)
    _vahrenheide(units)
