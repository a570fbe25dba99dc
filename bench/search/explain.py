"""EXPLAIN ANALYZE of the plan search's page query and of the site search's queries (run by bench/search/run.sh:
`python manage.py shell -c "exec(open('bench/search/explain.py').read())"`)."""

from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from stadtdialog.plans import queries as plan_queries
from stadtdialog.plans.filters import filter_form
from stadtdialog.search import queries as search_queries

cache.clear()  # the counts of the site search are cached: show their query too
for q in ("q=Spielplatz", "q=Radweg&district=mitte"):
    criteria = filter_form(QueryDict(q)).criteria()
    plans = plan_queries.filter_plans(criteria)
    count = plans.count()  # the view passes its cached count: it chooses the window of recent plans
    plan_queries.relevance_rows(plans, criteria, count)[0:20]  # the window's thresholds cached, as on a served page
    with CaptureQueriesContext(connection) as page:
        plan_queries.relevance_rows(plans, criteria, count)[0:20]  # what the list page reads (TopRanked)
    for query in page.captured_queries:
        if "plans_plan" not in query["sql"] or query["sql"].startswith("SELECT 1 AS"):
            continue
        print("-- plan list, page 1 as the page reads it:", q, "--", query["sql"][:100], "...")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))

with CaptureQueriesContext(connection) as captured:
    search_queries.groups("Spielplatz")
for query in captured.captured_queries:
    if "search_searchentry" in query["sql"] and "EXPLAIN" not in query["sql"]:
        print("-- site search, q=Spielplatz:", query["sql"][:160], "...")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))
