"""The start page `/` (issue 16, item 1): what the portal is, participations running now (soonest deadline first),
coming events, results and decisions, the districts and a search box; constant queries, cached with
invalidation."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from stadtdialog.outcomes.models import Result
from stadtdialog.processes.models import Phase
from tests.events.factories import EventFactory, in_days
from tests.factories import PhaseFactory, PlanFactory, published_process
from tests.outcomes.factories import DecisionFactory, ResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _running(title, ends_in_days):
    process = published_process(title=title)
    process.phases.update(end=timezone.localdate() + datetime.timedelta(days=ends_in_days))
    return process


def _html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_start_page_says_what_the_portal_is_and_links_easy_language_search_and_districts(client):
    html = _html(client)
    assert "<h1" in html and "Stadtdialog" in html
    assert "Stadtverwaltung" in html and "mitreden" in html  # the two sentences
    assert f'href="{reverse("core:page", args=["leichte-sprache"])}"' in html
    assert f'action="{reverse("search:search")}"' in html and 'name="q"' in html
    assert f'href="{reverse("districts:detail", args=["linden-limmer"])}"' in html
    assert html.count('class="start-districts__number"') == 13
    assert "Zurzeit läuft keine Beteiligung" in html


def test_running_participations_come_soonest_deadline_first_with_events_and_outcomes(client):
    later = _running("Radwege in der List", 30)
    sooner = _running("Spielplatz Fössestraße", 3)
    ended = published_process(title="Alte Beteiligung")
    ended.phases.update(
        start=timezone.localdate() - datetime.timedelta(days=30), end=timezone.localdate() - datetime.timedelta(days=1)
    )
    draft = published_process(title="Entwurf einer Beteiligung")
    draft.plan.published_at = None
    draft.plan.save()
    EventFactory(title="Werkstatt am Küchengarten", start=in_days(5))
    EventFactory(title="Abgesagte Werkstatt", start=in_days(6), cancelled_at=timezone.now())
    ResultFactory(process=published_process(title="Platzgestaltung Limmerstraße"))
    DecisionFactory(process=published_process(title="Entscheidung Ihmeufer"))
    html = _html(client)
    assert html.index("Spielplatz Fössestraße") < html.index("Radwege in der List")
    deadline = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    assert f'datetime="{deadline}"' in html
    assert "Alte Beteiligung" not in html and "Entwurf einer Beteiligung" not in html
    assert "Werkstatt am Küchengarten" in html and "Abgesagte Werkstatt" not in html
    assert "Platzgestaltung Limmerstraße" in html and "Entscheidung Ihmeufer" in html
    assert reverse("outcomes:results", args=[Result.objects.get().process_id]) in html
    assert later.get_absolute_url() in html and sooner.get_absolute_url() in html


def test_adding_a_running_process_shows_it_at_once(client):
    assert "Neue Beteiligung Ihme-Zentrum" not in _html(client)
    assert "Neue Beteiligung Ihme-Zentrum" not in _html(client)  # now from the cache
    process = published_process(title="Neue Beteiligung Ihme-Zentrum")
    assert "Neue Beteiligung Ihme-Zentrum" in _html(client)
    # a new phase (services replace phases with bulk_create, which sends no signal, and record a version; a
    # phase saved on its own sends one) and a taken back plan reach the cached page too
    process.plan.published_at = None
    process.plan.save()
    assert "Neue Beteiligung Ihme-Zentrum" not in _html(client)


def test_a_new_event_and_a_published_result_reach_the_cached_page(client):
    _html(client)
    EventFactory(title="Stadtteilspaziergang Linden-Süd", start=in_days(2))
    assert "Stadtteilspaziergang Linden-Süd" in _html(client)
    result = ResultFactory(process=published_process(title="Ergebnis Stadtplatz"), published_at=None)
    results_url = reverse("outcomes:results", args=[result.process_id])
    assert results_url not in _html(client)
    result.published_at = timezone.now()
    result.save()
    assert results_url in _html(client)


def _fill(count):
    for number in range(count):
        process = published_process(title=f"Beteiligung {number}")
        PhaseFactory(process=process, title=f"Werkstatt {number}")
        EventFactory(process=process)
        ResultFactory(process=published_process())
        DecisionFactory(process=published_process())
        PlanFactory()


def test_the_start_page_needs_the_same_few_queries_for_more_data_and_almost_none_warm(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    _fill(2)
    cache.clear()
    with django_assert_max_num_queries(10) as few:  # the city and the footer (cold cache), seven for the sections
        _html(client)
    _fill(8)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = _html(client)
    assert html.count('class="result-list start-list"') == 3  # running, events, outcomes
    with django_assert_num_queries(0):
        _html(client)


def test_a_phase_ending_today_still_counts_and_one_starting_tomorrow_not(client):
    today = timezone.localdate()
    ends_today = published_process(title="Endet heute")
    ends_today.phases.update(start=today - datetime.timedelta(days=3), end=today)
    tomorrow = published_process(title="Beginnt morgen")
    tomorrow.phases.update(start=today + datetime.timedelta(days=1), end=today + datetime.timedelta(days=9))
    assert Phase.objects.count() == 2
    html = _html(client)
    assert "Endet heute" in html and "Beginnt morgen" not in html
