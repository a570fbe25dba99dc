"""Residents vote at the same moment (PostgreSQL): every resident's ballot row is locked while their points change and
the needs' totals move by F() expressions, so the totals equal the sum of the stored points, whatever the order.
One resident saving in two tabs at once ends with one of the two ballots, never with both or a mix."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from stadtdialog.districts.models.programmes import Allocation, Ballot, Need
from tests.districts.programme_world import programme_world, propose

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _run_at_once(jobs):
    barrier = threading.Barrier(len(jobs))
    codes = [None] * len(jobs)

    def run(index):
        try:
            barrier.wait(timeout=30)
            codes[index] = jobs[index]()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return codes


def _post(client, url, data):
    return lambda: client.post(url, data).status_code


def _stored_totals_match(needs):
    for need in needs:
        need.refresh_from_db()
        stored = Allocation.objects.filter(need=need).aggregate(total=Sum("points"))["total"] or 0
        assert need.points_total == stored, (need.title, need.points_total, stored)


@pytest.mark.parametrize("round_", range(2))
def test_parallel_votes_of_many_residents_give_the_right_totals(round_):
    w = programme_world(residents=8)
    benches = propose(w)
    crossing = propose(w, "Sichere Querung Fössestraße", resident=1)
    url = reverse("districts:round_points", args=[w["linden"].slug, w["round"].pk])
    clients = []
    for resident in w["residents"]:
        client = Client()
        client.force_login(resident)
        clients.append(client)
    # first every resident gives 3 + 7, then all change at once to 6 + 4: the totals follow exactly
    first = _run_at_once([_post(c, url, {f"need_{benches.pk}": "3", f"need_{crossing.pk}": "7"}) for c in clients])
    assert first == [302] * 8
    _stored_totals_match([benches, crossing])
    assert (benches.points_total, crossing.points_total) == (24, 56)
    second = _run_at_once([_post(c, url, {f"need_{benches.pk}": "6", f"need_{crossing.pk}": "4"}) for c in clients])
    assert second == [302] * 8
    _stored_totals_match([benches, crossing])
    assert (benches.points_total, crossing.points_total) == (48, 32)
    assert Ballot.objects.filter(round=w["round"]).count() == 8
    assert Allocation.objects.filter(round=w["round"]).count() == 16


@pytest.mark.parametrize("round_", range(2))
def test_one_resident_in_two_tabs_ends_with_one_ballot(round_):
    w = programme_world(residents=2)
    benches = propose(w)
    crossing = propose(w, "Sichere Querung Fössestraße", resident=1)
    url = reverse("districts:round_points", args=[w["linden"].slug, w["round"].pk])
    tabs = []
    for _ in range(2):
        client = Client()
        client.force_login(w["residents"][0])
        tabs.append(client)
    codes = _run_at_once(
        [
            _post(tabs[0], url, {f"need_{benches.pk}": "10", f"need_{crossing.pk}": "0"}),
            _post(tabs[1], url, {f"need_{benches.pk}": "2", f"need_{crossing.pk}": "8"}),
        ]
    )
    assert codes == [302, 302]
    assert Ballot.objects.filter(resident=w["residents"][0]).count() == 1
    mine = dict(Allocation.objects.filter(resident=w["residents"][0]).values_list("need_id", "points"))
    assert mine in ({benches.pk: 10}, {benches.pk: 2, crossing.pk: 8})
    _stored_totals_match([benches, crossing])
    assert sum(Need.objects.filter(round=w["round"]).values_list("points_total", flat=True)) == 10
