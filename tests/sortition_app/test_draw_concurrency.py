"""Two coordinators draw the same panel at the same moment: on PostgreSQL the sortition row is locked, so one
draw is made and the other coordinator gets a German message instead of a server error (IntegrityError)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtdialog.sortition.models import Draw, Respondent, Sortition
from stadtdialog.sortition.services.selection import publish_lottery, set_quotas

from .factories import balanced_bounds, computed_run, coordinator, sortition_with_pool

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _published_sortition() -> Sortition:
    actor = coordinator()
    sortition = sortition_with_pool(actor)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    publish_lottery(actor, sortition, computed_run(actor, sortition))
    sortition.refresh_from_db()
    return sortition


@pytest.mark.parametrize("round_", range(2))
def test_two_draws_at_once_give_one_panel_and_a_german_message(round_):
    sortition = _published_sortition()
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(coordinator())
        clients.append(client)
    url = reverse("sortition:draw", args=[sortition.pk])
    barrier = threading.Barrier(2)
    answers = [None, None]

    def send(index, number):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            answers[index] = clients[index].post(url, {"public_number": number})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, n)) for i, n in enumerate(["4-17-23-38-41", "7-8-9-10-11"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # overlapping or one after the other: in both orders one draw is made and the other is refused in German
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    refused = next(answer for answer in answers if answer.status_code == 200).content.decode()
    assert "Die Auswahl wurde gerade schon gezogen" in refused
    assert Draw.objects.filter(sortition=sortition).count() == 1
    draw = Draw.objects.get(sortition=sortition)
    selected = set(sortition.respondents.filter(status=Respondent.Status.SELECTED).values_list("pseudonym", flat=True))
    assert selected == set(draw.members)
    sortition.refresh_from_db()
    assert sortition.state == Sortition.State.DRAWN


@pytest.mark.parametrize("round_", range(2))
def test_two_publications_at_once_give_one_lottery_and_a_german_message(round_):
    """The same fault in the step before: two coordinators publish the lottery at the same moment."""
    from stadtdialog.sortition.models import PublishedLottery

    actor = coordinator()
    sortition = sortition_with_pool(actor)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    computed_run(actor, sortition)
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(coordinator())
        clients.append(client)
    url = reverse("sortition:publish", args=[sortition.pk])
    barrier = threading.Barrier(2)
    answers = [None, None]

    def send(index):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            answers[index] = clients[index].post(url).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [302, 302]  # both back on the page, in either order; neither a server error
    assert PublishedLottery.objects.filter(sortition=sortition).count() == 1
    pages = [c.get(reverse("sortition:selection", args=[sortition.pk])).content.decode() for c in clients]
    assert sum("Die Lotterie wurde gerade schon veröffentlicht" in page for page in pages) == 1
