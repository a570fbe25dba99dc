"""A budget that cannot be overcommitted (issue 15, item 4): approvals of one round arriving at the same moment, over
HTTP against PostgreSQL. The round's row lock serialises them; exactly as many as the budget covers succeed, every
other gets a German message naming what remains, and the committed sum equals the sum of the approved amounts."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.office.models import AgendaItem, FundingApplication, FundingRound

from .funding_factories import council_member, on_agenda, open_session, world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL (SQLite has one writer)"
    ),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _at_once(send, count):
    barrier = threading.Barrier(count)
    answers = [None] * count

    def run(index):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            answers[index] = send(index)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def _items(count, budget, requested):
    from stadtdialog.office.services import funding as services

    office, _committee, members, rnd = world()
    FundingRound.objects.filter(pk=rnd.pk).update(budget=budget)
    rnd.refresh_from_db()
    session, items = None, []
    for index in range(count):
        applicant = council_member(district_number=(index % 13) + 1, email=f"bezirksrat{index}@example.org")
        costs = [("Werkstatt", requested)]
        _app, session, item = on_agenda(
            office,
            applicant,
            rnd,
            session=session,
            title=f"Projekt {index + 1}",
            own_funds=Decimal("0.00"),
            other_funding=Decimal("0.00"),
            requested_amount=requested,
            items=costs,
        )
        items.append(item)
    open_session(office, session, members)
    for item in items:
        for member in members:
            services.cast_vote(member.user, item, "yes")
    return office, rnd, session, items


def _approve_all_at_once(office, session, items, amount):
    clients = []
    for _item in items:
        client = Client()
        client.force_login(office)
        clients.append(client)
    url = reverse("office:staff_funding_session", args=[session.pk])
    return _at_once(
        lambda i: clients[i].post(
            url,
            {
                "action": "decide",
                "item": items[i].pk,
                f"d{items[i].pk}-outcome": "approved",
                f"d{items[i].pk}-amount": amount,
            },
        ),
        len(items),
    )


def test_twelve_approvals_at_once_never_exceed_the_budget():
    office, rnd, session, items = _items(12, Decimal("6000.00"), Decimal("1000.00"))
    answers = _approve_all_at_once(office, session, items, "1.000,00")
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [302] * 6 + [400] * 6, codes
    for answer in answers:
        if answer.status_code == 400:
            assert "Das Budget der Runde würde überschritten" in answer.content.decode()
    rnd.refresh_from_db()
    approved = FundingApplication.objects.filter(state="approved")
    assert approved.count() == 6
    assert rnd.committed == sum(a.approved_amount for a in approved) == Decimal("6000.00")
    assert rnd.remaining == Decimal("0.00")
    assert AgendaItem.objects.filter(outcome="approved").count() == 6


def test_two_approvals_at_the_same_moment_for_more_than_remains_give_one():
    office, rnd, session, items = _items(2, Decimal("10000.00"), Decimal("6000.00"))
    answers = _approve_all_at_once(office, session, items, "6000,00")
    assert sorted(answer.status_code for answer in answers) == [302, 400]
    rejected = next(answer for answer in answers if answer.status_code == 400).content.decode()
    assert "es verbleiben 4.000,00 €" in rejected
    rnd.refresh_from_db()
    assert rnd.committed == Decimal("6000.00")
