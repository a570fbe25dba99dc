"""The public pages work without JavaScript, and a normal load reports no CSP violation or script error."""

import pytest

from .conftest import login
from .data import published_plan_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_paths(plan, process) -> list[str]:
    return [
        "/vorhaben/",
        "/vorhaben/?district=linden-limmer&sort=title",
        "/vorhaben/karte/",
        plan.get_absolute_url(),
        process.get_absolute_url(),
        f"/beteiligung/{process.pk}/konzept/",
        f"/beteiligung/{process.pk}/konzept/versionen/",
        "/anmelden/",
    ]


def test_public_pages_work_without_javascript(no_js_page, live_server):
    plan, process, _lead = published_plan_with_history()
    for path in public_paths(plan, process):
        response = no_js_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert no_js_page.locator("h1").count() == 1, path
    # filtering and searching are plain GET forms
    no_js_page.goto(f"{live_server.url}/vorhaben/")
    no_js_page.locator("#id_q").fill("Schatten")
    no_js_page.locator("#id_district").select_option("linden-limmer")
    no_js_page.get_by_role("button", name="Vorhaben anzeigen").click()
    no_js_page.wait_for_load_state()
    assert "q=Schatten" in no_js_page.url
    assert no_js_page.get_by_role("link", name=plan.title).is_visible()
    # the map page lists the plans in a table when no map can be drawn
    no_js_page.goto(f"{live_server.url}/vorhaben/karte/")
    assert no_js_page.locator("table").get_by_role("link", name=plan.title).is_visible()
    # the history shows the diff as text
    no_js_page.goto(f"{live_server.url}/beteiligung/{process.pk}/konzept/versionen/")
    assert "Trinkbrunnen" in " ".join(no_js_page.locator("ins").all_inner_texts())


def test_login_works_without_javascript(no_js_page, live_server):
    _plan, _process, lead = published_plan_with_history()
    login(no_js_page, live_server, lead)
    no_js_page.goto(f"{live_server.url}/verwaltung/vorhaben/")
    assert no_js_page.locator("h1").count() == 1


def test_no_csp_violations_or_script_errors(page, live_server):
    plan, process, lead = published_plan_with_history()
    problems = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    paths = public_paths(plan, process)
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert not _csp_or_script(problems), f"{path}: {problems}"
        problems.clear()
    login(page, live_server, lead)
    for path in [
        "/verwaltung/vorhaben/",
        f"/verwaltung/vorhaben/{plan.pk}/bearbeiten/",
        f"/verwaltung/beteiligung/{process.pk}/konzept/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert not _csp_or_script(problems), f"{path}: {problems}"
        problems.clear()
    # the watch itself works: an inline script is blocked by the CSP and reported
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert any("CSP violation" in p or "Content Security Policy" in p for p in problems), problems


def _csp_or_script(problems: list[str]) -> list[str]:
    """Errors that matter here; failed loads of external map tiles (blocked in tests) do not."""
    return [p for p in problems if "net::ERR_FAILED" not in p and "Failed to load resource" not in p]


def test_maps_are_drawn_with_javascript(page, live_server):
    """The map scripts (map-base.js with plan-map.js) draw the map and its markers."""
    plan, _process, _lead = published_plan_with_history()
    page.goto(f"{live_server.url}/vorhaben/karte/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#plan-map.leaflet-container").count() == 1
    assert plan.latitude is not None  # the test plan has a point
    assert page.locator("#plan-map .leaflet-marker-icon").count() >= 1
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    assert page.locator("#plan-map.leaflet-container .leaflet-marker-icon").count() == 1
