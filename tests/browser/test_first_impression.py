"""The first impression (issue 16): the start page with running participations and events, the staff home for
every role, both without axe violations and at 375 px without sideways scrolling.

With SCREENSHOTS_DIR set, the start page, the plan list, a process page, the staff concept form and the staff home
are photographed at 1280 px and 375 px into that folder (the issue's screenshots; never in CI)."""

import os
from pathlib import Path

import pytest

from stadtdialog.accounts.models import Role
from tests.browser.conftest import axe_violations, login
from tests.events.factories import EventFactory, in_days
from tests.factories import PlanFactory, published_process, staff_user
from tests.outcomes.factories import ResultFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 375)
NOT_WIDER = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _shoot(page, name, width):
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


def _world():
    process = published_process(title="Spielplatz am Küchengarten: Ihre Ideen")
    published_process(title="Radverkehr in der List")
    EventFactory(title="Werkstatt zum Spielplatz", process=process, start=in_days(4))
    EventFactory(title="Stadtteilspaziergang Linden-Nord", start=in_days(9))
    ResultFactory(process=published_process(title="Neugestaltung Lindener Marktplatz"))
    PlanFactory(title="Sanierung der Stadtbibliothek", published_at=None, lead_unit=process.plan.lead_unit)
    return process


def test_the_start_page_shows_running_participations_and_events_without_axe_violations(new_page, live_server):
    process = _world()
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
        page.goto(f"{live_server.url}/")
        main = page.locator("main")
        assert main.get_by_role("heading", name="Jetzt mitmachen").is_visible()
        assert page.locator("#running").get_by_role("link", name="Spielplatz am Küchengarten: Ihre Ideen").is_visible()
        assert page.locator("#events").get_by_role("link", name="Werkstatt zum Spielplatz").is_visible()
        assert page.locator("#outcomes").get_by_role("link", name="Neugestaltung Lindener Marktplatz").is_visible()
        assert main.get_by_role("link", name="Linden-Limmer").is_visible()
        assert page.evaluate(NOT_WIDER), width
        assert axe_violations(page) == [], width
        _shoot(page, "start", width)
        # the search box leads to the site search
        page.goto(f"{live_server.url}/")
        page.get_by_label("Vorhaben und Beteiligungen durchsuchen").fill("Spielplatz")
        page.locator("form.start-search button").click()
        page.wait_for_load_state()
        assert "/suche/?q=Spielplatz" in page.url
        _shoot(page, "search", width)
        page.goto(f"{live_server.url}/vorhaben/")
        _shoot(page, "plan-list", width)
        page.goto(f"{live_server.url}{process.get_absolute_url()}")
        _shoot(page, "process", width)


@pytest.mark.parametrize("kind", Role.Kind.values)
def test_the_staff_home_of_every_role_has_no_axe_violations_also_at_375_px(new_page, live_server, kind):
    process = _world()
    user = staff_user(kind, org_unit=process.plan.lead_unit if kind in Role.UNIT_KINDS else None)
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
        login(page, live_server, user)
        page.goto(f"{live_server.url}/verwaltung/")
        main = page.locator("main")
        assert main.get_by_role("heading", name="Was zu tun ist").is_visible()
        assert main.get_by_role("heading", name="Ihre Bereiche").is_visible()
        header = page.locator("header")
        assert header.get_by_text(user.display_name).is_visible()
        assert page.evaluate(NOT_WIDER), width
        assert axe_violations(page) == [], (kind, width)
        if kind == Role.Kind.DEPARTMENT:
            assert main.get_by_role("link", name="Sanierung der Stadtbibliothek").is_visible()
            _shoot(page, "staff-home", width)
            page.goto(f"{live_server.url}/verwaltung/beteiligung/{process.pk}/konzept/")
            assert page.evaluate(NOT_WIDER), width
            _shoot(page, "staff-concept", width)
