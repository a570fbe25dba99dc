"""Two staff members answer the same contribution for the first time at the same moment: on PostgreSQL the
contribution row is locked, so there is one answer (the later one wins) and neither gets a server error
(IntegrityError on the one-answer-per-contribution key)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.dialog.models import Response
from tests.dialog.dialog_factories import ContributionFactory, open_process
from tests.factories import staff_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("round_", range(3))
def test_two_first_answers_at_once_give_one_answer_and_no_error(round_):
    contribution = ContributionFactory(process=open_process())
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(staff_user(Role.Kind.COORDINATION))
        clients.append(client)
    url = reverse("dialog:answer", args=[contribution.pk])
    barrier = threading.Barrier(2)
    answers = [None, None]

    def send(index, status):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            answers[index] = clients[index].post(url, {"status": status, "text": ""}).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, s)) for i, s in enumerate(["taken", "under_review"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    # overlapping or one after the other: both are saved in turn
    assert answers == [302, 302]
    assert Response.objects.filter(contribution=contribution).count() == 1
    contribution.refresh_from_db()
    assert contribution.answer_status == Response.objects.get(contribution=contribution).status
