"""The public process page (issue 19): the sections of apps that have nothing for the process cost one shared
question (an EXISTS query for all of them), the page's queries stay few and do not grow with contributions."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dialog.dialog_factories import open_process
from tests.dialog.test_contributions_pages import make_contributions

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "stadtdialog_cache"}
    }
    call_command("createcachetable", verbosity=0)


def test_a_process_page_with_a_dialog_only_needs_five_queries(client, database_cache, django_assert_max_num_queries):
    process = open_process()
    make_contributions(process, 5)
    client.get(process.get_absolute_url())
    # the frame (process, plan, concept, contacts, phases, concept version) and its version (one cache read,
    # plans/page_cache.py); the city and footer (one cache read); one question for the events, reports, outcomes
    # and evaluation sections; the dialog's counts and newest
    with django_assert_max_num_queries(5):
        html = client.get(process.get_absolute_url()).content.decode()
    assert "Es wurden noch keine Berichte veröffentlicht." in html


def test_sections_without_anything_cost_one_query_together():
    from stadtdialog.core.extensions import sections_for

    process = open_process()
    with CaptureQueriesContext(connection) as captured:
        found = dict(sections_for("process_public", None, process))
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum("EXISTS" in s for s in sql) == 1
    # nothing read of events, results, decisions, milestones, evaluations or reports besides that one question
    for table in ("events_event", "outcomes_result", "outcomes_milestone", "evaluation_evaluation", "dialog_report"):
        assert not any(s.lstrip().startswith("SELECT") and f'FROM "{table}"' in s.split("EXISTS")[0] for s in sql)
    assert "reports/_process_reports.html" in found  # shown empty, without reading
    assert found["reports/_process_reports.html"] == {"reports": []}
    assert "events/_process_events.html" not in found


def test_process_page_queries_do_not_grow_with_contributions(client, database_cache, django_assert_max_num_queries):
    small, large = open_process(), open_process()
    make_contributions(small, 5)
    make_contributions(large, 60)
    client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        assert client.get(small.get_absolute_url()).status_code == 200
    small_queries = len(captured)  # now: the next request empties the query log
    client.get(large.get_absolute_url())
    with django_assert_max_num_queries(small_queries):
        assert client.get(large.get_absolute_url()).status_code == 200


def test_a_change_of_the_frame_is_on_the_page_at_once(client, database_cache):
    from tests.factories import PhaseFactory

    process = open_process()
    url = process.get_absolute_url()
    client.get(url)
    client.get(url)  # kept
    PhaseFactory(process=process, title="Werkstatt im Stadtteil")
    assert "Werkstatt im Stadtteil" in client.get(url).content.decode()
    process.title = "Neuer Titel des Verfahrens"
    process.save()
    plan = process.plan
    plan.title = "Neuer Titel des Vorhabens"
    plan.save()
    html = client.get(url).content.decode()
    assert "Neuer Titel des Verfahrens" in html and "Neuer Titel des Vorhabens" in html
