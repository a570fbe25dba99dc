"""The public report page: filters as shareable addresses, bad values, CSV equal to the tables, constant queries,
the cache and its invalidation."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from stadtdialog.dialog.models import Contribution
from stadtdialog.organisation.models import District
from stadtdialog.reporting import queries
from stadtdialog.reporting.scope import ReportScope

from .fixtures import YEAR, at, build, contribution

pytestmark = pytest.mark.django_db
URL = reverse("reporting:report")


@pytest.fixture
def world():
    return build()


def test_the_report_shows_every_section_with_charts_and_tables(client, world):
    response = client.get(URL, {"jahr": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    for entry in response.context["sections"]:
        assert f'id="{entry.name}"' in html
        for table in entry.tables:
            assert f'id="table-{table.key}"' in html
            if table.chart() is not None:
                assert f'aria-labelledby="chart-{table.key}-title chart-{table.key}-desc"' in html
    assert '<title id="chart-plans_by_status-title">' in html


def test_a_filter_state_is_an_address_and_the_csv_links_keep_it(client, world):
    district = District.objects.get(number=1)
    response = client.get(URL, {"jahr": YEAR, "stadtbezirk": district.slug, "dezernat": world.directorate.pk})
    scope = response.context["scope"]
    assert (scope.year, scope.district, scope.directorate) == (YEAR, district, world.directorate)
    assert f"?jahr={YEAR}&amp;dezernat={world.directorate.pk}&amp;stadtbezirk={district.slug}" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "params",
    [
        {"jahr": "²"},
        {"jahr": "99999"},
        {"jahr": "-1"},
        {"dezernat": "abc"},
        {"dezernat": "10000000000000000000000"},
        {"fachbereich": "1e3"},
        {"stadtbezirk": "nirgendwo"},
        {"stadtbezirk": "<script>"},
        {"handlungsfeld": "x" * 500},
    ],
)
def test_bad_filter_values_are_ignored(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["scope"].has_plan_filter is False


def test_a_unit_of_the_wrong_kind_is_ignored(client, world):
    response = client.get(URL, {"dezernat": world.department.pk, "fachbereich": world.directorate.pk})
    assert response.context["scope"].has_plan_filter is False


def test_every_csv_equals_its_table(client, world):
    district = District.objects.get(number=1)
    params = {"jahr": YEAR, "stadtbezirk": district.slug}
    page = client.get(URL, params)
    html = page.content.decode()
    for entry in page.context["sections"]:
        for table in entry.tables:
            response = client.get(reverse("reporting:table_csv", args=[table.key]), params)
            assert response.status_code == 200
            assert response["Content-Type"].startswith("text/csv")
            rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
            assert rows[0] == [str(column) for column in table.columns]
            assert rows[1:] == [["" if cell is None else str(cell) for cell in row] for row in table.rows]
            for row in table.rows:  # and the page shows the same texts
                for cell in row:
                    if isinstance(cell, str):
                        assert escape(cell) in html
    assert client.get(reverse("reporting:table_csv", args=["gibt-es-nicht"]), params).status_code == 404


def test_csv_cells_are_safe_against_formulas(client, world):
    item = Contribution.objects.get(title="Tischtennis")
    item.response.text = "=HYPERLINK(1)"
    item.response.save()
    response = client.get(reverse("reporting:table_csv", args=["not_taken_reasons"]), {"jahr": YEAR})
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


def test_queries_are_constant_and_the_figures_cached(client, django_assert_max_num_queries, world):
    client.get(URL, {"jahr": YEAR})  # warm the caches of the layout (city, menus)
    queries_of_world = _count_queries(client, {"jahr": YEAR, "stadtbezirk": "mitte"})
    build(tag="2")  # twice the data
    contribution(world.processes["pr1"], "online", "Noch eine", at(5, 5))
    assert _count_queries(client, {"jahr": YEAR, "stadtbezirk": "mitte"}) <= queries_of_world
    with django_assert_max_num_queries(8):  # cached: the units, districts, fields, the session; no figure
        client.get(URL, {"jahr": YEAR, "stadtbezirk": "mitte"})


def _count_queries(client, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stadtdialog.reporting.cache import figures_stale

    figures_stale()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


def test_a_new_contribution_makes_the_cached_figures_stale(world):
    scope = ReportScope(year=YEAR, units=queries.all_units())
    first = queries.find_table(queries.report(scope), "input").rows[0][1]
    contribution(world.processes["pr1"], "online", "Noch eine", at(5, 5))
    assert queries.find_table(queries.report(scope), "input").rows[0][1] == first + 1


def test_the_rendered_page_is_kept_and_follows_a_counted_change(client, django_assert_max_num_queries, world):
    """Issue 17 item 6: the sections' HTML is kept with the figures under the data version; a new contribution (a
    counted object) makes the next page show the new figure, and the warm page reads no figure or table."""
    scope = ReportScope(year=YEAR, units=queries.all_units())
    client.get(URL, {"jahr": YEAR})
    with django_assert_max_num_queries(9):  # units, districts, fields, the annual report, the cache reads
        before = client.get(URL, {"jahr": YEAR}).content.decode()
    first = queries.find_table(queries.report(scope), "input").rows[0][1]
    contribution(world.processes["pr1"], "online", "Noch eine", at(5, 5))
    after = client.get(URL, {"jahr": YEAR})
    table = queries.find_table(queries.report(scope), "input")
    assert table.rows[0][1] == first + 1
    section = next(entry for entry in after.context["sections"] if any(t.key == "input" for t in entry.tables))
    assert 'id="table-input"' in section.html and section.html not in before
