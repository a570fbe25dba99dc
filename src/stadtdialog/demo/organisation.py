"""Demo data of the organisation: the units' web pages and opening hours, the 13 district councils and one
dissolved unit whose successor took over its work.

The councils' names follow Hannover's (Stadtbezirksrat Mitte …); the chairs are made-up names, not real people.
Everything goes through organisation's services, so the audit log has the history.
"""

from stadtdialog.organisation import services
from stadtdialog.organisation.models import District, DistrictCouncil, OrgUnit

WEB = "https://www.hannover-stadt.example"
OPENING_HOURS = {
    "directorate": "Mo–Fr 8–16 Uhr nach Vereinbarung",
    "department": "Mo–Do 8–15 Uhr, Fr 8–12 Uhr",
    "section": "Mo, Di, Do 9–12 Uhr und nach Vereinbarung",
    "office": "Mo–Do 9–16 Uhr, Fr 9–13 Uhr; Sprechstunde Mi 14–17 Uhr",
}
# Made-up chairs (not real people), one per district number.
CHAIRS = {
    1: "Ingrid Sommerfeld",
    2: "Hakan Öztürk",
    3: "Renate Lindemann",
    4: "Matthias Grote",
    5: "Birgit Hennings",
    6: "Karsten Voß",
    7: "Dorothea Albrecht",
    8: "Yusuf Demirci",
    9: "Annegret Wolters",
    10: "Petra Beispiel",
    11: "Holger Brinkmann",
    12: "Svenja Thiele",
    13: "Wolfgang Reuter",
}
MEETINGS = [
    "monatlich, donnerstags 18:00 Uhr, öffentlich",
    "monatlich, mittwochs 18:30 Uhr, öffentlich",
    "etwa alle vier Wochen, dienstags 18:00 Uhr, öffentlich",
]


def _web_name(short_name: str) -> str:
    return short_name.lower().replace("dez. ", "dezernat-").replace(" ", "").replace(".", "-")


def seed_organisation(units: dict[str, OrgUnit], admin) -> dict:
    """Contact data for every unit, the district councils and the dissolved 61.2; returns counts."""
    for unit in units.values():
        if unit.website:
            continue
        services.update_unit(
            admin, unit, website=f"{WEB}/{_web_name(unit.short_name)}", opening_hours=OPENING_HOURS[unit.kind]
        )
    councils = 0
    for district in District.objects.order_by("number"):
        # load_city made the council with its name only; the demo fills in its contact once.
        if DistrictCouncil.objects.filter(district=district).exclude(chair="").exists():
            continue
        services.update_council(
            admin,
            district,
            name=f"Stadtbezirksrat {district.name}",
            chair=CHAIRS.get(district.number, ""),
            email=f"bezirksrat-{district.slug}@hannover-stadt.example",
            phone=f"0511 168-4{district.number:02d}50",
            website=f"{WEB}/bezirksrat-{district.slug}",
            meetings=MEETINGS[district.number % len(MEETINGS)],
        )
        councils += 1
    # Urban renewal was one section before it merged into 61.4 "Stadterneuerung und Quartiersentwicklung".
    old = OrgUnit.objects.filter(short_name="61.2").first()
    if old is None:
        old = services.create_unit(
            admin,
            parent=units["FB 61"],
            short_name="61.2",
            name="Stadterneuerung",
            kind=OrgUnit.Kind.SECTION,
            email="fb61-stadterneuerung-alt@hannover-stadt.example",
            phone="0511 168-46120",
            address=units["FB 61"].address,
        )
    if old.dissolved_at is None:
        services.dissolve_unit(admin, old, successor=units["61.4"])
    return {"councils": councils}
