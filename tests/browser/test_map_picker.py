"""The map that marks a contribution's place (static/js/map-base.js with dialog-map.js) in a real browser: it starts
on the city (the City row's bounds, Hannover in the tests), a click fills in latitude and longitude, and the
contribution is saved with that point. No tile server is reachable in tests: the tiles are answered with a blank
image, so the map draws without errors; without JavaScript the picker stays hidden and the fields are typed."""

import base64

import pytest

from stadtdialog.dialog.models import Contribution
from stadtdialog.organisation.queries import current_city
from tests.factories import UserFactory

from .conftest import assert_no_axe_violations, login
from .data import published_plan_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A transparent 1×1 PNG for every tile (the tile server of the settings is out of reach in tests).
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def blank_tiles(page) -> list[str]:
    """Answer the map's tile requests with a blank tile; returns the tile addresses asked for."""
    asked: list[str] = []

    def fulfil(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    page.route("https://tile.openstreetmap.org/**", fulfil)
    return asked


def watch_script_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    """Forms may be sent at once: the minimum time of the anti-bot check is for people, not for the test."""
    settings.ANTIBOT_MIN_SECONDS = 0


@pytest.fixture
def resident_on_the_form():
    _plan, process, _lead = published_plan_with_history()
    return UserFactory(display_name="Lindenerin"), process


def open_form(page, live_server, user, process):
    login(page, live_server, user)
    page.goto(f"{live_server.url}/beteiligung/{process.pk}/beitraege/")
    page.get_by_role("link", name="Beitrag schreiben").first.click()
    page.wait_for_load_state()
    picker = page.locator("#point-picker.leaflet-container")
    picker.wait_for()
    return picker


def click_at(page, picker, x: float, y: float) -> tuple[float, float]:
    """Click the map at (x, y) inside it; the coordinates the picker wrote into the fields."""
    picker.click(position={"x": x, "y": y})
    return float(page.locator("#id_latitude").input_value()), float(page.locator("#id_longitude").input_value())


def assert_starts_on_the_city(page, picker):
    south, west, north, east = current_city().bounds
    box = picker.bounding_box()
    # the middle of the map is the middle of the city
    lat, lon = click_at(page, picker, box["width"] / 2, box["height"] / 2)
    assert 52.3 <= lat <= 52.45 and 9.6 <= lon <= 9.9, (lat, lon)
    assert abs(lat - (south + north) / 2) < 0.02 and abs(lon - (west + east) / 2) < 0.02, (lat, lon)
    # the whole city is in view (fitBounds): near the corners of the map (12 px in, off the rounded border; the
    # zoom buttons sit top left, the credit bottom right) the point lies outside the city's bounds or on them
    top, right = click_at(page, picker, box["width"] - 12, 12)
    bottom, left = click_at(page, picker, 12, box["height"] - 12)
    assert top >= north - 0.02 and right >= east - 0.02, (top, right)
    assert bottom <= south + 0.02 and left <= west + 0.02, (bottom, left)
    # and not the whole of Lower Saxony: at most a few times the city's size
    assert top - bottom < 6 * (north - south) and right - left < 6 * (east - west)


def test_a_click_on_the_map_fills_the_point_and_it_is_saved(page, live_server, resident_on_the_form):
    user, process = resident_on_the_form
    tiles = blank_tiles(page)
    errors = watch_script_errors(page)
    picker = open_form(page, live_server, user, process)
    assert page.locator("#point-picker-hint").is_visible()
    assert_starts_on_the_city(page, picker)
    assert tiles and all("/{z}/" not in url for url in tiles)  # the configured tile layer asked for tiles

    box = picker.bounding_box()
    lat, lon = click_at(page, picker, box["width"] * 0.4, box["height"] * 0.6)
    assert page.locator("#point-picker .leaflet-marker-icon").count() == 1  # one marker, moved by each click
    assert page.locator("#id_latitude").input_value() == f"{lat:.6f}"
    page.get_by_label("Idee", exact=True).check()
    page.locator("#id_title").fill("Bank am Kastanienbaum")
    page.locator("#id_text").fill("Hier fehlt eine Bank im Schatten, für Ältere und Familien.")
    page.get_by_role("button", name="Beitrag veröffentlichen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bank am Kastanienbaum", page.locator("main").inner_text()[:1500]
    contribution = Contribution.objects.get(title="Bank am Kastanienbaum")
    assert (float(contribution.latitude), float(contribution.longitude)) == (round(lat, 6), round(lon, 6))
    assert 52.3 <= lat <= 52.45 and 9.6 <= lon <= 9.9
    # the contribution's page shows the saved point on its own map
    page.wait_for_load_state("networkidle")
    assert page.locator("#dialog-map .leaflet-marker-icon").count() == 1
    assert errors == []  # no script error, no CSP refusal, no failed tile


def test_typed_coordinates_move_the_marker_and_a_phone_sees_the_city_too(new_page, live_server, resident_on_the_form):
    user, process = resident_on_the_form
    page = new_page(viewport={"width": 375, "height": 740})
    blank_tiles(page)
    picker = open_form(page, live_server, user, process)
    assert_starts_on_the_city(page, picker)
    page.locator("#id_latitude").fill("52,3744")
    page.locator("#id_longitude").fill("9.7386")
    page.locator("#id_longitude").dispatch_event("change")
    assert page.locator("#point-picker .leaflet-marker-icon").count() == 1


def test_without_javascript_the_fields_are_typed(no_js_page, live_server, resident_on_the_form):
    user, process = resident_on_the_form
    page = no_js_page
    login(page, live_server, user)
    page.goto(f"{live_server.url}/beteiligung/{process.pk}/beitragen/")
    assert not page.locator("#point-picker").is_visible()
    assert page.locator("#id_latitude").is_visible() and page.locator("#id_longitude").is_visible()


def test_axe_finds_nothing_on_the_form_with_the_map(axe_page, live_server, resident_on_the_form):
    user, process = resident_on_the_form
    blank_tiles(axe_page)
    open_form(axe_page, live_server, user, process)
    axe_page.wait_for_load_state("networkidle")
    assert_no_axe_violations(axe_page)
