"""The district manager and the coordination office act on the same escalation or item at the same moment: on
PostgreSQL the rows are locked, so exactly one decision and one escalation are recorded, the other person gets a
German message, and nobody gets a server error."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stadtdialog.core.models import AuditEntry
from stadtdialog.districts import services_conferences as services
from stadtdialog.districts.models.conferences import Escalation

from .test_conferences_world import ESCALATION, agreement_with_items, world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def at_once(requests) -> list:
    """Send the (client, url, data) posts at the same moment; their answers' status and text."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def send(index):
        from django.db import connections

        client, url, data = requests[index]
        try:
            barrier.wait(timeout=30)
            response = client.post(url, data)
            answers[index] = (response.status_code, response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return answers


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("round_", range(3))
def test_two_decisions_at_once_record_one(round_):
    w = world()
    _conf, agreement, _plan_item, road_item = agreement_with_items(w)
    escalation = services.escalate(w["manager"], agreement, item=road_item, body="directors", reason=ESCALATION)
    url = reverse("districts:staff_escalation", args=[escalation.pk])
    today = timezone.localdate().isoformat()
    answers = at_once(
        [
            (client_of(w["manager"]), url, {"decided_on": today, "decision": "Entscheidung A"}),
            (client_of(w["coordination"]), url, {"decided_on": today, "decision": "Entscheidung B"}),
        ]
    )
    codes = sorted(code for code, _text in answers)
    assert codes == [200, 302], codes
    refused = next(text for code, text in answers if code == 200)
    assert "Die Entscheidung ist bereits festgehalten." in refused
    assert Escalation.objects.get().decision in ("Entscheidung A", "Entscheidung B")
    assert AuditEntry.objects.filter(action="escalation.decide").count() == 1


@pytest.mark.parametrize("round_", range(3))
def test_two_escalations_of_one_item_at_once_record_one(round_):
    w = world()
    _conf, _agreement, _plan_item, road_item = agreement_with_items(w)
    url = reverse("districts:staff_escalate_item", args=[road_item.pk])
    answers = at_once(
        [
            (client_of(w["manager"]), url, {"body": "directors", "reason": "Verzug A"}),
            (client_of(w["admin"]), url, {"body": "mayor", "reason": "Verzug B"}),
        ]
    )
    assert sorted(code for code, _text in answers) == [200, 302], answers
    assert Escalation.objects.filter(item=road_item).count() == 1
