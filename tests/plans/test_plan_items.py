"""What a reader sees in the items of the public plan list and in the page links (plans/jinja2/plans/)."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from stadtdialog.plans.models import Plan
from tests.factories import PlanFactory, districts, field_of_action, published_process

pytestmark = pytest.mark.django_db


def make_varied_plans():
    running = published_process(
        plan=PlanFactory(
            title="Läuft <script>alert(1)</script> & „jetzt“",
            districts=districts(1, 10),
            fields_of_action=[field_of_action(1), field_of_action(3)],
            schedule_start=datetime.date(2026, 3, 1),
            schedule_end=datetime.date(2027, 12, 31),
        )
    ).plan
    citywide = PlanFactory(
        title="Stadtweit",
        is_citywide=True,
        summary='Zitat: "O\'Brien" <b>fett</b>',
        schedule_start=datetime.date(2027, 1, 1),
        status=Plan.Status.DECIDED,
    )
    PlanFactory(title="Ohne Beteiligung", participation_planned=False, schedule_end=datetime.date(2028, 6, 30))
    PlanFactory(title="Ohne Bezirk und Termin", fields_of_action=[field_of_action(8)])
    return running, citywide


def item_of(html: str, plan) -> str:
    return html.split(f'<article aria-labelledby="plan-{plan.pk}-title">')[1].split("</article>")[0]


def test_each_plan_is_an_item_whose_title_links_to_the_plan(client):
    running, citywide = make_varied_plans()
    html = client.get(reverse("plans:list")).content.decode()
    assert html.count('<article aria-labelledby="plan-') == 4
    item = item_of(html, citywide)
    assert f'<h2 id="plan-{citywide.pk}-title"><a href="{citywide.get_absolute_url()}">Stadtweit</a></h2>' in item


def test_a_title_with_markup_is_escaped(client):
    running, _citywide = make_varied_plans()
    html = client.get(reverse("plans:list")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Läuft &lt;script&gt;alert(1)&lt;/script&gt; &amp; „jetzt“" in item_of(html, running)


def test_a_summary_with_quotes_and_markup_is_shown_as_text(client):
    _running, citywide = make_varied_plans()
    item = item_of(client.get(reverse("plans:list")).content.decode(), citywide)
    assert "<b>" not in item
    assert "Zitat: &#34;O&#39;Brien&#34; &lt;b&gt;fett&lt;/b&gt;" in item


def test_status_department_place_and_schedule_have_their_hidden_labels(client):
    running, citywide = make_varied_plans()
    html = client.get(reverse("plans:list")).content.decode()
    item = item_of(html, citywide)
    assert '<span class="visually-hidden">Status: </span>Entschieden</li>' in item
    assert '<span class="visually-hidden">Ort: </span>Gesamtstädtisch</li>' in item
    assert '<span class="visually-hidden">Voraussichtlicher Zeitraum: </span>ab 01/2027</li>' in item
    assert '<span class="visually-hidden">Federführung: </span>' in item
    running_item = item_of(html, running)
    assert '<span class="visually-hidden">Voraussichtlicher Zeitraum: </span>03/2026 bis 12/2027</li>' in running_item
    assert "bis 06/2028" in html


def test_a_plan_without_schedule_has_no_schedule_line(client):
    make_varied_plans()
    html = client.get(reverse("plans:list")).content.decode()
    plan = Plan.objects.get(title="Ohne Bezirk und Termin")
    item = item_of(html, plan)
    assert "Voraussichtlicher Zeitraum" not in item
    assert '<span class="visually-hidden">Ort: </span>Kein Stadtbezirk angegeben</li>' in item


def test_badges_show_participation_and_fields_of_action(client):
    running, _citywide = make_varied_plans()
    html = client.get(reverse("plans:list")).content.decode()
    item = item_of(html, running)
    assert (
        '<span class="kern-badge kern-badge--success"><span class="kern-label">Beteiligung läuft gerade</span></span>'
        in item
    )
    assert item.count('<span class="kern-badge">') == 2  # the two fields of action
    none = item_of(html, Plan.objects.get(title="Ohne Beteiligung"))
    assert '<span class="kern-badge"><span class="kern-label">Keine Beteiligung geplant</span></span>' in none


def test_the_items_are_in_english_when_the_language_is_english():
    _running, citywide = make_varied_plans()
    template = engines["jinja2"].get_template("plans/_plan_items.html")
    from stadtdialog.plans import queries
    from stadtdialog.plans.filters import FilterChoices

    with translation.override("en"):
        plans = queries.list_page(queries.list_rows(queries.filter_plans({})), FilterChoices())
        item = item_of(template.render({"plans": plans}), citywide)
    assert '<span class="visually-hidden">Status: </span>Decided</li>' in item
    assert '<span class="visually-hidden">Where: </span>Citywide</li>' in item
    assert '<span class="visually-hidden">Expected schedule: </span>from 01/2027</li>' in item


def page_links(query: str, count: int, number: int) -> str:
    template = engines["django"].get_template("plans/_pagination.html")
    paginator = Paginator(range(count), 20)
    page = paginator.get_page(number)
    pages = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    request = RequestFactory().get(f"/vorhaben/?{query}")
    with translation.override("de"):
        return template.render({"page_obj": page, "page_range": pages, "request": request})


def test_no_page_links_for_a_single_page():
    assert page_links("", 5, 1).strip() == ""


def test_the_current_page_is_marked_with_aria_current():
    html = page_links("", 400, 3)
    assert '<nav aria-label="Seiten">' in html
    assert '<a href="?page=3" aria-current="page"><span class="visually-hidden">Seite </span>3</a>' in html
    assert html.count("aria-current") == 1
    assert '<a href="?page=2" rel="prev">' in html and '<a href="?page=4" rel="next">' in html


def test_page_links_keep_the_filters_and_replace_the_page():
    html = page_links("district=mitte&q=a%26b&page=3", 400, 3)
    assert 'href="?district=mitte&amp;q=a%26b&amp;page=4" rel="next"' in html
    assert "page=3&amp;page" not in html


def test_long_ranges_are_elided_and_first_and_last_pages_have_no_prev_or_next():
    first = page_links("", 2000, 1)
    assert '<li><span aria-hidden="true">…</span></li>' in first
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert '<span class="visually-hidden">Seite </span>100</a>' in first
    last = page_links("", 2000, 100)
    assert 'rel="next"' not in last and 'rel="prev"' in last
