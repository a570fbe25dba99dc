"""The sortition pages in a real browser: axe-core on the public and staff pages, sign-up without JavaScript,
the letters and the selection runs made in the background, with a plain refresh link."""

import pytest

from stadtdialog.sortition.models import Respondent, SelectionRun
from stadtdialog.sortition.services.register import open_signup
from stadtdialog.sortition.services.selection import set_quotas
from tests.sortition_app.factories import (
    balanced_bounds,
    coordinator,
    drawn_sortition,
    sortition_with_invitations,
    sortition_with_pool,
)

from .conftest import check_pages_with_axe, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sortition_pages_have_no_axe_violations(axe_page, live_server):
    staff = coordinator()
    sortition = drawn_sortition(staff)
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            f"/losverfahren/{sortition.pk}/",
            f"/losverfahren/{sortition.pk}/pruefen/",
        ],
    )
    login(axe_page, live_server, staff)
    base = f"/verwaltung/losverfahren/{sortition.pk}/"
    check_pages_with_axe(
        axe_page,
        live_server.url,
        [
            "/verwaltung/losverfahren/",
            "/verwaltung/losverfahren/neu/",
            base,
            f"{base}rueckmeldungen/",
            f"{base}rueckmeldungen/papier/",
            f"{base}quoten/",
            f"{base}auswahl/",
        ],
    )


def test_a_resident_signs_up_with_the_code_from_the_letter_without_javascript(
    no_js_page, axe_page, live_server, settings
):
    settings.ANTIBOT_MIN_SECONDS = 0
    staff = coordinator()
    sortition = sortition_with_invitations(staff)
    open_signup(staff, sortition)
    code = sortition.register_entries.filter(invited_at__isnull=False).order_by("line").first().response_code
    check_pages_with_axe(axe_page, live_server.url, [f"/losverfahren/{sortition.pk}/anmelden/?code={code}"])

    no_js_page.goto(f"{live_server.url}/losverfahren/{sortition.pk}/anmelden/?code={code}")
    no_js_page.get_by_label("weiblich").check()
    no_js_page.get_by_label("40 bis 64 Jahre").check()
    no_js_page.locator("main input[type=checkbox]").first.check()
    no_js_page.locator("main form button[type=submit]").first.click()
    no_js_page.wait_for_load_state()
    assert Respondent.objects.filter(sortition=sortition).count() == 1, no_js_page.locator("main").inner_text()[:800]


@pytest.fixture
def private_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path / "private"


def test_staff_make_and_download_the_letters_without_javascript(no_js_page, axe_page, live_server, private_files):
    staff = coordinator()
    sortition = sortition_with_invitations(staff, invitations=4)
    base = f"/verwaltung/losverfahren/{sortition.pk}/"
    login(no_js_page, live_server, staff)
    no_js_page.goto(f"{live_server.url}{base}")
    no_js_page.get_by_role("button", name="Briefe erstellen").click()  # the test settings run the task at once
    no_js_page.wait_for_load_state()
    link = no_js_page.get_by_role("link", name="Einladungsbriefe herunterladen (PDF, 4 Briefe", exact=False)
    with no_js_page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"einladungen-{sortition.pk}.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF")

    # A failed and a waiting computation on the selection page: status, message and the refresh link.
    pooled = sortition_with_pool(staff)
    set_quotas(staff, pooled, balanced_bounds(pooled))
    SelectionRun.objects.create(
        sortition=pooled,
        algorithm="leximin",
        status="failed",
        seed=1,
        message="Der Pool erfüllt die Quoten nicht mehr: Quote alt verlangt mindestens 1.",
    )
    SelectionRun.objects.create(sortition=pooled, algorithm="legacy", status="queued", seed=2, draws=500)
    login(axe_page, live_server, staff)
    check_pages_with_axe(axe_page, live_server.url, [base, f"/verwaltung/losverfahren/{pooled.pk}/auswahl/"])
    main = axe_page.locator("main").inner_text()
    assert "Fehlgeschlagen" in main
    assert "In der Warteschlange" in main
    axe_page.get_by_role("link", name="Aktualisieren").click()
    assert axe_page.url.endswith("/auswahl/#runs")
