"""The error pages are German, in the site's layout, and say what to do (core/errors.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path

from stadtdialog.core import errors
from stadtdialog.organisation.models import OrgUnit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a fault in a view")


def _only_post(request):
    from django.views.decorators.http import require_POST

    return require_POST(lambda r: HttpResponse("ok"))(request)


# A URL configuration for this module: a failing view and the project's routes (handler500 must be set here).
urlpatterns = [path("kaputt/", _boom), path("nur-senden/", _only_post), path("", include("stadtdialog.urls"))]
handler500 = "stadtdialog.core.errors.server_error"
handler404 = "stadtdialog.core.errors.page_not_found"


def test_404_is_german_in_the_layout_with_ways_on(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Seite nicht gefunden" in text
    assert 'class="site-header"' in text and 'class="site-footer"' in text
    assert 'name="q"' in text  # a search box to go on


def test_403_tells_a_logged_in_user_why_and_whom_to_ask(client):
    office = OrgUnit.objects.filter(is_coordination_office=True).first()
    resident = UserFactory()
    client.force_login(resident)
    response = client.get("/verwaltung/vorhaben/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Sie dürfen diese Seite nicht öffnen" in text
    assert "Rolle" in text
    if office is not None and office.email:
        assert office.email in text
    assert 'class="site-header"' in text


def test_403_asks_an_anonymous_visitor_to_log_in_and_come_back():
    request = RequestFactory().get("/verwaltung/irgendwas/?a=1")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = []
    response = errors.permission_denied(request, None)
    assert response.status_code == 403
    text = response.content.decode()
    assert "Bitte melden Sie sich an" in text
    assert "/anmelden/?next=/verwaltung/irgendwas/%3Fa%3D1" in text


def test_400_is_german(client):
    from django.core.exceptions import SuspiciousOperation

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = errors.bad_request(request, SuspiciousOperation("x"))
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht verarbeitet werden" in response.content.decode()


def test_405_gets_the_german_page_and_keeps_the_allow_header(client):
    response = client.get("/abmelden/")
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    text = response.content.decode()
    assert "So lässt sich diese Adresse nicht verwenden" in text
    assert 'class="site-header"' in text
    assert "Content-Security-Policy" in response.headers


@pytest.mark.urls(__name__)
def test_405_of_a_view_with_require_post(client):
    response = client.get("/nur-senden/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "So lässt sich diese Adresse nicht verwenden" in response.content.decode()


@pytest.mark.urls(__name__)
def test_500_is_a_static_german_page_that_needs_no_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/kaputt/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Ein Fehler auf unserer Seite" in text
    assert '<html lang="de">' in text
    assert "kern.min.css" in text
