"""The sortition pages in a real browser: axe-core on the public and staff pages, sign-up without JavaScript."""

import pytest

from stadtdialog.sortition import services
from stadtdialog.sortition.models import Respondent
from tests.sortition_app.factories import coordinator, drawn_sortition, sortition_with_invitations

from .conftest import check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sortition_pages_have_no_axe_violations(axe_page, live_server):
    staff = coordinator()
    sortition = drawn_sortition(staff)
    check_pages_with_axe(axe_page, live_server.url, [
        f"/losverfahren/{sortition.pk}/", f"/losverfahren/{sortition.pk}/pruefen/",
    ])
    login(axe_page, live_server, staff)
    base = f"/verwaltung/losverfahren/{sortition.pk}/"
    check_pages_with_axe(axe_page, live_server.url, [
        "/verwaltung/losverfahren/", "/verwaltung/losverfahren/neu/", base, f"{base}rueckmeldungen/",
        f"{base}rueckmeldungen/papier/", f"{base}quoten/", f"{base}auswahl/",
    ])


def test_a_resident_signs_up_with_the_code_from_the_letter_without_javascript(no_js_page, axe_page, live_server, settings):
    settings.ANTIBOT_MIN_SECONDS = 0
    staff = coordinator()
    sortition = sortition_with_invitations(staff)
    services.open_signup(staff, sortition)
    code = sortition.register_entries.filter(invited_at__isnull=False).order_by("line").first().response_code
    check_pages_with_axe(axe_page, live_server.url, [f"/losverfahren/{sortition.pk}/anmelden/?code={code}"])

    no_js_page.goto(f"{live_server.url}/losverfahren/{sortition.pk}/anmelden/?code={code}")
    no_js_page.get_by_label("weiblich").check()
    no_js_page.get_by_label("40 bis 64 Jahre").check()
    no_js_page.locator("main input[type=checkbox]").first.check()
    no_js_page.locator("main form button[type=submit]").first.click()
    no_js_page.wait_for_load_state()
    assert Respondent.objects.filter(sortition=sortition).count() == 1, no_js_page.locator("main").inner_text()[:800]
