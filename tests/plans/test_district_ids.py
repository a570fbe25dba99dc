"""Migration 0007: on PostgreSQL each plan's row holds the ids of its districts (plans_plan.district_ids, kept by
triggers on the link table) for the district filter; the column follows every change of the links, and the list
filtered by a district shows the same plans as the links say."""

import pytest
from django.db import connection
from django.urls import reverse

from stadtdialog.organisation.models import District
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the column exists on PostgreSQL only")


def _ids(plan):
    with connection.cursor() as cursor:
        cursor.execute("SELECT district_ids FROM plans_plan WHERE id = %s", [plan.pk])
        return cursor.fetchone()[0]


def _districts(*numbers):
    return [
        District.objects.get_or_create(number=n, defaults={"name": f"Bezirk {n}", "slug": f"bezirk-{n}"})[0]
        for n in numbers
    ]


def test_the_column_follows_adding_removing_clearing_and_deleting():
    a, b, c = _districts(91, 92, 93)
    plan = PlanFactory()
    assert _ids(plan) == []
    plan.districts.add(c, a)
    assert _ids(plan) == sorted([a.pk, c.pk])
    plan.districts.remove(c)
    assert _ids(plan) == [a.pk]
    plan.districts.set([b, c])
    assert _ids(plan) == sorted([b.pk, c.pk])
    plan.save()  # saving the plan keeps the column: it is not a model field
    assert _ids(plan) == sorted([b.pk, c.pk])
    c.delete()  # the links go with the district
    assert _ids(plan) == [b.pk]
    plan.districts.clear()
    assert _ids(plan) == []


def test_bulk_links_of_many_plans_in_one_statement():
    (a,) = _districts(94)
    plans = [PlanFactory() for _ in range(5)]
    through = plans[0].districts.through
    through.objects.bulk_create([through(plan_id=plan.pk, district_id=a.pk) for plan in plans])
    assert [_ids(plan) for plan in plans] == [[a.pk]] * 5
    through.objects.filter(plan_id__in=[p.pk for p in plans[:2]]).delete()
    assert [_ids(plan) for plan in plans] == [[], []] + [[a.pk]] * 3


def test_the_district_filter_reads_the_column(client):
    a, b = _districts(95, 96)
    inside, both, outside = PlanFactory(districts=[a]), PlanFactory(districts=[a, b]), PlanFactory(districts=[b])
    response = client.get(reverse("plans:list"), {"district": a.slug})
    shown = {plan.pk for plan in response.context["plans"]}
    assert shown == {inside.pk, both.pk} and outside.pk not in shown
    searched = client.get(reverse("plans:list"), {"district": a.slug, "q": "Spielplatz"})
    assert {plan.pk for plan in searched.context["plans"]} == {inside.pk, both.pk}
