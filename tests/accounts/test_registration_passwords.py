"""Registration passwords: Django's validators with German common passwords (issue 11, item 5), and a password
is never sent back in the page: an emptied field says why."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from stadtdialog.accounts.models import User
from stadtdialog.core.antibot import valid_antibot_data

pytestmark = pytest.mark.django_db

FIELDS = {"email": "kim@example.org", "display_name": "Lindenerin", "password": "Sommer-im-Park-2026", "privacy": "on"}


@pytest.mark.parametrize(
    "password",
    [
        "passwort123",
        "Passwort2024!",
        "Passw0rt123",
        "hallo12345",
        "schatz2026!",
        "Fussball1990",
        "hannover96!!",
        "2024sonnenschein",
        "ichliebedich1",
        "qwertzuiop1",
        "password123",
    ],
)
def test_common_german_passwords_are_refused_in_german(client, password):
    response = client.post(reverse("accounts:register"), {**FIELDS, "password": password, **valid_antibot_data()})
    assert "Dieses Passwort ist zu üblich" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "password, message",
    [("kurz-1", "zu kurz"), ("1234567890123", "komplett numerisch"), ("lindenerin-kim", "zu ähnlich")],
)
def test_short_numeric_and_similar_passwords_are_refused(client, password, message):
    response = client.post(reverse("accounts:register"), {**FIELDS, "password": password, **valid_antibot_data()})
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["Sommer-im-Park-2026", "Linden-Limmer-Radweg", "zwei Kaffee am Maschsee"])
def test_long_uncommon_passwords_pass(password):
    validate_password(password)


def test_the_minimum_length_is_ten():
    with pytest.raises(ValidationError, match="mindestens 10 Zeichen"):
        validate_password("Ab3$xY9%q")


def test_the_password_is_not_shown_again_after_an_error_elsewhere_and_the_field_says_why(client):
    response = client.post(reverse("accounts:register"), {**FIELDS, "display_name": "ab", **valid_antibot_data()})
    html = response.content.decode()
    assert "mindestens 3 Zeichen" in html
    assert FIELDS["password"] not in html
    assert "Zu Ihrer Sicherheit zeigen wir das Passwort nicht noch einmal an" in html
    assert 'value="kim@example.org"' in html


def test_a_wrong_password_itself_gets_its_error_not_the_note(client):
    response = client.post(reverse("accounts:register"), {**FIELDS, "password": "passwort123", **valid_antibot_data()})
    html = response.content.decode()
    assert "Dieses Passwort ist zu üblich" in html
    assert "Zu Ihrer Sicherheit zeigen wir" not in html
