"""The login lock holds for the whole site (issue 11, item 6): it counts across clients, one password tried
against many accounts is refused, and too many wrong passwords on the whole site pause the password login.
No IP addresses are kept; the tried password only as a keyed hash."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts import throttle
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
WRONG = "nicht richtig"
LOCKED = "Zu viele falsche Passwörter für diese E-Mail-Adresse"
SPRAYED = "wurde eben für viele Konten versucht"
BUSY = "wird die Anmeldung mit Passwort für eine Minute angehalten"


def log_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_the_lock_counts_the_wrong_passwords_of_all_clients_together():
    UserFactory(email="ziel@example.org")
    first, second = Client(), Client()
    for attempt in range(throttle.MAX_FAILURES):
        assert (
            WRONG in log_in(first if attempt % 2 else second, "ziel@example.org", f"geraten-{attempt}").content.decode()
        )
    assert LOCKED in log_in(Client(), "ziel@example.org", PASSWORD).content.decode()


def test_one_password_tried_against_twenty_accounts_is_refused_after_five_even_where_it_is_right():
    sprayed = "Sommer2026!"
    victims = [UserFactory(email=f"konto{i}@example.org") for i in range(19)]
    victims.append(UserFactory(email="schwach@example.org", password=sprayed))
    attacker = Client()
    answers = [log_in(attacker, victim.email, sprayed).content.decode() for victim in victims]

    assert all(WRONG in answer for answer in answers[: throttle.SPRAY_ACCOUNTS])
    assert all(SPRAYED in answer for answer in answers[throttle.SPRAY_ACCOUNTS :])
    assert "_auth_user_id" not in attacker.session  # the account with that password was not opened
    # an unrelated account with its own password still gets in, from any client
    UserFactory(email="nebenan@example.org")
    assert log_in(Client(), "nebenan@example.org", PASSWORD).status_code == 302
    # the cache holds neither the password nor an address in plain text
    keys = " ".join(str(key) for key in getattr(cache, "_cache", {}))
    assert sprayed.lower() not in keys.lower() and "konto" not in keys


def test_one_person_mistyping_their_own_password_is_no_spraying():
    UserFactory(email="vertippt@example.org")
    for _ in range(throttle.MAX_FAILURES - 1):
        log_in(Client(), "vertippt@example.org", "Mein-altes-Passwort")
    UserFactory(email="andere@example.org", password="Mein-altes-Passwort")
    assert log_in(Client(), "andere@example.org", "Mein-altes-Passwort").status_code == 302


def test_too_many_wrong_passwords_on_the_site_pause_every_password_login_for_a_minute(settings):
    settings.LOGIN_SITE_MAX_FAILURES = 8
    UserFactory(email="unbeteiligt@example.org")
    for i in range(8):
        log_in(Client(), f"niemand{i}@example.org", f"Versuch-{i}")
    refused = log_in(Client(), "unbeteiligt@example.org", PASSWORD)
    assert refused.status_code == 200
    assert BUSY in refused.content.decode()
    settings.LOGIN_SITE_MAX_FAILURES = 0  # switched off: the right password works again
    assert log_in(Client(), "unbeteiligt@example.org", PASSWORD).status_code == 302


SPRAY = (
    "from stadtdialog.accounts import throttle\n"
    "for i in range(throttle.SPRAY_ACCOUNTS): throttle.record_failure(f'konto{i}@example.org', 'Sommer2026!')\n"
)
READ_SPRAY = (
    "from stadtdialog.accounts import throttle\n"
    "print('refused' if throttle.is_sprayed('Sommer2026!') else 'open', "
    "'refused' if throttle.is_sprayed('Ein-anderes-Passwort') else 'open')"
)


def test_the_spraying_count_holds_across_processes_on_the_database_cache(tmp_path):
    """Without REDIS_URL: one process counts the sprayed password, a process started afterwards refuses it."""
    from tests.core.test_shared_cache import environment, manage

    env = environment(tmp_path)
    manage(env, "createcachetable")
    manage(env, "shell", "--no-imports", "-c", SPRAY)
    assert manage(env, "shell", "--no-imports", "-c", READ_SPRAY) == "refused open"
