"""The contribution list reads a page by its ids first (queries.PageRows): every page must hold exactly the rows
and order that slicing the sorted list gives, for every sort and filter, and a page needs a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from stadtdialog.dialog import queries
from stadtdialog.dialog.models import Contribution
from stadtdialog.organisation.models import Quarter
from tests.dialog.dialog_factories import ContributionFactory, open_process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached filter choices and counts of another test's (rolled back) data must not show here, nor ours elsewhere."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def process():
    process = open_process()
    quarters = list(Quarter.objects.order_by("id")[:3])
    now = timezone.now()
    for n in range(53):
        ContributionFactory(
            process=process,
            kind=["idea", "question", "concern"][n % 3],
            quarter=quarters[n % 3],
            support_count=n % 7,
            comment_count=n % 4,
            answer_status=["", "taken", ""][n % 3],
            hidden_at=now if n % 11 == 0 else None,
        )
    # the same creation time for some, so that the id decides
    Contribution.objects.filter(process=process, support_count=3).update(created_at=now - datetime.timedelta(days=2))
    return process


@pytest.mark.parametrize(
    "criteria",
    [
        queries.Criteria(),
        queries.Criteria(sort=queries.Sort.SUPPORTED),
        queries.Criteria(sort=queries.Sort.COMMENTED, kind="idea"),
        queries.Criteria(sort=queries.Sort.RANDOM, seed=7),
        queries.Criteria(sort=queries.Sort.RANDOM, seed=8, answer=queries.NOT_ANSWERED),
    ],
)
def test_every_page_is_the_slice_of_the_sorted_list(process, criteria):
    everything = [c.pk for c in queries.contributions(process, criteria)]
    paged = []
    for number in range(1, 5):
        page = queries.page_of(queries.contributions(process, criteria), number)
        assert page.paginator.count == len(everything)
        if number <= page.paginator.num_pages:
            paged.extend(c.pk for c in page.object_list)
    assert paged == everything


def test_the_random_order_is_stable_per_seed_and_differs_between_seeds(process):
    def order(seed):
        return [c.pk for c in queries.contributions(process, queries.Criteria(sort=queries.Sort.RANDOM, seed=seed))]

    assert order(7) == order(7)
    orders = {tuple(order(seed)) for seed in (0, 1, 7, 8, 99_999)}
    assert len(orders) == 5
    assert all(sorted(o) == sorted(order(7)) for o in orders)
    assert tuple(sorted(order(7))) not in orders
    assert tuple(sorted(order(7), reverse=True)) not in orders


def test_a_list_page_needs_four_queries(client, process, django_assert_max_num_queries):
    url = reverse("dialog:list", args=[process.pk])
    client.get(url)  # the filter choices are cached after the first request
    for params in (
        {},
        {"sort": "random", "seed": 3, "page": 2},
        {"quarter": Quarter.objects.order_by("id")[0].slug, "answer": "none"},
    ):
        # the process with its phases, the count, the page
        with django_assert_max_num_queries(4):
            assert client.get(url, params).status_code == 200


def test_the_quarter_filter_lists_the_quarters_by_name_and_follows_changes(client, process):
    url = reverse("dialog:list", args=[process.pk])

    def options():
        html = client.get(url).content.decode()
        select = html.split('name="quarter"')[1].split("</select>")[0]
        return select.split("</option>")[:-1]

    names = [option.rsplit(">", 1)[1] for option in options()]
    assert names[0] == "Alle Stadtteile"
    assert names[1:] == list(Quarter.objects.order_by("name").values_list("name", flat=True))
    quarter = Quarter.objects.get(name="Linden-Mitte")
    quarter.name = "Linden-Mitte (neu)"
    quarter.save()
    assert f'<option value="{quarter.slug}">Linden-Mitte (neu)' in "</option>".join(options())
    # the selected quarter is marked and filters the list
    html = client.get(url, {"quarter": quarter.slug}).content.decode()
    assert f'<option value="{quarter.slug}" selected>' in html
