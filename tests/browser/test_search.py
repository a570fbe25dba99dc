"""The site search in the browser (issue 16 item 6): typing a search with a typo, a plural or "ue" for "ü" finds
the plan; the result pages have no axe violations and do not scroll sideways at 375 px."""

import pytest

from stadtdialog.search import index
from tests.dialog.dialog_factories import ContributionFactory
from tests.factories import PlanFactory, published_process

from .conftest import check_pages_with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_WIDER = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def plan(title, summary):
    return PlanFactory(title=title, summary=summary, search_text=f"{title}\n{summary}")


@pytest.fixture
def content():
    playground = plan("Neuer Spielplatz am Lindener Markt", "Geräte für kleine Kinder und Schatten")
    plan("Küchengarten-Pavillon Linden", "Ein Treffpunkt im Stadtteil")
    process = published_process(plan=playground, title="Beteiligung zum Spielplatz am Lindener Markt")
    for n in range(6):
        ContributionFactory(process=process, title=f"Spielplatz mit Wasserspiel {n}", text="Wasser am Spielplatz.")
    index.rebuild()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Spielpaltz", "Neuer Spielplatz am Lindener Markt"),
        ("Spielplätze", "Neuer Spielplatz am Lindener Markt"),
        ("Kuechengarten", "Küchengarten-Pavillon Linden"),
    ],
)
def test_typing_a_search_that_is_forgiven(page, live_server, content, typed, found):
    page.goto(f"{live_server.url}/suche/")
    page.get_by_label("Suchbegriff").fill(typed)
    page.get_by_role("button", name="Suche", exact=True).click()
    page.wait_for_url("**/suche/?q=*")
    assert page.get_by_role("link", name=found).count() == 1
    assert page.get_by_role("status").count() == 1


def test_search_pages_are_accessible_and_fit_a_phone(axe_page, new_page, live_server, content):
    paths = [
        "/suche/",
        "/suche/?q=Spielplatz",
        "/suche/?q=Spielpaltz",
        "/suche/?q=Spielplatz&art=contribution",
        "/suche/?q=Schwimmbad",
        "/vorhaben/?q=Spielpaltz",
    ]
    check_pages_with_axe(axe_page, live_server.url, paths)
    phone = new_page(viewport={"width": 375, "height": 800})
    for path in paths:
        assert phone.goto(f"{live_server.url}{path}").status == 200
        assert phone.evaluate(NOT_WIDER), f"{path} scrolls sideways at 375 px"
    phone.goto(f"{live_server.url}/suche/?q=Spielplatz")
    phone.get_by_role("link", name="Alle 6 Ergebnisse in „Beiträge“ anzeigen").click()
    assert phone.get_by_role("heading", name="Beiträge (6)").count() == 1
