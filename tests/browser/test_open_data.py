"""The open-data pages: no axe-core violations, readable at 375 px, and the documentation works under the strict
CSP without any script (it is rendered on the server from the OpenAPI document)."""

import pytest

from tests.api.conftest import seed_public_data

from .conftest import check_pages_with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_data_pages_are_accessible(axe_page, live_server):
    seed_public_data(1)
    check_pages_with_axe(axe_page, live_server.url, ["/api/", "/api/v1/docs/"])


def test_documentation_at_375_px_under_the_csp(page, live_server):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/api/v1/docs/")
    assert page.locator("h1").inner_text() == "Dokumentation der Schnittstelle (API)"
    assert page.locator("#listContributions").count() == 1
    assert errors == []
    page.goto(f"{live_server.url}/api/")
    page.get_by_role("link", name="Dokumentation der Schnittstelle (API)").click()
    assert page.url.endswith("/api/v1/docs/")
