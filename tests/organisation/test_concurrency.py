"""Moves and dissolutions at the same time keep the tree whole (PostgreSQL: row locks; SQLite writes one at a time
and has no SELECT … FOR UPDATE, so these run on PostgreSQL only, as in CI's PostgreSQL suite).

Each case sends two real requests from two threads (each with its own database connection) that start together
at a barrier; whatever order the database gives them, no circle arises, nothing points at a dissolved unit and
no unit of the tree hangs below a dissolved one."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from stadtdialog.organisation import queries
from stadtdialog.organisation.models import OrgUnit
from tests.factories import PlanFactory, staff_user

from .helpers import admin, tree

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def together(*requests):
    """Send (user, url, data) POSTs at the same moment from one thread each; their status codes."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(index, user, url, data):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            results[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def assert_tree_is_whole():
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        if unit.dissolved_at is not None:
            assert unit.successor_id and units[unit.successor_id] is not None
            continue
        seen, current = set(), unit
        while current.parent_id is not None:  # walks to a root without a circle, through active units only
            assert current.pk not in seen, f"circle at {unit}"
            seen.add(current.pk)
            current = units[current.parent_id]
            assert current.dissolved_at is None, f"{unit} hangs below dissolved {current}"
    dissolved = [pk for pk, u in units.items() if u.dissolved_at is not None]
    for rel in queries.unit_relations():
        rows = rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": dissolved})
        assert not rows.exists(), f"{rel.related_model._meta.label} still points at a dissolved unit"


def test_two_crossing_moves_cannot_make_a_circle():
    units = tree()
    user = admin()
    codes = together(
        (user, reverse("organisation:unit_move", args=[units["dez6"].pk]), {"parent": units["fb67"].pk}),
        (user, reverse("organisation:unit_move", args=[units["dez5"].pk]), {"parent": units["61.1"].pk}),
    )
    assert sorted(codes) == [200, 302]  # one moved, the other was refused with the form shown again
    assert_tree_is_whole()


def test_a_chain_of_dissolutions_at_the_same_time_loses_nothing():
    units = tree()
    user = admin()
    PlanFactory.create_batch(3, lead_unit=units["61.1"])
    PlanFactory.create_batch(2, lead_unit=units["61.2"])
    staff_user(org_unit=units["61.1"])
    codes = together(
        (user, reverse("organisation:unit_dissolve", args=[units["61.1"].pk]), {"successor": units["61.2"].pk}),
        (user, reverse("organisation:unit_dissolve", args=[units["61.2"].pk]), {"successor": units["fb67"].pk}),
    )
    assert 302 in codes
    assert_tree_is_whole()
    assert OrgUnit.objects.get(pk=units["fb67"].pk).dissolved_at is None


def test_dissolving_into_a_unit_that_moves_below_at_the_same_time():
    units = tree()
    user = admin()
    PlanFactory.create_batch(2, lead_unit=units["fb61"])
    codes = together(
        (user, reverse("organisation:unit_dissolve", args=[units["fb61"].pk]), {"successor": units["fb67"].pk}),
        (user, reverse("organisation:unit_move", args=[units["fb67"].pk]), {"parent": units["61.1"].pk}),
    )
    assert sorted(codes) == [200, 302]
    assert_tree_is_whole()


def test_two_dissolutions_into_each_other():
    units = tree()
    user = admin()
    PlanFactory(lead_unit=units["fb61"])
    PlanFactory(lead_unit=units["fb67"])
    codes = together(
        (user, reverse("organisation:unit_dissolve", args=[units["fb61"].pk]), {"successor": units["fb67"].pk}),
        (user, reverse("organisation:unit_dissolve", args=[units["fb67"].pk]), {"successor": units["fb61"].pk}),
    )
    assert sorted(codes) == [200, 302]
    assert OrgUnit.objects.filter(pk__in=[units["fb61"].pk, units["fb67"].pk], dissolved_at__isnull=True).count() == 1
    assert_tree_is_whole()
