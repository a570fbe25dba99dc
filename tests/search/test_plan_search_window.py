"""Issue 19 item 2: the plan search looks for its most recent matches in a window of recent plans first
(plans.queries.recent_windows, core.textsearch.TopRanked). The answer is the same as without the window, whether
the window holds enough matches or not. PostgreSQL only: SQLite has no ranking. The window sizes and the number of
candidates are made small here so that a few dozen plans show what 100 000 plans do."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stadtdialog.plans import queries
from stadtdialog.plans.filters import filter_form
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_windows(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the ranking is PostgreSQL's")
    monkeypatch.setattr(queries, "CANDIDATES", 6)
    monkeypatch.setattr(queries, "WINDOW_SIZES", (8, 12, 18, 27, 40))
    monkeypatch.setattr(queries, "WINDOW_MARGIN", 1.1)


def _plans(matching_days, other_days):
    """Published plans, one per day back from today: those of `matching_days` about a Spielplatz."""
    now = timezone.now()
    for day in matching_days:
        PlanFactory(title=f"Spielplatz am Weg {day}", published_at=now - datetime.timedelta(days=day))
    for day in other_days:
        PlanFactory(
            title=f"Radweg Abschnitt {day}",
            summary="Ein neuer Radweg entsteht.",
            published_at=now - datetime.timedelta(days=day),
        )


def _candidates(q):
    criteria = filter_form(QueryDict(f"q={q}")).criteria()
    plans = queries.filter_plans(criteria)
    count = plans.count()
    with CaptureQueriesContext(connection) as captured:
        windowed = queries.relevance_rows(plans, criteria, count)
        with_window = list(windowed.candidates())
    without = list(queries.relevance_rows(plans, criteria).candidates())
    return with_window, without, windowed, captured


def test_a_window_with_enough_matches_gives_the_most_recent_matches(small_windows):
    _plans(matching_days=range(0, 60, 3), other_days=[d for d in range(60) if d % 3])  # a third match, evenly
    with_window, without, windowed, captured = _candidates("Spielplatz")
    assert len(windowed.windows) == 2
    assert with_window == without and len(with_window) == queries.CANDIDATES
    assert any('"published_at" >=' in query["sql"] for query in captured.captured_queries)


def test_a_window_without_enough_matches_falls_back_to_all_matches(small_windows):
    # the recent plans are about something else: both windows hold too few matches
    _plans(matching_days=range(40, 60), other_days=range(40))
    with_window, without, windowed, _captured = _candidates("Spielplatz")
    assert windowed.windows
    assert with_window == without and len(with_window) == queries.CANDIDATES


def test_no_window_when_every_match_is_ranked(small_windows):
    _plans(matching_days=range(5), other_days=range(5, 40))
    *_, windowed, _captured = _candidates("Spielplatz")
    assert windowed.windows == []


def test_the_page_shows_the_same_plans_with_and_without_the_window(client, small_windows):
    _plans(matching_days=range(0, 60, 2), other_days=range(1, 60, 2))
    page = [plan.pk for plan in client.get(reverse("plans:list"), {"q": "Spielplatz"}).context["plans"]]
    criteria = filter_form(QueryDict("q=Spielplatz")).criteria()
    plans = queries.filter_plans(criteria)
    assert page == [row.id for row in queries.relevance_rows(plans, criteria)[0:20]]
