"""Anyone checks a draw in their own browser (static/js/verify-draw.js) and gets the panel the server gets; the
page has no axe violations; without JavaScript the form of the site does the same."""

import pytest

from tests.sortition_app.factories import coordinator, drawn_sortition

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_recomputes_the_drawn_panel_and_notices_another_number(axe_page, live_server):
    sortition = drawn_sortition(coordinator(), number="4-17-23-38-41")
    draw = sortition.draw
    axe_page.goto(f"{live_server.url}/losverfahren/{sortition.pk}/pruefen/")
    box = axe_page.locator("#browser-check")
    assert box.is_visible()
    box.get_by_role("button", name="Jetzt prüfen").click()
    status = box.locator("[data-check-lines]")
    status.filter(has_text="Panel Nr.").wait_for()
    text = status.inner_text()
    assert "Die veröffentlichte Datei ist unverändert." in text
    assert f"Die Zahl wählt Panel Nr. {draw.panel_index}." in text
    assert "Das ist dasselbe Panel wie bei der Ziehung." in text
    members = box.locator("[data-check-members] li").all_inner_texts()
    assert sorted(members) == sorted(draw.members)
    assert_no_axe_violations(axe_page)

    box.get_by_label("Öffentliche Zufallszahl").fill("1 2 3 4 5 6")
    box.get_by_role("button", name="Jetzt prüfen").click()
    status.filter(has_text="Panel Nr.").wait_for()
    status.filter(has_not_text="Wird geprüft").wait_for()
    # another number picks some panel; the page says whether it is the drawn one, as the server would
    page_says_same = "dasselbe Panel" in status.inner_text()
    from stadtdialog.sortition.services.selection import check_draw

    server = check_draw(sortition.lottery.document, "1 2 3 4 5 6", sortition.lottery, draw)
    assert page_says_same == server["matches_draw"]


def test_without_javascript_the_site_checks_the_draw(no_js_page, live_server):
    sortition = drawn_sortition(coordinator(), number="4-17-23-38-41")
    no_js_page.goto(f"{live_server.url}/losverfahren/{sortition.pk}/pruefen/")
    assert not no_js_page.locator("#browser-check").is_visible()
    no_js_page.get_by_role("button", name="Nachrechnen").click()
    no_js_page.wait_for_load_state()
    assert "dasselbe Panel wie bei der Ziehung" in no_js_page.locator("main").inner_text()
