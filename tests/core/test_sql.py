"""core/sql.py: the id condition of hand-written SQL (one array parameter on PostgreSQL, placeholders elsewhere)
and PostgreSQL's timestamps read by psycopg's compiled loader, with the same values Django's loader gives."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from stadtdialog.core.sql import in_ids, use_compiled_timestamp_loader
from stadtdialog.plans.models import Plan
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [0, 1, 3, 60, 250])
def test_in_ids_finds_exactly_the_ids(count):
    plans = [PlanFactory() for _ in range(3)]
    wanted = [plans[0].pk, plans[2].pk, *range(10_000_000, 10_000_000 + max(count - 2, 0))][:count]
    condition, params = in_ids("id", wanted) if wanted else ("1 = 0", [])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Plan._meta.db_table} WHERE {condition} ORDER BY id", params)
        found = [row[0] for row in cursor.fetchall()]
    assert found == sorted(pk for pk in wanted if pk in {p.pk for p in plans})


def test_in_ids_sends_one_parameter_on_postgresql_and_only_integers():
    condition, params = in_ids("plan_id", [3, "4", 5])
    if connection.vendor == "postgresql":
        assert condition == "plan_id = ANY(CAST(%s AS bigint[]))" and params == ["{3,4,5}"]
    else:
        assert condition == "plan_id IN (%s, %s, %s)" and params == [3, 4, 5]
    with pytest.raises(ValueError):
        in_ids("plan_id", ["1); DROP TABLE plans_plan; --"])


def test_timestamps_read_the_same_as_with_djangos_loader():
    """On PostgreSQL through the compiled loader; on SQLite the receiver leaves the connection alone and Django's
    converters read the same values."""
    use_compiled_timestamp_loader(None, connection)  # again: nothing changes
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            loader = cursor.adapters.get_loader(cursor.adapters.types["timestamptz"].oid, 0)
            assert loader.__name__ == "UtcTimestamptzLoader" and loader.timezone is datetime.UTC
            cursor.execute(
                "SELECT %s::timestamptz, %s::timestamptz, NULL::timestamptz",
                ["2026-03-29 01:59:59.999999+01", "2026-10-25 02:30:00.5-11:30"],
            )
            first, second, nothing = cursor.fetchone()
        assert first == datetime.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=datetime.UTC)
        assert second == datetime.datetime(2026, 10, 25, 14, 0, 0, 500000, tzinfo=datetime.UTC)
        assert first.tzinfo is datetime.UTC and second.tzinfo is datetime.UTC and nothing is None
    plan = PlanFactory()
    stamp = datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
    Plan.objects.filter(pk=plan.pk).update(updated_at=stamp)
    read = Plan.objects.get(pk=plan.pk).updated_at
    assert read == stamp and timezone.is_aware(read) and read.utcoffset() == datetime.timedelta(0)
    assert Plan.objects.filter(pk=plan.pk).values_list("updated_at", flat=True).get() == stamp
