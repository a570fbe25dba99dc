"""Two registrations of the same new address at the same moment (issue 11, item 4): one account, both get the
"check your mail" page, never a server error; the address gets a mail for each."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import User
from stadtdialog.core.antibot import valid_antibot_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("round_", range(3))
def test_the_same_new_address_registered_twice_at_once_gives_one_account_and_the_same_page(round_):
    address = "gleichzeitig@example.org"
    data = [
        {"email": address, "display_name": name, "password": "Sommer-im-Park-2026", "privacy": "on"}
        for name in ("Erste Person", "Zweite Person")
    ]
    barrier = threading.Barrier(2)
    answers = [None, None]

    def send(index):
        from django.db import connections

        try:
            payload = {**data[index], **valid_antibot_data()}
            barrier.wait(timeout=10)
            answers[index] = Client().post(reverse("accounts:register"), payload)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [answer.status_code for answer in answers] == [200, 200]
    for answer in answers:
        assert "Wir haben eine E-Mail an gleichzeitig@example.org geschickt" in answer.content.decode()
    assert User.objects.filter(email=address).count() == 1
    # at the same moment or one after the other: one confirmation link, and one mail about the second try
    assert sorted(len(m.body) > 0 and ("bestätigen" in m.subject) for m in mail.outbox) == [False, True]
    assert all(m.to == [address] for m in mail.outbox)
