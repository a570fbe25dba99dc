"""Browser test of the office's catalogue pages (issue 14): the coordination office adds a room and a photo through
the forms, and axe-core finds nothing on every new page, also with errors shown."""

import pytest

from stadtdialog.accounts.models import Role
from stadtdialog.office.models import Room
from tests.factories import UserFactory, staff_user
from tests.images import phone_photo
from tests.office.factories import equipment, request, room

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_catalogue_pages_work_and_have_no_axe_violations(axe_page, live_server, tmp_path):
    office = staff_user(Role.Kind.COORDINATION)
    hall, projector = room(name="Saal im Neuen Rathaus"), equipment(name="Beamer")
    request(UserFactory(), room=hall, quantities={projector: 1})
    login(axe_page, live_server, office)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/raeume/katalog/",
            "/verwaltung/raeume/katalog/raum/neu/",
            f"/verwaltung/raeume/katalog/raum/{hall.pk}/",
            f"/verwaltung/raeume/katalog/raum/{hall.pk}/fotos/",
            f"/verwaltung/raeume/katalog/raum/{hall.pk}/entfernen/",
            "/verwaltung/raeume/katalog/material/neu/",
            f"/verwaltung/raeume/katalog/material/{projector.pk}/",
            f"/verwaltung/raeume/katalog/material/{projector.pk}/entfernen/",
        ],
    )
    # errors shown: a room without name and address
    axe_page.goto(f"{live_server.url}/verwaltung/raeume/katalog/raum/neu/")
    axe_page.get_by_label("Plätze").fill("0")
    axe_page.get_by_role("button", name="Speichern").click()
    axe_page.wait_for_load_state()
    assert "Bitte geben Sie den Namen des Raums an." in axe_page.content()
    assert_no_axe_violations(axe_page)
    # a room made through the form, then a photo added with its description
    axe_page.get_by_label("Name").fill("Stadtteiltreff Sahlkamp")
    axe_page.get_by_label("Plätze").fill("25")
    axe_page.locator("#id_address").fill("Elmstraße 15, 30657 Hannover")
    axe_page.get_by_role("button", name="Speichern").click()
    axe_page.wait_for_load_state()
    created = Room.objects.get(name="Stadtteiltreff Sahlkamp")
    assert axe_page.url.endswith(f"/verwaltung/raeume/katalog/raum/{created.pk}/fotos/")
    photo = tmp_path / "saal.jpg"
    photo.write_bytes(phone_photo().read())
    axe_page.get_by_role("button", name="Foto hinzufügen").click()  # without file and description: errors
    axe_page.wait_for_load_state()
    assert_no_axe_violations(axe_page)
    axe_page.get_by_label("Foto", exact=True).set_input_files(str(photo))
    axe_page.get_by_label("Beschreibung des Fotos").fill("Gruppenraum mit Stuhlkreis")
    axe_page.get_by_role("button", name="Foto hinzufügen").click()
    axe_page.wait_for_load_state()
    assert created.photos.count() == 1
    assert_no_axe_violations(axe_page)
