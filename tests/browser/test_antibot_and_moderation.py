"""Bot protection and moderation in a real browser: the ALTCHA widget solves its challenge under the
strict CSP, the report form works without JavaScript, and axe-core finds no violations on the
report form, the moderators' pages and the residents' account pages."""

import time

import pytest

from stadtdialog.accounts.models import Role
from stadtdialog.moderation import services as moderation
from stadtdialog.moderation.models import Flag
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory
from tests.factories import UserFactory, staff_user

from .conftest import check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _small_challenges(settings):
    settings.ALTCHA_MAX_NUMBER = 5000


def test_altcha_widget_solves_under_the_csp_and_the_report_is_accepted_at_once(page, live_server):
    contribution = ContributionFactory(title="Ein Beitrag zum Melden")
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP ' + e.violatedDirective));"
    )
    page.goto(f"{live_server.url}/melden/contribution/{contribution.pk}/")
    solution = page.locator("input[type=hidden][name=altcha]")
    deadline = time.monotonic() + 15
    while not (solution.count() and len(solution.first.input_value()) > 10):
        assert time.monotonic() < deadline, "the ALTCHA widget did not solve its challenge"
        page.wait_for_timeout(200)
    page.get_by_label("Warum soll sich die Moderation das ansehen?").fill("Werbung für eine Firma")
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_load_state()
    assert "Vielen Dank" in page.locator("main").inner_text()
    assert Flag.objects.get().reason == "Werbung für eine Firma"
    assert not problems, problems


def test_report_form_works_without_javascript(no_js_page, live_server):
    comment = CommentFactory(text="Ein Kommentar")
    no_js_page.goto(f"{live_server.url}/melden/comment/{comment.pk}/")
    no_js_page.get_by_label("Warum soll sich die Moderation das ansehen?").fill("Beleidigend")
    time.sleep(3.2)  # people take a few seconds; the no-JavaScript path checks that
    no_js_page.get_by_role("button", name="Meldung senden").click()
    no_js_page.wait_for_load_state()
    assert "Vielen Dank" in no_js_page.locator("main").inner_text()
    assert Flag.objects.get().reason == "Beleidigend"


def test_axe_on_report_form_moderation_and_account_pages(axe_page, live_server):
    moderator = staff_user(kind=Role.Kind.MODERATOR)
    contribution = ContributionFactory()
    comment = CommentFactory()
    moderation.flag(None, contribution, "Spam")
    moderation.flag(None, comment, "Beleidigend")
    moderation.hide(moderator, comment, "Beleidigung")
    moderation.block_account(moderator, UserFactory(), "Spam")
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            f"/melden/contribution/{contribution.pk}/",
            "/passwort-vergessen/",
        ],
    )
    login(axe_page, live_server, moderator)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/moderation/",
            f"/verwaltung/moderation/fall/?inhalt=contribution-{contribution.pk}",
            f"/verwaltung/moderation/fall/?inhalt=comment-{comment.pk}",
            "/verwaltung/moderation/gesperrte-konten/",
        ],
    )
    resident = UserFactory()
    ContributionFactory(author=resident)
    axe_page.context.clear_cookies()
    login(axe_page, live_server, resident)
    check_pages_with_axe(axe_page, live_server.url, ["/konto/profil/", "/konto/loeschen/"])
