"""pagination.CompiledPages: on PostgreSQL a list's page SQL is compiled once per list, filters and page size and
read again with only the cursor's id put in afresh. The pages are the same as the ORM's, new rows appear (the SQL is
kept, never the rows), and a query with a date among its parameters is never kept."""

import pytest
from django.db import connection
from django.utils import timezone

from stadtdialog.api import pagination, queries
from stadtdialog.dialog.models import Contribution
from stadtdialog.events.models import Event
from tests.dialog.dialog_factories import ContributionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    pagination.PAGES.compiled.clear()
    yield
    pagination.PAGES.compiled.clear()


def _all_pages(rows, limit, key):
    found, cursor = [], None
    while True:
        page, cursor = pagination.page_of(rows, cursor, limit, key=key)
        found.append(page)
        if cursor is None:
            return found


def test_kept_pages_are_the_orms_pages(public_data):
    process = public_data["processes"][0]
    for _ in range(5):
        ContributionFactory(process=process, kind=Contribution.Kind.IDEA)
    filters = {"process_id": process.pk, "kind": Contribution.Kind.IDEA}
    orm = _all_pages(queries.contribution_rows(filters), 2, key=None)
    kept = _all_pages(lambda: queries.contribution_rows(filters), 2, key=("contributions", "idea", process.pk))
    again = _all_pages(lambda: queries.contribution_rows(filters), 2, key=("contributions", "idea", process.pk))
    assert len(orm) >= 3 and kept == orm and again == orm
    if connection.vendor == "postgresql":
        assert len(pagination.PAGES.compiled) == 2  # the first page and the pages after a cursor
    else:
        assert not pagination.PAGES.compiled  # SQLite: the ORM every time


def test_new_rows_appear_on_a_kept_page(public_data):
    process = public_data["processes"][0]
    key = ("contributions", process.pk)

    def page():
        return pagination.page_of(lambda: queries.contribution_rows({"process_id": process.pk}), None, 200, key=key)

    before, _ = page()
    added = ContributionFactory(process=process)
    after, _ = page()
    assert [row["id"] for row in after] == [*(row["id"] for row in before), added.pk]


def test_a_query_with_a_date_is_not_kept(public_data):
    today = timezone.localdate()
    key = ("events", today)
    rows, _ = pagination.page_of(lambda: queries.event_rows({"start_from": today}), None, 50, key=key)
    assert [row["id"] for row in rows] == list(
        Event.objects.filter(pk__in=[row["id"] for row in rows]).order_by("id").values_list("id", flat=True)
    )
    kept = list(pagination.PAGES.compiled.values())
    assert all(entry is pagination.CompiledPages.UNKEPT for entry in kept)
    assert len(kept) == (1 if connection.vendor == "postgresql" else 0)


def test_the_api_keeps_one_entry_per_filter_and_limit(public_data, api_get):
    for _ in range(3):
        assert api_get("/api/v1/contributions", kind="idea", limit=1).status_code == 200
    assert api_get("/api/v1/contributions", kind="question", limit=1).status_code == 200
    assert api_get("/api/v1/contributions", kind="idea", limit=2).status_code == 200
    if connection.vendor == "postgresql":
        assert len(pagination.PAGES.compiled) == 3


def test_a_condition_that_matches_nothing_is_answered_by_the_orm(public_data):
    from stadtdialog.plans.models import Plan

    rows, cursor = pagination.page_of(lambda: Plan.objects.filter(id__in=[]).values("id"), None, 50, key=("none",))
    assert rows == [] and cursor is None
