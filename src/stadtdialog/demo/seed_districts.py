"""The district management of the Hannover demo (helper "dista"): for all 13 districts the page's profile, a
district manager where the demo logins have none, networks, directory entries (city-wide and per district, with
easy-language texts), monitoring notes and indicator values.

The indicator values are examples for the demo, not official figures: their source says so on every page."""

import random

from django.db.models import Q

from stadtdialog.accounts.models import Role, User
from stadtdialog.districts import services
from stadtdialog.districts.models import ContactPoint, DistrictProfile, MonitoringNote, Network
from stadtdialog.organisation.models import District, DistrictCouncil, OrgUnit

from .people import _staff

DEMO_SOURCE = "Beispielwerte der Demo (keine amtlichen Zahlen)"
COUNCIL_INFO = "https://e-government.hannover-stadt.de/lhhsimwebre.nsf/"
YEARS = (2021, 2022, 2023, 2024)

# district number: (office of the district management, population about, unemployment %, transfer payments %,
#                   migration background %, a network, a local contact point)
DISTRICTS = {
    1: (
        "Neues Rathaus, Trammplatz 2, 30159 Hannover",
        41000,
        6.8,
        11.0,
        42.0,
        ("Runder Tisch Steintor", "Sicherheit, Sauberkeit, Nachtleben"),
        ("Stadtteiltreff Calenberger Neustadt", "Nachbarschaft, Beratung"),
    ),
    2: (
        "Freizeitheim Vahrenwald, Vahrenwalder Straße 92, 30165 Hannover",
        72000,
        6.4,
        10.5,
        38.0,
        ("Interessengemeinschaft Lister Meile", "Einzelhandel, Stadtteilfeste"),
        ("Familienzentrum Vahrenwald", "Familien, Kinderbetreuung"),
    ),
    3: (
        "Stadtteilzentrum Sahlkamp, Elmstraße 15, 30657 Hannover",
        49000,
        9.1,
        17.5,
        52.0,
        ("Stadtteilrunde Vahrenheide", "Soziale Stadt, Wohnumfeld, Integration"),
        ("Gemeinwesenarbeit Sahlkamp", "Nachbarschaft, Sprachkurse"),
    ),
    4: (
        "Stadtteilzentrum KroKuS, Thie 6, 30539 Hannover",
        45000,
        6.9,
        12.0,
        40.0,
        ("Präventionsrat Groß-Buchholz", "Jugend, Prävention"),
        ("Seniorentreff Kleefeld", "Senior*innen, Begegnung"),
    ),
    5: (
        "Bürgeramt Misburg, Waldstraße 9, 30629 Hannover",
        34000,
        5.8,
        9.5,
        30.0,
        ("Arbeitsgemeinschaft Misburger Vereine", "Vereine, Sport, Stadtteilfeste"),
        ("Kulturtreff Anderten", "Kultur, Begegnung"),
    ),
    6: (
        "Stadtteilzentrum Bemerode, Bemeroder Rathausplatz 1, 30539 Hannover",
        33000,
        4.6,
        7.5,
        29.0,
        ("Forum Kronsberg", "Neubaugebiet, Klimaschutz, Nachbarschaft"),
        ("Quartierstreff Kronsberg", "Nachbarschaft, Familien"),
    ),
    7: (
        "Freizeitheim Döhren, An der Wollebahn 1, 30519 Hannover",
        42000,
        4.9,
        7.0,
        27.0,
        ("Bürgerinitiative Südstadt-Bult", "Verkehr, Grünflächen"),
        ("Nachbarschaftstreff Südstadt", "Nachbarschaft, Senior*innen"),
    ),
    8: (
        "Freizeitheim Döhren, An der Wollebahn 1, 30519 Hannover",
        35000,
        5.6,
        9.0,
        31.0,
        ("Arbeitskreis Mittelfeld", "Wohnen, Soziales, Integration"),
        ("Stadtteiltreff Mittelfeld", "Beratung, Begegnung"),
    ),
    9: (
        "Freizeitheim Ricklingen, Ricklinger Stadtweg 1, 30459 Hannover",
        46000,
        7.7,
        14.5,
        45.0,
        ("Stadtteilforum Mühlenberg", "Soziale Stadt, Bildung, Integration"),
        ("Gemeinschaftshaus Mühlenberg", "Familien, Sprachkurse"),
    ),
    10: (
        "Freizeitheim Linden, Windheimstraße 4, 30451 Hannover",
        46000,
        7.9,
        13.0,
        41.0,
        ("Runder Tisch Linden-Süd", "Nachbarschaft, Spielplätze, Wohnumfeld"),
        ("Seniorenberatung Linden", "Pflege, Rente, Wohnen im Alter"),
    ),
    11: (
        "Stadtteilzentrum Ahlem, Wunstorfer Landstraße 59, 30453 Hannover",
        33000,
        6.2,
        11.0,
        37.0,
        ("Netzwerk Davenstedt", "Senior*innen, Nachbarschaft"),
        ("Familienzentrum Badenstedt", "Familien, Kinderbetreuung"),
    ),
    12: (
        "Freizeitheim Stöcken, Eichsfelder Straße 101, 30419 Hannover",
        37000,
        8.6,
        15.5,
        48.0,
        ("Stadtteilrunde Stöcken", "Soziales, Integration, Wohnumfeld"),
        ("Nachbarschaftsladen Marienwerder", "Beratung, Begegnung"),
    ),
    13: (
        "Freizeitheim Vahrenwald, Vahrenwalder Straße 92, 30165 Hannover",
        34000,
        8.9,
        16.0,
        50.0,
        ("Forum Hainholz", "Soziale Stadt, Bildung"),
        ("Kulturhaus Hainholz", "Kultur, Nachbarschaft, Beratung"),
    ),
}

# Managers for the districts the demo logins and people.DISTRICT_STAFF leave empty: (number, name, extension).
MORE_MANAGERS = [
    (2, "Katrin Wöhler", "41036"),
    (4, "Thomas Brandt", "41037"),
    (5, "Anja Meyerhoff", "41038"),
    (6, "Jörg Ebeling", "41039"),
    (7, "Leonie Hartmann", "41040"),
    (8, "Stefan Kruse", "41041"),
    (9, "Nadine Özdemir", "41042"),
    (11, "Frank Wiechert", "41043"),
    (13, "Ayşe Korkmaz", "41044"),
]

CITY_WIDE_POINTS = [
    (
        ContactPoint.Kind.REFERRAL,
        "Bürgertelefon der Landeshauptstadt Hannover",
        "Zuständigkeiten, Ausweis, Meldewesen",
        "Das Bürgertelefon sagt Ihnen, welche Stelle der Verwaltung für Ihre Frage zuständig ist, und verbindet Sie.",
        "Sie haben eine Frage an die Stadt? Sie wissen nicht, wer hilft? Rufen Sie das Bürgertelefon an. "
        "Dort sagt man Ihnen, wer hilft.",
        "0511 168-0",
        "Montag bis Freitag 8–18 Uhr",
        "Telefonisch; Gebärdensprache per Videotelefon nach Absprache",
    ),
    (
        ContactPoint.Kind.INFORMATION,
        "Kommunaler Seniorenservice Hannover",
        "Pflege, Wohnen im Alter, Rente",
        "Beratung für ältere Menschen und ihre Angehörigen: Hilfen im Alltag, Pflege, Wohnen, Freizeit.",
        "Sie sind alt? Oder Ihre Eltern sind alt? Wir helfen Ihnen. Zum Beispiel bei Pflege. Oder bei der Wohnung.",
        "0511 168-42345",
        "Montag bis Donnerstag 9–15 Uhr",
        "Stufenloser Zugang, Aufzug, rollstuhlgerechtes WC",
    ),
    (
        ContactPoint.Kind.CARETAKING,
        "Koordinierungsstelle Bürgerbeteiligung",
        "Beteiligung, Initiativen, Förderung",
        "Berät Initiativen und Einwohner*innen, die sich beteiligen oder selbst ein Beteiligungsverfahren anregen "
        "wollen, und begleitet die Anliegen bis zu einer Antwort.",
        "Sie wollen bei der Stadt mitreden? Wir beraten Sie. Wir helfen Ihnen bis zum Schluss.",
        "0511 168-41011",
        "nach Vereinbarung",
        "Stufenloser Zugang, Induktionsschleife im Beratungsraum",
    ),
]


def _manager_for(district: District, name: str, extension: str, unit: OrgUnit | None) -> None:
    from .people import office_email

    user = _staff(office_email(name), name, unit, extension)
    Role.objects.get_or_create(user=user, kind=Role.Kind.DISTRICT_MANAGER, district=district)


def _indicator_csv(rng: random.Random) -> str:
    lines = ["bezirk;stadtteil;kennzahl;bezeichnung;jahr;wert;einheit;quelle"]
    city: dict[tuple[str, int], float] = {}

    def add(number, quarter, code, name, year, value, unit):
        text = f"{value:.1f}".replace(".", ",") if unit == "%" else str(round(value))
        lines.append(f"{number};{quarter};{code};{name};{year};{text};{unit};{DEMO_SOURCE}")

    for number, (_office, people, jobless, transfer, migration, _net, _point) in DISTRICTS.items():
        district = District.objects.get(number=number)
        quarters = list(district.quarters.order_by("name"))
        weights = [rng.uniform(0.6, 1.4) for _ in quarters]
        for index, year in enumerate(YEARS):
            population = people * (0.985 + 0.005 * index) * rng.uniform(0.995, 1.005)
            rows = [
                ("einwohner", "Einwohner*innen", population, "Personen"),
                ("haushalte", "Haushalte", population / rng.uniform(1.75, 1.95), "Haushalte"),
                ("anteil-unter-18", "Anteil unter 18 Jahren", rng.uniform(13.5, 19.5), "%"),
                ("anteil-ab-65", "Anteil ab 65 Jahren", rng.uniform(15.0, 24.0), "%"),
                ("migrationshintergrund", "Anteil mit Migrationshintergrund", migration + index * 0.4, "%"),
                ("arbeitslosenquote", "Arbeitslosenquote", jobless * rng.uniform(0.95, 1.05), "%"),
                (
                    "transferleistungen",
                    "Anteil mit Transferleistungen (SGB II/XII)",
                    transfer * rng.uniform(0.96, 1.04),
                    "%",
                ),
            ]
            for code, name, value, unit in rows:
                add(number, "", code, name, year, value, unit)
                key = (code, year)
                city[key] = city.get(key, 0) + (value if unit != "%" else value * population / 1000)
            if year == YEARS[-1]:
                total = sum(weights)
                for quarter, weight in zip(quarters, weights, strict=True):
                    add("", quarter.name, "einwohner", "Einwohner*innen", year, population * weight / total, "Personen")
                    add("", quarter.name, "arbeitslosenquote", "Arbeitslosenquote", year, jobless * weight, "%")
    population_by_year = {year: city[("einwohner", year)] for year in YEARS}
    for (code, year), value in sorted(city.items()):
        unit = "%" if code not in {"einwohner", "haushalte"} else ("Personen" if code == "einwohner" else "Haushalte")
        shown = value if unit != "%" else value * 1000 / population_by_year[year]
        name = next(line.split(";")[3] for line in lines[1:] if line.split(";")[2] == code)
        add("", "", code, name, year, shown, unit)
    return "\n".join(lines) + "\n"


def seed(rng: random.Random | None = None) -> dict:
    """Create the district management's demo data; returns counts. Its own random numbers (the same every time
    unless `rng` is given), so that the rest of the demo stays as its seed makes it."""
    rng = rng or random.Random(12)
    unit = OrgUnit.objects.filter(short_name="Dez. OB").first()
    with_manager = set(Role.objects.filter(kind=Role.Kind.DISTRICT_MANAGER).values_list("district_id", flat=True))
    districts = {d.number: d for d in District.objects.all()}
    for number, name, extension in MORE_MANAGERS:
        if districts[number].pk not in with_manager:
            _manager_for(districts[number], name, extension, unit)
    for number, (office, _people, _jobless, _transfer, _migration, net, point) in DISTRICTS.items():
        district = districts[number]
        DistrictProfile.objects.update_or_create(
            district=district,
            defaults={
                "introduction": (
                    f"Willkommen im Stadtbezirk {district.name}. Das Stadtbezirksmanagement ist Ihre Ansprechperson "
                    "in der Verwaltung: für Einwohner*innen, Vereine, Initiativen und den Stadtbezirksrat."
                ),
                "office_address": office,
                "office_hours": "dienstags 10–12 Uhr und donnerstags 15–18 Uhr, sonst nach Vereinbarung",
                "concern_how": (
                    "Rufen Sie an, schreiben Sie eine E-Mail oder kommen Sie in die Sprechstunde. Wir geben Ihr "
                    "Anliegen an die zuständige Stelle weiter (Lotse) oder kümmern uns darum, bis es gelöst ist "
                    "(Kümmerer)."
                ),
            },
        )
        DistrictCouncil.objects.filter(district=district).filter(Q(website="") | Q(meetings="")).update(
            website=COUNCIL_INFO, meetings="etwa monatlich, donnerstags 18 Uhr, öffentlich"
        )
        quarters = list(district.quarters.order_by("name"))
        Network.objects.get_or_create(
            district=district,
            name=net[0],
            defaults={
                "kind": Network.Kind.ROUND_TABLE,
                "topics": net[1],
                "contact": f"über das Stadtbezirksmanagement {district.name}",
                "meeting_rhythm": "alle zwei Monate, dienstags 18 Uhr",
                "quarter": quarters[0] if quarters else None,
            },
        )
        Network.objects.get_or_create(
            district=district,
            name=f"AG Kinder und Jugend {district.name}",
            defaults={
                "kind": Network.Kind.WORKING_GROUP,
                "topics": "Kinder, Jugend, Schule, Spielplätze",
                "contact": "Kinder- und Jugendarbeit im Stadtbezirk, jugend@hannover-stadt.example",
                "meeting_rhythm": "vierteljährlich",
            },
        )
        ContactPoint.objects.get_or_create(
            district=district,
            name=point[0],
            defaults={
                "kind": ContactPoint.Kind.INFORMATION,
                "topics": point[1],
                "description": f"Anlaufstelle im Stadtbezirk {district.name}: Beratung, Begegnung und Hilfe bei "
                "Anträgen, mit Sprechzeiten vor Ort.",
                "description_easy": "Hier können Sie hingehen. Man hilft Ihnen. Zum Beispiel bei Briefen vom Amt.",
                "address": office,
                "phone": "0511 168-4" + f"{number:02d}00",
                "opening_hours": "Montag bis Donnerstag 10–16 Uhr",
                "accessibility": "Stufenloser Zugang" if number % 3 else "Eingang mit zwei Stufen, Klingel für Hilfe",
            },
        )
        MonitoringNote.objects.get_or_create(
            district=district,
            title=f"Aktive Nachbarschaften in {district.name}",
            defaults={
                "kind": MonitoringNote.Kind.POTENTIAL,
                "text": "Viele Vereine und Initiativen arbeiten im Stadtbezirk zusammen; sie sind in den Netzwerken "
                "vertreten und können bei Beteiligungsverfahren angesprochen werden.",
                "is_public": True,
            },
        )
        MonitoringNote.objects.get_or_create(
            district=district,
            title="Räume für Treffen knapp",
            defaults={
                "kind": MonitoringNote.Kind.DEFICIT,
                "text": "Für Abendtermine fehlen barrierefreie Räume; mit der Koordinierungsstelle klären.",
                "is_public": False,
            },
        )
    for kind, name, topics, text, easy, phone, hours, access in CITY_WIDE_POINTS:
        ContactPoint.objects.get_or_create(
            district=None,
            name=name,
            defaults={
                "kind": kind,
                "topics": topics,
                "description": text,
                "description_easy": easy,
                "phone": phone,
                "opening_hours": hours,
                "accessibility": access,
                "address": "Neues Rathaus, Trammplatz 2, 30159 Hannover",
            },
        )
    linden_manager = User.objects.filter(
        role_set__kind=Role.Kind.DISTRICT_MANAGER, role_set__district=districts[10]
    ).first()
    if linden_manager is not None:
        point = ContactPoint.objects.filter(district=districts[10], name=DISTRICTS[10][6][0]).first()
        if point is not None and not point.person_account_id:
            point.person_name, point.person_account = linden_manager.full_name, linden_manager
            point.save(update_fields=["person_name", "person_account"])
    values = services.import_indicators(None, _indicator_csv(rng))
    return {"districts": len(DISTRICTS), "indicator_values": values}
