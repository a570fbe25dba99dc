"""The demo of the coordination office's services (issue 14): rooms of the coordination office and of district
centres in Hannover, equipment to borrow, the rules of use as a page, bookings (approved, requested, a series,
equipment handed over and overdue), a blackout in the Christmas holidays, and office hours of the coordination
office and of the district manager of Linden-Limmer with a booked appointment. Everything goes through the
office's services, as people would do it."""

import datetime
import io
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from stadtdialog.accounts.models import User
from stadtdialog.core import services as core_services
from stadtdialog.core.models import Page
from stadtdialog.office import services
from stadtdialog.office.models import OfficeHour, Room
from stadtdialog.organisation.models import District

from .logins import demo_login

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

RULES = (
    "benutzungsordnung-beteiligungsraeume",
    "Benutzungsordnung der Beteiligungsräume",
    "<p>Die Räume und das Material der Koordinierungsstelle für Beteiligung stehen Initiativen, Vereinen, den "
    "Stadtbezirksräten und den Fachbereichen für Themen rund um Beteiligung zur Verfügung. (Demo-Text: Die "
    "Benutzungsordnung beschließt der Rat.)</p>"
    "<h2>Buchung</h2><p>Anfragen stellen Sie online mit einem bestätigten Konto. Die Koordinierungsstelle bestätigt "
    "jede Anfrage per E-Mail. Die Nutzung ist in der Regel kostenlos.</p>"
    "<h2>Nutzung</h2><ul><li>Hinterlassen Sie den Raum so, wie Sie ihn vorgefunden haben.</li>"
    "<li>Material holen Sie am Abholort ab und bringen es am Ende des Termins vollständig zurück.</li>"
    "<li>Veranstaltungen sind offen und diskriminierungsfrei; parteipolitische Werbung ist nicht gestattet.</li></ul>",
)
ROOMS = [
    {
        "name": "Beteiligungsraum der Koordinierungsstelle",
        "slug": "beteiligungsraum-neues-rathaus",
        "description": "Heller Raum im Erdgeschoss des Neuen Rathauses mit Tischen für Gruppenarbeit – die "
        "„begehbare Schnittstelle“ zwischen Verwaltung, Politik und Einwohner*innen.",
        "capacity": 24,
        "step_free": True,
        "accessible_toilet": True,
        "hearing_loop": True,
        "fixed_equipment": "Leinwand, Whiteboard, 6 Stellwände, WLAN",
        "address": "Trammplatz 2, 30159 Hannover",
        "latitude": "52.367210",
        "longitude": "9.738560",
        "district": 1,
        "opening_hours": "Mo–Fr 8–20 Uhr, Sa nach Absprache",
    },
    {
        "name": "Saal im Stadtteilzentrum Lister Turm",
        "slug": "saal-lister-turm",
        "description": "Großer Saal für Versammlungen und Werkstätten mit Bühne.",
        "capacity": 80,
        "step_free": True,
        "accessible_toilet": True,
        "hearing_loop": False,
        "fixed_equipment": "Beschallungsanlage, Bühne, Teeküche",
        "address": "Walderseestraße 100, 30177 Hannover",
        "latitude": "52.390350",
        "longitude": "9.758950",
        "district": 4,
        "opening_hours": "Mo–Fr 10–22 Uhr",
    },
    {
        "name": "Gruppenraum im Freizeitheim Linden",
        "slug": "gruppenraum-freizeitheim-linden",
        "description": "Gruppenraum im ersten Stock, mit dem Aufzug erreichbar.",
        "capacity": 30,
        "step_free": True,
        "accessible_toilet": False,
        "hearing_loop": False,
        "fixed_equipment": "Flipchart, Moderationswand",
        "address": "Windheimstraße 4, 30451 Hannover",
        "latitude": "52.365520",
        "longitude": "9.710120",
        "district": 10,
        "opening_hours": "Mo–Fr 9–21 Uhr",
        "fee": "",
    },
    {
        "name": "Mehrzweckraum im Stadtteiltreff Sahlkamp",
        "slug": "mehrzweckraum-sahlkamp",
        "description": "Raum im Stadtteiltreff, gut für Nachbarschaftsrunden und Sprechstunden vor Ort.",
        "capacity": 40,
        "step_free": False,
        "accessible_toilet": False,
        "hearing_loop": False,
        "accessibility_note": "Drei Stufen am Eingang; eine mobile Rampe ist auf Anfrage da.",
        "address": "Elmstraße 15, 30657 Hannover",
        "latitude": "52.414980",
        "longitude": "9.787660",
        "district": 3,
        "opening_hours": "Di–Do 14–20 Uhr",
        "fee": "Reinigungspauschale 20 € bei Veranstaltungen mit Essen",
    },
]
EQUIPMENT = [
    ("Beamer", "beamer", "Full-HD-Beamer mit HDMI-Kabel und Fernbedienung.", 5),
    ("Moderationskoffer", "moderationskoffer", "Karten, Stifte, Pinnnadeln, Klebepunkte für etwa 30 Personen.", 4),
    ("Pinnwände", "pinnwaende", "Faltbare Pinnwände 120 × 150 cm.", 12),
    ("Mobile Beschallungsanlage", "beschallungsanlage", "Lautsprecher mit zwei Funkmikrofonen.", 2),
    ("Laptop", "laptop", "Laptop mit Präsentationssoftware, für Beamer und Videokonferenzen.", 3),
    ("Flipchart", "flipchart", "Flipchart mit Block und Stiften.", 6),
]
PICKUP = "Koordinierungsstelle für Beteiligung, Trammplatz 2, Raum 112 (Mo–Do 9–15 Uhr)"


def _photo(colour: tuple[int, int, int]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("raum.png", buffer.getvalue(), content_type="image/png")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def seed(today: datetime.date | None = None) -> dict:
    """Create the office's demo; returns counts."""
    today = today or timezone.localdate()
    if Room.objects.exists():  # a second seed in the same database (the demo's repeatability tests)
        return {"rooms": 0, "equipment": 0, "bookings": 0}
    office = User.objects.get(email=demo_login("coordination")["email"])
    manager = User.objects.get(email=demo_login("district_manager")["email"])
    resident = User.objects.get(email=demo_login("resident")["email"])
    rules = Page.objects.filter(slug=RULES[0]).first() or core_services.create_page(
        office, slug=RULES[0], title=RULES[1], body=RULES[2], in_footer=False
    )
    districts = {d.number: d for d in District.objects.all()}
    rooms = []
    for position, spec in enumerate(ROOMS):
        data = {**spec, "district": districts.get(spec["district"]), "rules_page": rules, "position": position}
        rooms.append(services.create_room(office, **data))
    services.add_room_photo(
        office,
        rooms[0],
        image=_photo((222, 235, 247)),
        alt_text="Der Beteiligungsraum mit Gruppentischen und Stellwänden",
    )
    equipment = {
        slug: services.create_equipment(
            office, name=name, slug=slug, description=text, stock=stock, pickup=PICKUP, position=i
        )
        for i, (name, slug, text, stock) in enumerate(EQUIPMENT)
    }
    monday = today + datetime.timedelta(days=7 - today.weekday())
    workshop = services.request_booking(
        resident,
        room=rooms[0],
        quantities={equipment["beamer"]: 2, equipment["moderationskoffer"]: 1},
        start=_at(monday + datetime.timedelta(days=1), 18),
        end=_at(monday + datetime.timedelta(days=1), 21),
        purpose="Werkstatt der Initiative „Grüne Mitte“ zum Platz am Küchengarten",
        organisation="Initiative Grüne Mitte Linden",
        expected_people=20,
        accessibility_needs="Induktionsschleife",
    )
    services.approve_booking(office, workshop)
    series = services.request_booking(
        resident,
        room=rooms[2],
        quantities={},
        start=_at(monday + datetime.timedelta(days=3), 19),
        end=_at(monday + datetime.timedelta(days=3), 21),
        purpose="Monatliches Treffen des Nachbarschaftsforums Limmer",
        organisation="Nachbarschaftsforum Limmer",
        expected_people=15,
        repeat="biweekly",
        repeat_until=monday + datetime.timedelta(days=3 + 70),
    )
    council = services.request_booking(
        office,
        room=rooms[1],
        quantities={equipment["beschallungsanlage"]: 1},
        start=_at(monday + datetime.timedelta(days=9), 17),
        end=_at(monday + datetime.timedelta(days=9), 20),
        purpose="Einwohner*innenversammlung zum Stadtbezirk Vahrenwald-List",
        organisation="Stadtbezirksrat Vahrenwald-List",
        expected_people=70,
    )
    services.approve_booking(office, council)
    # Equipment lent last week and not back yet: shown as late in the staff area.
    lent = services.request_booking(
        resident,
        room=None,
        quantities={equipment["pinnwaende"]: 4},
        start=timezone.now() + datetime.timedelta(minutes=5),
        end=timezone.now() + datetime.timedelta(hours=2),
        purpose="Infostand zum Stadtteilfest Linden-Süd",
        organisation="Stadtteilforum Linden-Süd",
        expected_people=50,
    )
    services.approve_booking(office, lent)
    services.record_handover(office, lent.occurrences.get())
    lent.occurrences.update(
        start=timezone.now() - datetime.timedelta(days=4, hours=3), end=timezone.now() - datetime.timedelta(days=4)
    )  # demo history: the date lies in the past
    christmas = (
        datetime.date(today.year, 12, 23)
        if today <= datetime.date(today.year, 12, 23)
        else datetime.date(today.year + 1, 12, 23)
    )
    services.create_blackout(
        office,
        room=None,
        equipment=None,
        start=_at(christmas, 0),
        end=_at(christmas + datetime.timedelta(days=12), 0),
        reason="Weihnachtsferien der Koordinierungsstelle",
    )
    common = {"valid_from": today, "valid_until": None, "is_active": True, "slot_minutes": 30}
    office_hour = services.create_office_hour(
        office,
        {
            **common,
            "title": "Offene Sprechstunde der Koordinierungsstelle für Beteiligung",
            "district": None,
            "weekday": 2,
            "start_time": datetime.time(10),
            "end_time": datetime.time(12),
            "mode": OfficeHour.Mode.ON_SITE,
            "place": "Neues Rathaus, Trammplatz 2, Beteiligungsraum (Erdgeschoss)",
        },
    )
    services.create_office_hour(
        office,
        {
            **common,
            "title": "Telefonsprechstunde: Beteiligung planen",
            "district": None,
            "weekday": 0,
            "start_time": datetime.time(14),
            "end_time": datetime.time(16),
            "slot_minutes": 20,
            "mode": OfficeHour.Mode.PHONE,
            "place": "Wir rufen Sie unter der angegebenen Nummer an: bitte im Thema nennen.",
        },
    )
    services.create_office_hour(
        manager,
        {
            **common,
            "title": "Sprechstunde des Stadtbezirksmanagements Linden-Limmer",
            "district": districts.get(10),
            "weekday": 1,
            "start_time": datetime.time(15),
            "end_time": datetime.time(17),
            "mode": OfficeHour.Mode.ON_SITE,
            "place": "Freizeitheim Linden, Windheimstraße 4, Raum 3",
        },
    )
    slot = office_hour.slots.filter(start__gt=timezone.now()).order_by("start").first()  # not one earlier today
    if slot is not None:
        booking = services.book_slot(
            slot,
            {
                "name": "Frieda Nachbarin",
                "email": "frieda.nachbarin@example.org",
                "topic": "Wie starte ich eine Beteiligung für unseren Hinterhof?",
            },
        )
        services.confirm_slot_booking(booking)
    return {"rooms": len(rooms), "equipment": len(equipment), "bookings": len([workshop, series, council, lent])}
