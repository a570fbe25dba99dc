"""At 375 px (a small phone) no main page scrolls sideways: the document is never wider than the viewport
(issue "First impression", item 4). Runs on the demo data, public pages anonymously, staff pages as the admin."""

import io

import pytest
from django.core.management import call_command

from stadtdialog.demo.logins import DEMO_PASSWORD
from stadtdialog.events.models import Event
from stadtdialog.initiatives.models import Initiative
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDER = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".leaflet-container")) continue;  // map tiles are clipped by the map's own box
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      wide.push(el.tagName.toLowerCase() + "." + el.className + " → " + Math.round(box.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""


def _too_wide(page, base, paths):
    found = []
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        result = page.evaluate(WIDER)
        if result["scroll"] > result["width"]:
            found.append(f"{path}: {result['scroll']} px > {result['width']} px: {result['wide']}")
    return found


def test_no_main_page_scrolls_sideways_at_375_px(new_page, live_server):
    call_command("seed_demo", "--seed", "3", stdout=io.StringIO())
    plan = Plan.objects.published().first()
    process = Process.objects.filter(plan__published_at__isnull=False).order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    initiative = Initiative.objects.order_by("pk").first()
    public = [
        "/",
        "/vorhaben/?q=Platz",
        plan.get_absolute_url(),
        process.get_absolute_url(),
        f"/beteiligung/{process.pk}/konzept/",
        f"/beteiligung/{process.pk}/konzept/versionen/",
        "/vorhaben/karte/",
        "/veranstaltungen/",
        event.get_absolute_url(),
        "/initiativen/",
        initiative.get_absolute_url() if initiative else "/initiativen/",
        "/seite/impressum/",
        "/seite/leichte-sprache/",
        "/anmelden/",
        "/registrieren/",
        "/barriere-melden/",
    ]
    page = new_page(viewport={"width": 375, "height": 800})
    problems = _too_wide(page, live_server.url, public)

    page.goto(f"{live_server.url}/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("admin@demo.stadtdialog.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    staff = [
        "/konto/",
        "/verwaltung/",
        "/verwaltung/vorhaben/",
        f"/verwaltung/vorhaben/{plan.pk}/",
        f"/verwaltung/vorhaben/{plan.pk}/bearbeiten/",
        f"/verwaltung/beteiligung/{process.pk}/",
        f"/verwaltung/beteiligung/{process.pk}/konzept/",
        "/verwaltung/veranstaltungen/",
        "/verwaltung/losverfahren/",
        "/verwaltung/moderation/",
        "/verwaltung/initiativen/",
        "/verwaltung/organisation/",
        "/verwaltung/mitarbeitende/",
        "/verwaltung/seiten/",
        "/verwaltung/protokoll/",
    ]
    problems += _too_wide(page, live_server.url, staff)
    assert not problems, "\n".join(problems)


def _tops(page):
    return page.evaluate(
        """() => ({
            plan: document.querySelector(".result-list > li").getBoundingClientRect().top,
            filters: document.querySelector("form.filters").getBoundingClientRect().top,
        })"""
    )


def test_the_plan_list_filters_fold_away_on_phones_and_stay_open_on_wide_screens(new_page, no_js_page, live_server):
    """Issue 16, item 4: on a phone the plans come first; the filters are one tap away (with JavaScript folded in a
    <details>, without it open below the plans); on a wide screen they stand open beside the list."""
    from tests.factories import PlanFactory

    PlanFactory.create_batch(3)
    phone = new_page(viewport={"width": 375, "height": 800})
    phone.goto(f"{live_server.url}/vorhaben/")
    assert not phone.locator("form.filters").is_visible()  # folded: the plans come first
    assert phone.locator(".result-list > li").first.is_visible()
    phone.locator(".filters-fold__summary").click()
    assert phone.locator("form.filters").is_visible()
    phone.locator("form.filters input[name=q]").fill("Spielplatz")
    phone.locator("form.filters button[type=submit]").click()
    phone.wait_for_load_state()
    assert "q=Spielplatz" in phone.url

    wide = new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{live_server.url}/vorhaben/")
    assert wide.locator("form.filters").is_visible()
    assert not wide.locator(".filters-fold__summary").is_visible()

    no_js_page.set_viewport_size({"width": 375, "height": 800})
    no_js_page.goto(f"{live_server.url}/vorhaben/")
    tops = _tops(no_js_page)
    assert no_js_page.locator("form.filters").is_visible() and tops["plan"] < tops["filters"]  # open, below the plans
