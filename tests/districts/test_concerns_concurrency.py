"""The manager and the deputy handle the same concern at the same moment: on PostgreSQL the concern's row is locked,
so exactly one referral or closing wins, the other gets a German message, and nobody gets a server error."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.districts import services_concerns as services
from stadtdialog.districts.models.concerns import Concern, ConcernStatus, ConcernUpdate
from tests.districts.test_concerns import bring, concern_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("round_", range(3))
def test_refer_and_close_at_once_give_one_outcome(round_):
    w = concern_world()
    concern = bring(w).concern
    services.take_care(w["manager"], concern)
    clients = []
    for who in ("manager", "deputy"):
        client = Client()
        client.force_login(w[who])
        clients.append(client)
    url = reverse("districts:staff_concern", args=[concern.pk])
    posts = [
        {"action": "close", "close-outcome": "solved", "close-reason": "Repariert."},
        {"action": "close", "close-outcome": "not_solvable", "close-reason": "Nicht zuständig."},
    ]
    barrier = threading.Barrier(2)
    codes = [None, None]

    def send(index):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            codes[index] = clients[index].post(url, posts[index]).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert all(code in (302, 400) for code in codes), codes
    concern = Concern.objects.get(pk=concern.pk)
    assert concern.status in (ConcernStatus.SOLVED, ConcernStatus.NOT_SOLVABLE)
    closings = ConcernUpdate.objects.filter(
        concern=concern, status__in=[ConcernStatus.SOLVED, ConcernStatus.NOT_SOLVABLE]
    )
    assert closings.count() == 1
