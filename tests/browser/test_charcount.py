"""The counter of long text fields (static/js/charcount.js) under the site's CSP: it counts while typing, says
how many characters are too many, and the browser no longer cuts pasted text at the limit (no maxlength)."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_counter_counts_and_nothing_is_cut(page, live_server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + reverse("core:barrier_report"))
    area = page.locator("textarea[data-charcount]")
    limit = int(area.get_attribute("data-charcount"))
    counter = page.locator(".charcount")
    assert counter.inner_text() == f"0 von {limit} Zeichen"
    area.fill("Der Knopf\nist zu klein")
    assert counter.inner_text() == f"22 von {limit} Zeichen"
    area.fill("x" * (limit + 3))  # as a paste: the whole text arrives
    assert counter.inner_text() == "3 Zeichen zu viel"
    assert len(area.input_value()) == limit + 3
    assert counter.get_attribute("id") in area.get_attribute("aria-describedby")
    assert errors == []
