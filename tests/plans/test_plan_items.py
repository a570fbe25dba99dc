"""The plan list's items are written in Python (plans/templatetags/plan_items.py) for speed; they must be exactly
what the template loop wrote before, in German and in English, with every value escaped."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from stadtdialog.plans import queries
from stadtdialog.plans.filters import FilterChoices
from stadtdialog.plans.models import Plan
from stadtdialog.plans.templatetags.plan_items import page_links, plan_items
from tests.factories import PlanFactory, districts, field_of_action, published_process

pytestmark = pytest.mark.django_db

# The loop of plans/list.html before the items were written in Python (the reference; the department's short name,
# then plan.lead_unit.short_name, is now plan.unit).
REFERENCE = """{% load i18n %}{% translate "Status" as status_label %}{% translate "Lead department" as unit_label %}\
{% translate "Where" as where_label %}{% translate "Expected schedule" as schedule_label %}{% for plan in plans %}<li>
<article aria-labelledby="plan-{{ plan.pk }}-title">
  <h2 id="plan-{{ plan.pk }}-title"><a href="{{ plan.url }}">{{ plan.title }}</a></h2>
  <ul class="meta">
    <li><span class="visually-hidden">{{ status_label }}: </span>{{ plan.status_label }}</li>
    <li><span class="visually-hidden">{{ unit_label }}: </span>{{ plan.unit }}</li>
    <li><span class="visually-hidden">{{ where_label }}: </span>{{ plan.where }}</li>
    {% if plan.schedule %}
      <li><span class="visually-hidden">{{ schedule_label }}: </span>{{ plan.schedule }}</li>
    {% endif %}
  </ul>
  <p class="kern-body">{{ plan.summary }}</p>
  <p class="badges">
    <span class="kern-badge{% if plan.badge_class %} {{ plan.badge_class }}{% endif %}"><span class="kern-label">{{ plan.badge_label }}</span></span>
    {% for name in plan.field_names %}<span class="kern-badge"><span class="kern-label">{{ name }}</span></span>{% endfor %}
  </p>
</article></li>{% endfor %}"""


def make_varied_plans():
    published_process(
        plan=PlanFactory(
            title="Läuft <gerade> & „jetzt“",
            districts=districts(1, 10),
            fields_of_action=[field_of_action(1), field_of_action(3)],
            schedule_start=datetime.date(2026, 3, 1),
            schedule_end=datetime.date(2027, 12, 31),
        )
    )
    PlanFactory(
        title="Stadtweit",
        is_citywide=True,
        summary='Zitat: "O\'Brien" <b>fett</b>',
        schedule_start=datetime.date(2027, 1, 1),
        status=Plan.Status.DECIDED,
    )
    PlanFactory(title="Ohne Beteiligung", participation_planned=False, schedule_end=datetime.date(2028, 6, 30))
    PlanFactory(title="Ohne Bezirk und Termin", fields_of_action=[field_of_action(8)])


@pytest.mark.parametrize("language", ["de", "en"])
def test_items_are_what_the_template_wrote(language):
    make_varied_plans()
    with translation.override(language):
        plans = queries.list_page(queries.list_rows(queries.filter_plans({})), FilterChoices())
        expected = Template(REFERENCE).render(Context({"plans": plans}))
        assert plan_items(plans) == expected
    html = str(plan_items(plans))
    assert "Läuft &lt;gerade&gt; &amp; „jetzt“" in html and "<gerade>" not in html
    assert "Zitat: &quot;O&#x27;Brien&quot; &lt;b&gt;fett&lt;/b&gt;" in html
    assert html.count("<li>\n<article") == 4


def test_the_list_page_shows_the_items(client):
    make_varied_plans()
    html = client.get(reverse("plans:list")).content.decode()
    assert '<span class="visually-hidden">Voraussichtlicher Zeitraum: </span>03/2026 bis 12/2027</li>' in html
    assert "ab 01/2027" in html and "bis 06/2028" in html
    assert (
        '<span class="kern-badge kern-badge--success"><span class="kern-label">Beteiligung läuft gerade</span></span>'
        in html
    )


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("query", ["", "district=mitte&q=a%26b", "page=3&sort=title", "q=%C3%A4+%3Cb%3E"])
def test_page_links_are_what_the_pagination_template_writes(language, query):
    template = engines["django"].get_template("plans/_pagination.html")
    request = RequestFactory().get(f"/vorhaben/?{query}")
    with translation.override(language):
        for count in (5, 21, 45, 400, 2000):
            paginator = Paginator(range(count), 20)
            for number in sorted({1, 2, 3, 5, paginator.num_pages - 1, paginator.num_pages} - {0}):
                page = paginator.get_page(number)
                pages = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
                expected = template.render({"page_obj": page, "page_range": pages, "request": request})
                assert page_links(Context({"request": request}), page, pages) == expected, (count, number)
