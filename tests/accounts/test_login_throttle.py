"""Password guessing: ten wrong passwords for one address lock it for 15 minutes (no IP addresses kept)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from stadtdialog.accounts import throttle
from stadtdialog.core.antibot import valid_antibot_data
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOCKED = "Zu viele falsche Passwörter für diese E-Mail-Adresse"


def log_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_ten_wrong_passwords_lock_the_address_even_for_the_right_one(client):
    UserFactory(email="gesperrt@example.org")
    UserFactory(email="nebenan@example.org")
    for _ in range(throttle.MAX_FAILURES):
        page = log_in(client, "Gesperrt@example.org", "geraten")
        assert "nicht richtig" in page.content.decode()

    refused = log_in(client, "gesperrt@example.org", PASSWORD)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert LOCKED in html
    assert "Passwort vergessen?" in html
    assert 'value="gesperrt@example.org"' in html
    assert "_auth_user_id" not in client.session
    # another address is not affected, and the cache holds no address in plain text
    assert log_in(client, "nebenan@example.org", PASSWORD).status_code == 302
    assert not any("gesperrt" in str(key) for key in getattr(cache, "_cache", {}))  # the local-memory store


def test_a_successful_login_clears_earlier_mistakes(client):
    UserFactory(email="vertippt@example.org")
    for _ in range(throttle.MAX_FAILURES - 1):
        log_in(client, "vertippt@example.org", "falsch")
    assert log_in(client, "vertippt@example.org", PASSWORD).status_code == 302
    client.logout()
    for _ in range(throttle.MAX_FAILURES - 1):
        log_in(client, "vertippt@example.org", "falsch")
    assert log_in(client, "vertippt@example.org", PASSWORD).status_code == 302


def test_a_new_password_by_e_mail_lifts_the_lock(client):
    UserFactory(email="vergessen@example.org")
    for _ in range(throttle.MAX_FAILURES):
        log_in(client, "vergessen@example.org", "geraten")
    client.post(reverse("accounts:password_reset"), {"email": "vergessen@example.org", **valid_antibot_data()})
    link = re.search(r"https?://\S+/passwort-neu/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    confirm_url = form.redirect_chain[-1][0] if form.redirect_chain else link
    new_password = "Ganz-neues-Passwort-2027"
    client.post(confirm_url, {"new_password1": new_password, "new_password2": new_password})

    assert log_in(client, "vergessen@example.org", new_password).status_code == 302
