"""Every list of the API answers a page with the same number of queries, however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import seed_public_data

pytestmark = pytest.mark.django_db

LISTS = [
    "plans",
    "processes",
    "contributions",
    "comments",
    "responses",
    "reports",
    "events",
    "results",
    "decisions",
    "milestones",
    "evaluations",
    "sortitions",
    "districts",
    "quarters",
    "fields-of-action",
    "org-units",
    "district-profiles",
    "concern-summaries",
    "rooms",
    "room-busy-times",
    "funding-rounds",
    "funded-projects",
    "district-conferences",
    "action-programmes",
]


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def test_query_counts_do_not_grow_with_the_data(client, settings):
    settings.API_RATE_LIMIT = 0
    seed_public_data(1)
    small = {name: count_queries(client, f"/api/v1/{name}?limit=200") for name in LISTS}
    seed_public_data(3)
    large = {name: count_queries(client, f"/api/v1/{name}?limit=200") for name in LISTS}
    assert large == small
    assert max(large.values()) <= 6, large
