"""Nobody can find out with the registration form whether an address has an account (issue 11, item 5):
a known address gets the same page as a new one, and its owner an e-mail instead of a second account."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role, User
from stadtdialog.core.antibot import valid_antibot_data
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

FIELDS = {"display_name": "Lindenerin", "password": "Sommer-im-Park-2026", "privacy": "on"}


def _normalised(html: str) -> str:
    """The page without what differs on every request: the CSRF token and the anti-bot challenge."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""', html)
    html = re.sub(r'(name="antibot_token"[^>]*value=")[^"]*"', r'\1"', html)
    html = re.sub(r'challengejson="[^"]*"', 'challengejson=""', html)
    return html


def _register(email: str):
    return Client().post(reverse("accounts:register"), {**FIELDS, "email": email, **valid_antibot_data()})


@pytest.mark.parametrize("owner", ["resident", "staff"])
def test_a_known_address_gets_the_same_page_as_a_new_one_and_its_owner_a_mail(owner):
    known = UserFactory(email="bekannt@example.org") if owner == "resident" else staff_user(Role.Kind.MODERATOR)
    # the same length as the new address, so that the pages can be compared byte for byte
    new_address = "n" * (len(known.email) - len("@example.org")) + "@example.org"

    for_known = _register(known.email.upper())
    for_new = _register(new_address)

    assert for_known.status_code == for_new.status_code == 200
    assert "Es gibt bereits ein Konto" not in for_known.content.decode()
    known_page = _normalised(for_known.content.decode()).replace(known.email, "ADDRESS")
    new_page = _normalised(for_new.content.decode()).replace(new_address, "ADDRESS")
    assert known_page == new_page
    assert "ADDRESS" in known_page  # the "check your mail" page names the address

    assert User.objects.filter(email__iexact=known.email).count() == 1
    to_owner = [message for message in mail.outbox if message.to == [known.email]]
    assert len(to_owner) == 1
    body = to_owner[0].body
    assert "mit Ihrer E-Mail-Adresse zu registrieren" in body
    assert "http://testserver/anmelden/" in body or reverse("accounts:login") in body
    assert reverse("accounts:password_reset") in body
    # the owner's account is unchanged: name and password stay
    known.refresh_from_db()
    assert known.display_name != FIELDS["display_name"]
    assert not known.check_password(FIELDS["password"])
    # and the new address got its confirmation link
    assert User.objects.filter(email=new_address).exists()
    assert any(message.to == [new_address] and "bestätigen" in message.body for message in mail.outbox)


def test_a_known_address_with_bad_input_gets_the_same_errors_as_a_new_one():
    UserFactory(email="bekannt@example.org")
    answers = []
    for address in ("bekannt@example.org", "nnnnnnn@example.org"):
        answers.append(
            Client().post(
                reverse("accounts:register"), {**FIELDS, "email": address, "privacy": "", **valid_antibot_data()}
            )
        )
    pages = [
        _normalised(a.content.decode()).replace(addr, "ADDRESS")
        for a, addr in zip(answers, ("bekannt@example.org", "nnnnnnn@example.org"), strict=True)
    ]
    assert pages[0] == pages[1]
    assert not mail.outbox


def test_an_address_stored_with_capitals_is_known_too():
    """Addresses from single sign-on may keep their capitals; a registration in lower case finds them."""
    known = UserFactory(email="Anna.Schmidt@Hannover-Stadt.example")
    _register("anna.schmidt@hannover-stadt.example")
    assert User.objects.filter(email__iexact=known.email).count() == 1
    assert [message.to for message in mail.outbox] == [[known.email]]
