"""The demo administration (directorates, departments, sections, coordination office) and its staff.

The unit names follow Hannover's administration closely enough to feel familiar; they are demo data.
"""

from functools import cache

from django.contrib.auth.hashers import make_password

from stadtdialog.accounts.models import Role, User
from stadtdialog.demo.logins import DEMO_ACCOUNTS, DEMO_PASSWORD
from stadtdialog.organisation.models import District, OrgUnit

CITY_HALL = "Trammplatz 2, 30159 Hannover"
BUILDING_OFFICE = "Rudolf-Hillebrecht-Platz 1, 30159 Hannover"
GREEN_OFFICE = "Langensalzastraße 17, 30169 Hannover"
YOUTH_OFFICE = "Joachimstraße 8, 30159 Hannover"

# (short name, name, kind, parent short name, office e-mail local part, phone, address)
UNITS = [
    (
        "Dez. OB",
        "Geschäftsbereich des Oberbürgermeisters",
        "directorate",
        None,
        "ob-buero",
        "0511 168-41000",
        CITY_HALL,
    ),
    ("KSB", "Koordinierungsstelle für Beteiligung", "office", "Dez. OB", "beteiligung", "0511 168-41010", CITY_HALL),
    (
        "Dez. III",
        "Dezernat III – Bildung, Jugend und Familie",
        "directorate",
        None,
        "dezernat3",
        "0511 168-43000",
        YOUTH_OFFICE,
    ),
    ("FB 51", "Jugend und Familie", "department", "Dez. III", "fb51", "0511 168-45100", YOUTH_OFFICE),
    ("51.5", "Kinder- und Jugendarbeit", "section", "FB 51", "fb51-jugendarbeit", "0511 168-45150", YOUTH_OFFICE),
    (
        "FB 18",
        "Bibliothek und Schule",
        "department",
        "Dez. III",
        "fb18",
        "0511 168-41800",
        "Hildesheimer Straße 12, 30169 Hannover",
    ),
    (
        "18.2",
        "Stadtbibliothek",
        "section",
        "FB 18",
        "stadtbibliothek",
        "0511 168-42169",
        "Hildesheimer Straße 12, 30169 Hannover",
    ),
    ("Dez. IV", "Dezernat IV – Kultur und Sport", "directorate", None, "dezernat4", "0511 168-44000", CITY_HALL),
    ("FB 41", "Kultur", "department", "Dez. IV", "fb41", "0511 168-44100", "Friedrichswall 15, 30159 Hannover"),
    (
        "FB 52",
        "Sport, Eventmanagement und Bäder",
        "department",
        "Dez. IV",
        "fb52",
        "0511 168-45200",
        "Ferdinand-Wilhelm-Fricke-Weg 10, 30169 Hannover",
    ),
    ("Dez. V", "Dezernat V – Wirtschaft und Umwelt", "directorate", None, "dezernat5", "0511 168-45000", GREEN_OFFICE),
    ("FB 67", "Umwelt und Stadtgrün", "department", "Dez. V", "fb67", "0511 168-46700", GREEN_OFFICE),
    ("67.1", "Grünplanung und Freiraum", "section", "FB 67", "fb67-gruenplanung", "0511 168-46710", GREEN_OFFICE),
    ("67.3", "Umweltschutz und Klimaanpassung", "section", "FB 67", "fb67-klima", "0511 168-46730", GREEN_OFFICE),
    ("Dez. VI", "Dezernat VI – Baudezernat", "directorate", None, "baudezernat", "0511 168-46000", BUILDING_OFFICE),
    ("FB 61", "Planen und Stadtentwicklung", "department", "Dez. VI", "fb61", "0511 168-46100", BUILDING_OFFICE),
    ("61.1", "Stadtplanung", "section", "FB 61", "fb61-stadtplanung", "0511 168-46110", BUILDING_OFFICE),
    (
        "61.4",
        "Stadterneuerung und Quartiersentwicklung",
        "section",
        "FB 61",
        "fb61-stadterneuerung",
        "0511 168-46140",
        BUILDING_OFFICE,
    ),
    ("FB 66", "Tiefbau", "department", "Dez. VI", "fb66", "0511 168-46600", BUILDING_OFFICE),
    ("66.1", "Verkehrsplanung", "section", "FB 66", "fb66-verkehrsplanung", "0511 168-46610", BUILDING_OFFICE),
]

# Staff who lead or deputise processes (no login), two in each unit that leads plans:
# (unit short name, full name, phone extension)
PROCESS_STAFF = [
    ("FB 61", "Jana Petersen", "46121"),
    ("FB 61", "Thomas Brandt", "46122"),
    ("61.1", "Lena Fischer", "46111"),
    ("61.1", "Jan Albers", "46112"),
    ("61.4", "Leyla Demir", "46141"),
    ("61.4", "Stefan Pohl", "46142"),
    ("FB 66", "Henrik Vogt", "46601"),
    ("FB 66", "Anna Lüdtke", "46602"),
    ("66.1", "Mara Köhler", "46611"),
    ("66.1", "Tobias Reinecke", "46612"),
    ("FB 67", "Murat Yılmaz", "46701"),
    ("FB 67", "Katrin Ahrens", "46702"),
    ("67.1", "Lisa Hoppe", "46711"),
    ("67.1", "Erik Sander", "46712"),
    ("67.3", "Ole Martens", "46731"),
    ("67.3", "Julia Wagner", "46732"),
    ("FB 51", "Miriam Scholz", "45101"),
    ("FB 51", "Daniel Krüger", "45102"),
    ("51.5", "Aylin Kaya", "45151"),
    ("51.5", "Simon Bauer", "45152"),
    ("FB 18", "Sophie Engel", "41801"),
    ("FB 18", "Felix Hartmann", "41802"),
    ("18.2", "Hannah Kühn", "42161"),
    ("18.2", "Lukas Meier", "42162"),
    ("FB 41", "Clara Neumann", "44111"),
    ("FB 41", "Jonas Wendt", "44112"),
    ("FB 52", "Ben Schäfer", "45211"),
    ("FB 52", "Nele Jansen", "45212"),
]


@cache
def demo_password_hash() -> str:
    """The demo password hashed once (argon2 is slow by design; every demo login shares it)."""
    return make_password(DEMO_PASSWORD)


def office_email(full_name: str) -> str:
    local = full_name.lower().replace(" ", ".")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")):
        local = local.replace(a, b)
    return f"{local}@hannover-stadt.example"


def make_units() -> dict[str, OrgUnit]:
    """Create (or find) the demo administration tree; returns units by short name."""
    units: dict[str, OrgUnit] = {}
    for short, name, kind, parent, mail, phone, address in UNITS:
        unit, _ = OrgUnit.objects.get_or_create(
            short_name=short,
            defaults={
                "name": name,
                "kind": kind,
                "parent": units.get(parent),
                "is_coordination_office": short == "KSB",
                "email": f"{mail}@hannover-stadt.example",
                "phone": phone,
                "address": address,
            },
        )
        units[short] = unit
    return units


def _staff(email, full_name, unit, phone, password=False, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(
            email=email,
            display_name=full_name,
            full_name=full_name,
            org_unit=unit,
            office_phone=f"0511 168-{phone}",
            office_email=office_email(full_name),
            office_address=unit.address if unit else CITY_HALL,
            email_verified=True,
            **extra,
        )
        if password:
            user.password = demo_password_hash()
        else:
            user.set_unusable_password()
        user.save()
    return user


def make_demo_logins(units: dict[str, OrgUnit]) -> dict[str, User]:
    """One login for every role, all with the shared demo password; returns users by key."""
    linden = District.objects.get(number=10)
    people = {
        "admin": ("Alexandra Brückner", units["Dez. OB"], "41001", Role.Kind.ADMIN, {}),
        "coordination": ("Fatma Aydın", units["KSB"], "41011", Role.Kind.COORDINATION, {"org_unit": units["KSB"]}),
        "fb61": ("Jana Petersen", units["FB 61"], "46121", Role.Kind.DEPARTMENT, {"org_unit": units["FB 61"]}),
        "fb67": ("Murat Yılmaz", units["FB 67"], "46711", Role.Kind.DEPARTMENT, {"org_unit": units["FB 67"]}),
        "district_manager": (
            "Sabine Kowalski",
            units["Dez. OB"],
            "41020",
            Role.Kind.DISTRICT_MANAGER,
            {"district": linden},
        ),
        "moderator": ("Paul Richter", units["KSB"], "41012", Role.Kind.MODERATOR, {}),
        "council_member": ("Gisela Hoffmann", None, "0", Role.Kind.COUNCIL_MEMBER, {}),
        "unit_lead": (
            "Dr. Martin Oberdieck",
            units["FB 61"],
            "46101",
            Role.Kind.UNIT_LEAD,
            {"org_unit": units["FB 61"]},
        ),
        "district_deputy": (
            "Deniz Arslan",
            units["Dez. OB"],
            "41021",
            Role.Kind.DISTRICT_DEPUTY,
            {"district": linden},
        ),
    }
    users = {}
    for account in DEMO_ACCOUNTS:
        key, email = account["key"], account["email"]
        if key == "resident":
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email, display_name="Lindenblüte", email_verified=True)
                user.password = demo_password_hash()
                user.save()
            users[key] = user
            continue
        full_name, unit, phone, kind, scope = people[key]
        extra = {"is_staff": True, "is_superuser": True} if kind == Role.Kind.ADMIN else {}
        if kind == Role.Kind.COUNCIL_MEMBER:
            user = _staff(email, full_name, None, phone, password=True)
            user.office_phone, user.office_email, user.office_address = "", "", ""
            user.save()
        else:
            user = _staff(email, full_name, unit, phone, password=True, **extra)
        Role.objects.get_or_create(user=user, kind=kind, **scope)
        users[key] = user
    return users


def make_process_staff(units: dict[str, OrgUnit], logins: dict[str, User]) -> dict[str, list[User]]:
    """Staff who can be lead contact or deputy, by the short name of their own unit.

    Each has a department-staff role for their own unit, so they may also edit its plans."""
    known = {logins["fb61"].full_name: logins["fb61"], logins["fb67"].full_name: logins["fb67"]}
    by_unit: dict[str, list[User]] = {}
    for short, full_name, phone in PROCESS_STAFF:
        unit = units[short]
        user = known.get(full_name)
        if user is None:
            email = office_email(full_name).replace("@hannover-stadt", "@intern.hannover-stadt")
            user = _staff(email, full_name, unit, phone)
            Role.objects.get_or_create(user=user, kind=Role.Kind.DEPARTMENT, org_unit=unit)
        by_unit.setdefault(short, []).append(user)
    return by_unit


# District management beyond the demo logins (no login): (district number, manager, deputy, phone extensions)
DISTRICT_STAFF = [
    (1, "Birgit Lorenz", "Kevin Otto", "41030", "41031"),
    (3, "Ralf Dietrich", "Svenja Busch", "41032", "41033"),
    (12, "Petra Sommer", "Marco Heine", "41034", "41035"),
]


def make_staff_administration(units: dict[str, OrgUnit]) -> None:
    """Roles beyond the logins: a lead of FB 67, district managers and deputies of three districts, a member of the
    district council Linden-Limmer, and one open invitation (to FB 66) as the staff list shows it."""
    import datetime
    import secrets

    from django.utils import timezone

    from stadtdialog.accounts.models import StaffInvitation
    from stadtdialog.accounts.tokens import hash_token

    lead = _staff(office_email("Dr. Ines Brandes"), "Dr. Ines Brandes", units["FB 67"], "46700")
    Role.objects.get_or_create(user=lead, kind=Role.Kind.UNIT_LEAD, org_unit=units["FB 67"])
    for number, manager, deputy, manager_phone, deputy_phone in DISTRICT_STAFF:
        district = District.objects.get(number=number)
        for name, phone, kind in (
            (manager, manager_phone, Role.Kind.DISTRICT_MANAGER),
            (deputy, deputy_phone, Role.Kind.DISTRICT_DEPUTY),
        ):
            user = _staff(office_email(name), name, units["Dez. OB"], phone)
            Role.objects.get_or_create(user=user, kind=kind, district=district)
    council = _staff("ratsmitglied-linden@stadtdialog.example", "Hans-Peter Winkler", None, "0")
    Role.objects.get_or_create(user=council, kind=Role.Kind.COUNCIL_MEMBER, district=District.objects.get(number=10))
    email = office_email("Carla Neumeyer")
    if not User.objects.filter(email=email).exists():
        invited = User(
            email=email,
            display_name="Carla Neumeyer",
            full_name="Carla Neumeyer",
            org_unit=units["FB 66"],
            office_phone="0511 168-46603",
            is_active=False,
        )
        invited.set_unusable_password()
        invited.save()
        Role.objects.create(user=invited, kind=Role.Kind.DEPARTMENT, org_unit=units["FB 66"])
        now = timezone.now()
        StaffInvitation.objects.create(
            user=invited,
            token_hash=hash_token(secrets.token_urlsafe(32)),  # the demo sends no mail: nobody knows this link
            created_by=User.objects.filter(role_set__kind=Role.Kind.ADMIN).order_by("pk").first(),
            expires_at=now + datetime.timedelta(days=5),
        )
