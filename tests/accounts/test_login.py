import pytest
from django.urls import reverse

from stadtdialog.accounts.models import Role
from tests.factories import PASSWORD, staff_user

pytestmark = pytest.mark.django_db


def test_staff_log_in_with_email_and_password(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # as in production
    user = staff_user(Role.Kind.DEPARTMENT, email="Erika@Hannover-Stadt.example")
    response = client.post(
        reverse("accounts:login"), {"username": "ERIKA@hannover-stadt.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.password.startswith("argon2")


def test_wrong_password_gets_a_german_error_and_keeps_the_email(client):
    staff_user(Role.Kind.DEPARTMENT, email="erika@hannover-stadt.example")
    response = client.post(
        reverse("accounts:login"), {"username": "erika@hannover-stadt.example", "password": "falsch"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort sind nicht richtig" in html
    assert 'value="erika@hannover-stadt.example"' in html
