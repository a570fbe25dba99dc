"""The report's figures computed without the cache, per scope: CPU seconds and queries (run by run.sh inside
Django: `python manage.py shell -c "exec(open('bench/report/cold.py').read())"`)."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stadtdialog.organisation.models import District
from stadtdialog.reporting import queries

units = queries.all_units()
year = timezone.localdate().year
district = District.objects.order_by("number").first()
for label, data in [
    ("this year", {"jahr": year}),
    ("last year", {"jahr": year - 1}),
    ("last year, one district", {"jahr": year - 1, "stadtbezirk": district.slug}),
]:
    scope = queries.scope_from(data, units)
    best = None
    for _round in range(3):
        started = time.process_time()
        wall = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            queries.compute(scope)
        spent = (time.process_time() - started, time.perf_counter() - wall)
        best = spent if best is None or spent[1] < best[1] else best
    print(f"| {label} (wall {best[1]:.2f} s) | {best[0]:.2f} | {len(captured)} |")
