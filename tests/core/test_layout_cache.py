"""The base layout's header and footer are kept per process for visitors without a login, and stay right for every
page, user and change of the city or the footer (issue 19)."""

import pytest
from django.urls import reverse

from stadtdialog.core.models import Page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IMPRINT = reverse("core:page", args=["impressum"])


def header(html: str) -> str:
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def footer(html: str) -> str:
    return html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


def test_the_current_navigation_entry_is_marked_on_its_page_only(client):
    plans, events = reverse("plans:list"), reverse("events:list")
    for _ in range(2):  # the second round comes from the kept header
        assert f'href="{plans}" aria-current="page"' in header(client.get(plans).content.decode())
        on_events = header(client.get(events).content.decode())
        assert f'href="{events}" aria-current="page"' in on_events
        assert f'href="{plans}" aria-current' not in on_events
        assert "aria-current" not in header(client.get(IMPRINT).content.decode())


def test_the_barrier_link_names_the_page_it_is_on(client):
    for _ in range(2):
        assert "?seite=/seite/impressum/" in footer(client.get(IMPRINT).content.decode())
        plans = footer(client.get(reverse("plans:list"), {"q": "x"}).content.decode())
        assert "?seite=/vorhaben/" in plans
        assert "?seite=/seite/impressum/" not in plans


def test_a_logged_in_user_gets_their_own_header(client):
    client.get(IMPRINT)  # the anonymous header is kept
    client.force_login(UserFactory())
    html = header(client.get(IMPRINT).content.decode())
    assert "Abmelden" in html and "csrfmiddlewaretoken" in html
    assert "Anmelden" not in html
    client.logout()
    assert "Anmelden" in header(client.get(IMPRINT).content.decode())


def test_a_changed_footer_page_shows_at_once(client):
    assert "Impressum" in footer(client.get(IMPRINT).content.decode())
    page = Page.objects.get(slug="impressum")
    page.title = "Impressum (neu)"
    page.save()
    assert "Impressum (neu)" in footer(client.get(IMPRINT).content.decode())


def test_a_content_page_needs_one_cache_read(client, settings, django_assert_max_num_queries):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "stadtdialog_cache"}
    }
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    client.get(IMPRINT)
    with django_assert_max_num_queries(1):  # the page, the city and the footer in one cache query
        assert client.get(IMPRINT).status_code == 200
    page = Page.objects.get(slug="impressum")
    page.body = "<p>Neuer Text des Impressums</p>"
    page.save()
    assert "Neuer Text des Impressums" in client.get(IMPRINT).content.decode()
    page.slug = "impressum-neu"
    page.save()
    assert client.get(IMPRINT).status_code == 404  # gone from its old address at once
    assert "Neuer Text des Impressums" in client.get("/seite/impressum-neu/").content.decode()
