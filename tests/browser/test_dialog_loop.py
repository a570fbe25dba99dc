"""Issue 3's dialog loop in a real browser, with and without JavaScript.

A resident registers (the confirmation link comes from the mail outbox: the live server runs in this
process with the locmem backend), contributes with a point on the map; another resident comments and
supports; staff answer "not taken into account" and are stopped until they give a reason; the first
resident sees the answer and has received the e-mail. axe-core checks the process page, the
contribution page, the contribution form, the answer form and the list.
"""

import re

import pytest
from django.core import mail

from stadtdialog.accounts.models import User
from stadtdialog.dialog.models import Comment, Contribution, Response, Support
from tests.factories import PASSWORD, UserFactory

from .conftest import assert_no_axe_violations, login
from .data import published_plan_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Trinkbrunnen am Küchengarten"
REASON = "An dieser Stelle liegt die Feuerwehrzufahrt; ein Brunnen ist dort nicht möglich."


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    """Forms may be sent at once: the minimum time of the anti-bot check is for people, not for the test."""
    settings.ANTIBOT_MIN_SECONDS = 0


def submit(page, text=None):
    button = (
        page.locator("main form button[type=submit]", has_text=text)
        if text
        else page.locator("main form button[type=submit]")
    )
    button.first.click()
    page.wait_for_load_state()


def register(page, live_server, email, name):
    base = live_server.url
    page.goto(f"{base}/registrieren/")
    page.locator("#id_email").fill(email)
    page.locator("#id_display_name").fill(name)
    page.locator("#id_password").fill("Sommer-im-Park-2026")
    page.locator("#id_privacy").check()
    submit(page)
    messages = [m for m in mail.outbox if email in m.to]
    assert messages, f"no confirmation mail: {page.locator('main').inner_text()[:600]}"
    link = re.search(r"https?://[^/\s]+(/\S+)", messages[-1].body).group(1)
    page.goto(f"{base}{link}")
    user = User.objects.get(email=email)
    assert user.email_verified
    login(page, live_server, user, "Sommer-im-Park-2026")
    return user


def contribute(page, base, process):
    page.goto(f"{base}/beteiligung/{process.pk}/beitraege/")
    page.get_by_role("link", name="Beitrag schreiben").first.click()
    page.wait_for_load_state()
    page.get_by_label("Idee", exact=True).check()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_text").fill("Im Sommer fehlt auf dem Platz Trinkwasser, besonders für Kinder.")
    page.locator("#id_latitude").fill("52,3681")
    page.locator("#id_longitude").fill("9.7102")
    submit(page, "Beitrag veröffentlichen")
    assert page.locator("h1").inner_text() == TITLE, page.locator("main").inner_text()[:1500]
    assert "Breite 52,36810, Länge 9,71020" in page.locator("main").inner_text()
    return Contribution.objects.get(title=TITLE)


def comment_and_support(page, base, contribution):
    page.goto(f"{base}{contribution.get_absolute_url()}")
    page.get_by_label("Ihr Kommentar").fill("Gute Idee, ein Brunnen fehlt hier wirklich.")
    submit(page, "Kommentar veröffentlichen")
    assert "Gute Idee, ein Brunnen fehlt hier wirklich." in page.locator("#comments").inner_text()
    page.get_by_role("button", name="Beitrag unterstützen").click()
    page.wait_for_load_state()
    assert "1 Person unterstützt diesen Beitrag." in page.locator("#support").inner_text()
    assert page.get_by_role("button", name="Unterstützung zurücknehmen").is_visible()


def answer_with_reason(page, base, contribution):
    page.goto(f"{base}/verwaltung/rueckmeldungen/")
    page.locator(f"main a[href='/beitraege/{contribution.pk}/rueckmeldung/']").click()
    page.wait_for_load_state()
    page.get_by_label("Nicht berücksichtigt", exact=True).check()
    submit(page, "Rückmeldung veröffentlichen")
    assert "Bitte begründen Sie „Nicht berücksichtigt“" in page.locator("main").inner_text()
    assert page.get_by_label("Nicht berücksichtigt", exact=True).is_checked()  # the choice is kept
    assert not Response.objects.exists()
    page.get_by_label("Rückmeldung und Begründung").fill(REASON)
    submit(page, "Rückmeldung veröffentlichen")
    assert page.locator("h1").inner_text() == contribution.title
    assert REASON in page.locator("#answer").inner_text()


def run_loop(make_page, live_server, **options):
    _plan, process, lead = published_plan_with_history()
    base = live_server.url
    first = make_page(**options)
    author = register(first, live_server, "kim@example.org", "Lindenerin")
    contribution = contribute(first, base, process)
    assert contribution.author == author
    assert str(contribution.latitude) == "52.368100"

    second = make_page(**options)
    other = UserFactory(display_name="Kastanie")
    login(second, live_server, other)
    comment_and_support(second, base, contribution)
    assert Comment.objects.filter(contribution=contribution).count() == 1
    assert Support.objects.filter(contribution=contribution, user=other).exists()

    staff = make_page(**options)
    login(staff, live_server, lead, PASSWORD)
    answer_with_reason(staff, base, contribution)

    first.reload()
    answer = first.locator("#answer").inner_text()
    assert "Nicht berücksichtigt" in answer
    assert REASON in answer
    answered = [m for m in mail.outbox if author.email in m.to and TITLE in m.subject]
    assert answered, f"no answer mail to the author; outbox: {[(m.to, m.subject) for m in mail.outbox]}"
    assert contribution.get_absolute_url() in answered[-1].body
    return process, contribution


def test_the_dialog_loop(new_page, live_server):
    run_loop(new_page, live_server)


def test_the_dialog_loop_without_javascript(new_page, live_server):
    run_loop(new_page, live_server, java_script_enabled=False)


def test_the_dialog_pages_have_no_axe_violations(new_page, live_server):
    _plan, process, lead = published_plan_with_history()
    resident = UserFactory(display_name="Kastanie")
    contribution = Contribution.objects.create(
        process=process,
        kind="idea",
        title=TITLE,
        text="Wasser für alle.",
        author=resident,
        latitude="52.368100",
        longitude="9.710200",
    )
    base = live_server.url
    page = new_page(bypass_csp=True)
    login(page, live_server, resident)
    for path in (
        process.get_absolute_url(),
        f"/beteiligung/{process.pk}/beitraege/",
        contribution.get_absolute_url(),
        f"/beteiligung/{process.pk}/beitragen/",
    ):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        assert_no_axe_violations(page)
    # the form with its errors
    page.goto(f"{base}/beteiligung/{process.pk}/beitragen/")
    submit(page, "Beitrag veröffentlichen")
    assert "Bitte prüfen Sie Ihre Eingaben" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    staff = new_page(bypass_csp=True)
    login(staff, live_server, lead, PASSWORD)
    for path in (
        f"/beitraege/{contribution.pk}/rueckmeldung/",
        "/verwaltung/rueckmeldungen/",
        f"/verwaltung/beteiligung/{process.pk}/beitrag-vor-ort/",
    ):
        staff.goto(f"{base}{path}")
        staff.wait_for_load_state("networkidle")
        assert_no_axe_violations(staff)
