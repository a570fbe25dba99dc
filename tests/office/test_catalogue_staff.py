"""The coordination office keeps its catalogue itself: rooms (all fields, map point, photos with a description),
equipment (stock, pickup), published or not; removing deactivates what has bookings; a lower stock is refused
while approved bookings still need more (the message names the date); bad input gives German errors at the field
with the input kept; every write leaves an audit entry."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry, Page
from stadtdialog.office import services
from stadtdialog.office.models import Equipment, Room, RoomPhoto
from stadtdialog.organisation.models import District
from tests.factories import UserFactory, staff_user
from tests.formdata import form_values
from tests.images import assert_clean, phone_photo, read_stored

from .factories import at, equipment, next_weekday, request, room

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return staff_user(Role.Kind.COORDINATION)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _actions(obj) -> list[str]:
    kind = ContentType.objects.get_for_model(obj)
    entries = AuditEntry.objects.filter(content_type=kind, object_id=str(obj.pk))
    return list(entries.order_by("pk").values_list("action", flat=True))


ROOM_DATA = {
    "name": "Gemeinschaftsraum Stadtteilzentrum Ricklingen",
    "description": "Heller Raum im Erdgeschoss mit Blick auf den Garten.",
    "capacity": "40",
    "step_free": "on",
    "accessible_toilet": "on",
    "accessibility_note": "Eingang über die Rampe an der Seite.",
    "fixed_equipment": "Leinwand, Flipchart, Teeküche",
    "address": "Ricklinger Stadtweg 1, 30459 Hannover",
    "latitude": "52.3494",
    "longitude": "9.7280",
    "opening_hours": "Mo–Fr 9–21 Uhr",
    "fee": "",
    "is_active": "on",
}


def test_the_office_adds_a_room_with_every_field_and_it_is_in_the_catalogue(office_client, office):
    district = District.objects.order_by("number").first()
    rules = Page.objects.create(slug="nutzungsregeln-test", title="Nutzungsregeln")
    page = office_client.get(reverse("office:staff_catalogue"))
    assert page.status_code == 200 and reverse("office:staff_room_create") in page.content.decode()
    response = office_client.post(
        reverse("office:staff_room_create"), {**ROOM_DATA, "district": district.pk, "rules_page": rules.pk}
    )
    assert response.status_code == 302, response.content.decode()
    hall = Room.objects.get(name=ROOM_DATA["name"])
    assert (hall.capacity, hall.step_free, hall.accessible_toilet, hall.hearing_loop) == (40, True, True, False)
    assert (hall.district, hall.rules_page, hall.is_active, hall.fee) == (district, rules, True, "")
    assert str(hall.latitude) == "52.349400" and hall.slug == "gemeinschaftsraum-stadtteilzentrum-ricklingen"
    assert _actions(hall) == ["room.create"]
    public = office_client.get(reverse("office:catalogue")).content.decode()
    assert ROOM_DATA["name"] in public
    assert ROOM_DATA["name"] in office_client.get(reverse("office:staff_catalogue")).content.decode()


def test_bad_room_input_gives_german_errors_at_the_field_and_keeps_the_input(office_client):
    response = office_client.post(
        reverse("office:staff_room_create"),
        {**ROOM_DATA, "capacity": "0", "latitude": "48.1", "longitude": "11.5", "address": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ein Raum hat mindestens einen Platz." in page
    assert "Bitte geben Sie die Adresse an." in page
    assert ROOM_DATA["fixed_equipment"] in page and ROOM_DATA["name"] in page  # kept
    assert not Room.objects.filter(name=ROOM_DATA["name"]).exists()
    # the map point outside the city, the other fields fine: the service's German message at the latitude
    response = office_client.post(
        reverse("office:staff_room_create"), {**ROOM_DATA, "latitude": "48.1", "longitude": "11.5"}
    )
    assert "außerhalb des Stadtgebiets" in response.content.decode() and ROOM_DATA["name"] in response.content.decode()
    response = office_client.post(reverse("office:staff_room_create"), {**ROOM_DATA, "longitude": ""})
    assert "Breiten- und Längengrad" in response.content.decode()
    assert not Room.objects.filter(name=ROOM_DATA["name"]).exists()


def test_editing_a_room_saves_and_is_audited_and_unpublishing_hides_it(office_client, office):
    hall = room(name="Saal im Lister Turm")
    url = reverse("office:staff_room_edit", args=[hall.pk])
    data = form_values(office_client.get(url))
    response = office_client.post(url, {**data, "fixed_equipment": "Beamer, Bühne", "is_active": ""})
    assert response.status_code == 302
    hall.refresh_from_db()
    assert hall.fixed_equipment == "Beamer, Bühne" and not hall.is_active
    assert _actions(hall) == ["room.update"]
    assert "Saal im Lister Turm" not in office_client.get(reverse("office:catalogue")).content.decode()
    # saving unchanged writes nothing
    office_client.post(url, form_values(office_client.get(url)))
    assert _actions(hall) == ["room.update"]


def test_photos_are_added_without_metadata_with_a_description_and_removed(office_client, office):
    hall = room()
    url = reverse("office:staff_room_photos", args=[hall.pk])
    response = office_client.post(url, {"action": "add", "image": phone_photo(), "alt_text": ""})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie, was das Foto zeigt" in response.content.decode()
    assert not hall.photos.exists()
    response = office_client.post(
        url, {"action": "add", "image": phone_photo(), "alt_text": "Saal mit Stuhlkreis und Fensterfront"}
    )
    assert response.status_code == 302
    photo = hall.photos.get()
    assert_clean(read_stored(photo.image))  # no EXIF, no GPS position
    assert "Saal mit Stuhlkreis und Fensterfront" in office_client.get(hall.get_absolute_url()).content.decode()
    not_an_image = b"nur ein Text, kein Bild"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = office_client.post(
        url, {"action": "add", "image": SimpleUploadedFile("x.png", not_an_image), "alt_text": "Bild"}
    )
    assert response.status_code == 400 and "PNG, JPEG oder WebP" in response.content.decode()
    response = office_client.post(url, {"action": "remove", "photo": str(photo.pk)})
    assert response.status_code == 302 and not RoomPhoto.objects.exists()
    assert _actions(hall) == ["room.photo_add", "room.photo_remove"]


def test_equipment_is_added_and_edited(office_client):
    response = office_client.post(
        reverse("office:staff_equipment_create"),
        {"name": "Moderationskoffer", "description": "Karten, Stifte, Pins", "stock": "3", "pickup": "Raum 112"},
    )
    assert response.status_code == 302
    kit = Equipment.objects.get(name="Moderationskoffer")
    assert (kit.stock, kit.is_active, kit.slug) == (3, False, "moderationskoffer")  # not published until ticked
    url = reverse("office:staff_equipment_edit", args=[kit.pk])
    response = office_client.post(url, {**form_values(office_client.get(url)), "stock": "5", "is_active": "on"})
    assert response.status_code == 302
    kit.refresh_from_db()
    assert (kit.stock, kit.is_active) == (5, True)
    assert _actions(kit) == ["equipment.create", "equipment.update"]
    response = office_client.post(url, {**form_values(office_client.get(url)), "stock": "0", "name": ""})
    page = response.content.decode()
    assert "Mindestens eines muss verfügbar sein." in page and "Bitte geben Sie den Namen an." in page


def test_a_lower_stock_is_refused_while_approved_bookings_need_more_and_names_the_date(office_client, office):
    projectors = equipment(name="Beamer", stock=5)
    start = at(next_weekday(2, weeks=2), 17)
    for _ in range(2):  # two bookings at the same time: 2 + 2 projectors
        services.approve_booking(office, request(UserFactory(), quantities={projectors: 2}, start=start))
    past = timezone.now() - datetime.timedelta(days=3)
    old = request(UserFactory(), quantities={projectors: 5}, start=timezone.now() + datetime.timedelta(hours=1))
    services.approve_booking(office, old)
    old.occurrences.update(start=past, end=past + datetime.timedelta(hours=2))  # the past does not count
    url = reverse("office:staff_equipment_edit", args=[projectors.pk])
    response = office_client.post(url, {**form_values(office_client.get(url)), "stock": "3"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Genehmigte Buchungen brauchen 4 davon am" in page and start.strftime("%-d.%-m.%Y") in page
    assert 'value="3"' in page  # the input is kept
    projectors.refresh_from_db()
    assert projectors.stock == 5
    response = office_client.post(url, {**form_values(office_client.get(url)), "stock": "4"})
    assert response.status_code == 302
    projectors.refresh_from_db()
    assert projectors.stock == 4


def test_stock_shortage_ignores_back_to_back_dates_and_declined_requests(office):
    projectors = equipment(stock=4)
    day = next_weekday(3)
    services.approve_booking(office, request(UserFactory(), quantities={projectors: 2}, start=at(day, 10)))
    services.approve_booking(office, request(UserFactory(), quantities={projectors: 2}, start=at(day, 12)))
    request(UserFactory(), quantities={projectors: 2}, start=at(day, 11))  # requested only
    assert services.stock_shortage(projectors, 2) is None
    moment, needed = services.stock_shortage(projectors, 1)
    assert (moment, needed) == (at(day, 10), 2)


def test_removing_deletes_what_was_never_booked_and_deactivates_the_rest(office_client, office):
    unused, used = room(name="Leerer Raum"), room(name="Gebuchter Raum")
    request(UserFactory(), room=used)
    response = office_client.get(reverse("office:staff_room_remove", args=[used.pk]))
    assert "deaktiviert" in response.content.decode()
    assert office_client.post(reverse("office:staff_room_remove", args=[used.pk])).status_code == 302
    used.refresh_from_db()
    assert not used.is_active and used.bookings.count() == 1
    assert office_client.post(reverse("office:staff_room_remove", args=[unused.pk])).status_code == 302
    assert not Room.objects.filter(pk=unused.pk).exists()
    kit, lent = equipment(name="Unbenutzt"), equipment(name="Verliehen")
    request(UserFactory(), quantities={lent: 1})
    office_client.post(reverse("office:staff_equipment_remove", args=[kit.pk]))
    office_client.post(reverse("office:staff_equipment_remove", args=[lent.pk]))
    assert not Equipment.objects.filter(pk=kit.pk).exists()
    lent.refresh_from_db()
    assert not lent.is_active
    assert _actions(used) == ["room.deactivate"] and _actions(lent)[-1] == "equipment.deactivate"


def test_only_the_office_and_admins_may_write_the_catalogue(client):
    manager = staff_user(Role.Kind.DISTRICT_MANAGER)
    hall = room()
    from django.core.exceptions import PermissionDenied

    for call in (
        lambda: services.update_room(manager, hall, name="Anders"),
        lambda: services.remove_room(manager, hall),
        lambda: services.create_equipment(manager, name="Beamer", stock=1, pickup="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    client.force_login(manager)
    assert client.get(reverse("office:staff_catalogue")).status_code == 403


def test_the_catalogue_list_has_constant_queries(office_client, django_assert_max_num_queries):
    room(), equipment()
    url = reverse("office:staff_catalogue")
    office_client.get(url)
    with django_assert_max_num_queries(12) as few:
        office_client.get(url)
    for number in range(5):
        room(name=f"Raum {number}", district=District.objects.order_by("number").first()), equipment(name=f"M {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        office_client.get(url)
