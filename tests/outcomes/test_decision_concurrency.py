"""Two staff members save the first decision of a process at the same moment (issue 11): on PostgreSQL the
process row is locked and the decision read again, so there is one decision and no server error (before, both
found no decision and the second failed on the one-decision-per-process key with IntegrityError). From the same
form version exactly one save wins, the other is refused in German (core.versioning); without a version both are
saved in turn."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.outcomes.models import Decision
from tests.factories import published_process, staff_user
from tests.formdata import form_values

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (select_for_update) need PostgreSQL"),
]
STALE = "Jemand anderes hat hier inzwischen gespeichert"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def race(clients, url, payloads):
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def send(index):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            response = clients[index].post(url, payloads[index])
            answers[index] = (response.status_code, STALE in response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return answers


def two_clients():
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(staff_user(Role.Kind.COORDINATION))
        clients.append(client)
    return clients


@pytest.mark.parametrize("round_", range(3))
def test_two_first_decisions_from_one_form_version_one_wins_the_other_is_refused(round_):
    process = published_process()
    clients = two_clients()
    url = reverse("outcomes:staff_decision", args=[process.pk])
    forms = [form_values(client.get(url)) for client in clients]
    makers = ["Rat der Landeshauptstadt Hannover", "Stadtbezirksrat Linden-Limmer"]
    answers = race(clients, url, [{**forms[i], "decision_maker": makers[i]} for i in range(2)])
    assert sorted(answers) == [(200, True), (302, False)]  # either order
    decision = Decision.objects.get(process=process)
    assert decision.decision_maker == makers[answers.index((302, False))]


@pytest.mark.parametrize("round_", range(3))
def test_two_first_decisions_without_a_version_are_saved_in_turn_without_an_error(round_):
    process = published_process()
    clients = two_clients()
    url = reverse("outcomes:staff_decision", args=[process.pk])
    makers = ["Rat der Landeshauptstadt Hannover", "Stadtbezirksrat Linden-Limmer"]
    answers = race(clients, url, [{"decision_maker": maker} for maker in makers])
    assert answers == [(302, False), (302, False)]
    assert Decision.objects.filter(process=process).count() == 1
