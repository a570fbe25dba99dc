"""The district pages, the directory and the district's work area in a real browser (issue 12): axe-core finds no
violations; the pages work without JavaScript and at 375 px (helper "dista")."""

import pytest

from stadtdialog.districts import services
from stadtdialog.organisation.models import District
from tests.districts.factories import GOOD_CSV, contact_point, linden, manager_of, network, note
from tests.events.factories import EventFactory
from tests.factories import PlanFactory, published_process

from .conftest import assert_no_axe_violations, check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.70, 52.36], [9.73, 52.36], [9.73, 52.38], [9.70, 52.38], [9.70, 52.36]]],
}


def _district_with_content():
    district = linden()
    District.objects.filter(pk=district.pk).update(boundary=SQUARE)
    manager = manager_of(district)
    services.save_profile(
        manager,
        district,
        {
            "introduction": "Linden-Limmer liegt westlich der Innenstadt an Ihme und Leine.",
            "office_hours": "dienstags 10–12 Uhr",
            "concern_how": "Rufen Sie an oder kommen Sie in die Sprechstunde.",
        },
    )
    plan = PlanFactory(title="Neugestaltung Lindener Marktplatz", districts=[district])
    process = published_process(plan=plan, title="Beteiligung Marktplatz")
    EventFactory(title="Stadtteilspaziergang Linden-Süd", district=district, process=process, org_unit=None)
    network(district)
    network(district, name="AK Ihme-Ufer", is_published=False)
    note(district)
    contact_point(district, person_name="Aylin Demir", person_agreed=True)
    contact_point(None, name="Bürgertelefon der Stadt", topics="Alles")
    services.import_indicators(None, GOOD_CSV)
    return district, manager


def test_district_list_page_and_directory(axe_page, live_server):
    district, _manager = _district_with_content()
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/stadtbezirke/",
            f"/stadtbezirke/{district.slug}/",
            "/anlaufstellen/",
            f"/anlaufstellen/?bezirk={district.slug}&sprache=leicht",
        ],
    )
    axe_page.goto(f"{live_server.url}/stadtbezirke/")
    assert axe_page.locator("#district-map .leaflet-interactive").count() >= 1  # the boundary on the map


def test_work_area_and_forms_of_the_district_manager(axe_page, live_server):
    district, manager = _district_with_content()
    login(axe_page, live_server, manager)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/stadtbezirke/",
            f"/verwaltung/stadtbezirke/{district.slug}/",
            f"/verwaltung/stadtbezirke/{district.slug}/profil/",
            f"/verwaltung/stadtbezirke/{district.slug}/netzwerke/neu/",
            f"/verwaltung/stadtbezirke/{district.slug}/notizen/neu/",
            f"/verwaltung/stadtbezirke/{district.slug}/kennzahlen/",
            "/verwaltung/anlaufstellen/",
            "/verwaltung/anlaufstellen/neu/",
        ],
    )
    assert "AK Ihme-Ufer" in axe_page.goto(f"{live_server.url}/verwaltung/stadtbezirke/{district.slug}/").text()
    # an import with a bad line: the error names it, the page still passes axe
    axe_page.goto(f"{live_server.url}/verwaltung/stadtbezirke/{district.slug}/kennzahlen/")
    axe_page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "werte.csv",
                "mimeType": "text/csv",
                "buffer": b"bezirk;stadtteil;kennzahl;jahr;wert;einheit\n10;;x;20;1;%\n",
            }
        ],
    )
    axe_page.locator("main form button[type=submit]").click()
    axe_page.wait_for_load_state()
    assert "Zeile 2" in axe_page.locator("main").inner_text()
    assert_no_axe_violations(axe_page)


def test_the_pages_work_without_javascript_at_375_px(new_page, live_server):
    district, _manager = _district_with_content()
    page = new_page(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page.goto(f"{live_server.url}/stadtbezirke/")
    page.get_by_role("link", name="Linden-Limmer").first.click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Sabine Lindemann" in main and "Runder Tisch Linden-Süd" in main and "46.102" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    page.goto(f"{live_server.url}/anlaufstellen/")
    page.locator("#directory-district").select_option(district.slug)
    page.get_by_label("In Leichter Sprache zeigen").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Wir beraten Sie." in page.locator("main").inner_text()
