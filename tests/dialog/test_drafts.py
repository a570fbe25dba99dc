"""Text survives an expired session and a CSRF failure (core.drafts): a contribution or a comment sent without a
login is kept on the server, the login's `next` carries only an opaque id, and after the login the form shows
the text again; a refused security token gives a German page in the site's layout that keeps the text."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.dialog.models import Comment, Contribution
from tests.dialog.dialog_factories import ContributionFactory, open_process
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Trinkbrunnen am Küchengarten"
TEXT = "Im Sommer fehlt Wasser auf dem Platz. Ich habe lange an diesem Text geschrieben."


def contribution_post(**changes):
    data = {"kind": "idea", "title": TITLE, "text": TEXT, **valid_antibot_data()}
    data.update(changes)
    return data


def log_in(client, user, next_url):
    response = client.post(
        f"{reverse('accounts:login')}?next={next_url}", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response["Location"]


def next_of(location: str) -> str:
    assert location.startswith(reverse("accounts:login"))
    return parse_qs(urlsplit(location).query)["next"][0]


def test_a_contribution_sent_after_the_session_expired_is_there_again_after_the_login(client):
    process = open_process()
    resident = UserFactory()
    url = reverse("dialog:contribute", args=[process.pk])
    response = client.post(url, contribution_post())  # the session ran out while writing: no login any more
    assert response.status_code == 302
    next_url = next_of(response["Location"])
    assert re.fullmatch(re.escape(url) + r"\?entwurf=[A-Za-z0-9_-]{22}", next_url)
    assert "Trinkbrunnen" not in unquote(response["Location"])  # the URL carries an id, never the text
    assert not Contribution.objects.exists()
    back = log_in(client, resident, next_url)
    assert back == next_url
    page = client.get(back).content.decode()
    assert f'value="{TITLE}"' in page
    assert TEXT in page
    assert "Ihr Text ist wieder eingetragen." in page
    # another account that got hold of the address gets an empty form
    other = Client()
    other.force_login(UserFactory())
    assert TEXT not in other.get(back).content.decode()
    # an unknown or absurd id is an empty form, never an error; a NUL is refused before (core.middleware)
    client.force_login(resident)
    for bad in ("A" * 22, "²" * 22, "a" * 5000):
        response = client.get(url, {"entwurf": bad})
        assert response.status_code == 200
        assert TEXT not in response.content.decode()
    assert client.get(url, {"entwurf": "x\x00y"}).status_code == 400


def test_a_comment_sent_after_the_session_expired_is_in_the_comment_form_after_the_login(client):
    contribution = ContributionFactory(process=open_process())
    resident = UserFactory()
    response = client.post(
        reverse("dialog:comment", args=[contribution.pk]), {"text": "Gute Idee, aber bitte mit Schatten."}
    )
    next_url = next_of(response["Location"])
    assert next_url.startswith(reverse("dialog:contribution", args=[contribution.pk]) + "?entwurf=")
    page = client.get(log_in(client, resident, next_url)).content.decode()
    assert "Gute Idee, aber bitte mit Schatten.</textarea>" in page
    assert not Comment.objects.exists()


def test_a_csrf_failure_shows_a_german_page_in_the_layout_and_keeps_the_text():
    process = open_process()
    resident = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    url = reverse("dialog:contribute", args=[process.pk])
    response = client.post(url, contribution_post())  # no token: an old tab, deleted cookies, …
    assert response.status_code == 403
    page = response.content.decode()
    assert "Das Formular konnte nicht gesendet werden" in page
    assert "Ihr Text wurde aufbewahrt." in page
    assert 'class="site-header__brand"' in page  # the site's layout, not Django's English page
    assert "CSRF" not in page
    assert not Contribution.objects.exists()
    back = (
        re.search(r'href="([^"]+)"><span class="kern-label">Zurück zu Ihrem Text', page).group(1).replace("&amp;", "&")
    )
    assert back.startswith(url + "?entwurf=")
    form_page = client.get(back).content.decode()
    assert TEXT in form_page
    assert f'value="{TITLE}"' in form_page


def test_a_csrf_failure_of_another_form_shows_the_page_without_keeping_anything():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a@example.org", "password": "geheim"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Das Formular konnte nicht gesendet werden" in page
    assert "aufbewahrt" not in page
    assert get_user_model().objects.count() == 0
