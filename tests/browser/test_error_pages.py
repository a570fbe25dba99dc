"""axe-core finds no violations on the error pages (core/errors.py), which are German and in the layout."""

import pytest
from django.template import loader

from tests.factories import UserFactory

from .conftest import axe_report, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, url: str, status: int, heading: str) -> str:
    response = page.goto(url)
    assert response.status == status, url
    assert page.locator("h1").count() == 1
    assert heading in page.locator("h1").inner_text()
    return axe_report(page)


def test_error_pages_have_no_axe_violations(axe_page, live_server):
    reports = [
        _check(axe_page, f"{live_server.url}/gibt-es-nicht/", 404, "Seite nicht gefunden"),
        _check(axe_page, f"{live_server.url}/abmelden/", 405, "So lässt sich diese Adresse nicht verwenden"),
    ]
    login(axe_page, live_server, UserFactory())
    reports.append(
        _check(axe_page, f"{live_server.url}/verwaltung/vorhaben/", 403, "Sie dürfen diese Seite nicht öffnen")
    )
    # The 500 page is rendered without a request; shown here from the live server's address, for its styles.
    axe_page.set_content(loader.get_template("500.html").render())
    assert axe_page.locator("h1").inner_text() == "Ein Fehler auf unserer Seite"
    reports.append(axe_report(axe_page))
    failures = [report for report in reports if report]
    assert not failures, "\n\n".join(failures)
