import re

import pytest
from django.core import mail
from django.urls import reverse

from stadtdialog.accounts.models import User
from stadtdialog.core.antibot import valid_antibot_data

pytestmark = pytest.mark.django_db

FIELDS = {"email": "Kim@Example.org", "display_name": "Lindenerin", "password": "Sommer-im-Park-2026", "privacy": "on"}


def good(**changes):
    return {**FIELDS, **valid_antibot_data(), **changes}


def test_resident_registers_verifies_and_logs_in(client):
    response = client.post(reverse("accounts:register"), good())
    assert response.status_code == 200
    assert "kim@example.org" in response.content.decode()
    user = User.objects.get(email="kim@example.org")
    assert not user.email_verified
    assert not user.is_staff_member

    # Before confirming, login is refused with a hint.
    response = client.post(reverse("accounts:login"), {"username": "kim@example.org", "password": FIELDS["password"]})
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse" in response.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kim@example.org"]
    assert "Lindenerin" in message.body
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    response = client.get(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified

    # The link works once only.
    assert client.get(link).status_code == 400

    response = client.post(reverse("accounts:login"), {"username": "kim@example.org", "password": FIELDS["password"]})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "change, field_error",
    [
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"password": "12345678901"}, "komplett numerisch"),
        ({"privacy": ""}, "Bitte stimmen Sie den Datenschutzhinweisen zu"),
        ({"display_name": "ab"}, "mindestens 3 Zeichen"),
    ],
)
def test_bad_registration_input_gets_german_errors_and_keeps_the_input(client, change, field_error):
    data = good(**change)
    response = client.post(reverse("accounts:register"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert field_error in html
    assert f'value="{data["display_name"]}"' in html
    assert not User.objects.exists()
    assert not mail.outbox


def test_a_bot_filling_the_honeypot_is_refused_and_nothing_is_saved(client):
    response = client.post(reverse("accounts:register"), good(homepage="https://spam.example"))
    assert "weil ein Feld ausgefüllt wurde, das leer bleiben muss" in response.content.decode()
    assert not User.objects.exists()
    assert not mail.outbox
