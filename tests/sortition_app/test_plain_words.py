"""The public lottery pages speak plainly (issue "First impression", item 10): no k, m, Gini, seed or hash
jargon outside the details boxes; quotas that ask for more seats than the panel has are refused; the public
random number is checked."""

import re

import pytest
from django.urls import reverse

from stadtdialog.sortition.forms import DrawForm, VerifyForm
from stadtdialog.sortition.queries import quota_rows

from .factories import balanced_bounds, coordinator, drawn_sortition, sortition_with_pool

pytestmark = pytest.mark.django_db

JARGON = re.compile(r"\b(LEXIMIN|Gini|seed|Seed|SHA-256|k =|m =|Hash\w*)\b")


def _outside_details(html: str) -> str:
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"<details.*?</details>", "", main, flags=re.S)


def test_the_public_page_and_the_check_page_explain_without_jargon(client):
    sortition = drawn_sortition(coordinator())
    for name in ("sortition:public_detail", "sortition:verify"):
        html = client.get(reverse(name, args=[sortition.pk])).content.decode()
        visible = _outside_details(html)
        assert not JARGON.search(visible), (name, JARGON.search(visible).group(0))
        assert "<details" in html  # the numbers are there, in a details box
    page = client.get(reverse("sortition:public_detail", args=[sortition.pk])).content.decode()
    assert "So funktioniert das Losverfahren" in page
    assert sortition.lottery.sha256 in page  # in the details box


def test_the_check_page_offers_the_check_in_the_browser_not_a_command(client):
    sortition = drawn_sortition(coordinator())
    html = client.get(reverse("sortition:verify", args=[sortition.pk])).content.decode()
    assert 'id="browser-check" hidden' in html  # shown by verify-draw.js
    assert f'data-published="{sortition.lottery.sha256}"' in html
    assert "js/verify-draw.js" in html
    assert "python -m" not in _outside_details(html)


def _quota_post(sortition, bounds):
    data = {}
    for value_pk, (low, high) in bounds.items():
        data[f"min_{value_pk}"], data[f"max_{value_pk}"] = low, high
    return data


def test_minimums_of_one_feature_above_the_panel_size_are_refused_and_the_input_kept(client):
    actor = coordinator()
    sortition = sortition_with_pool(actor)
    bounds = balanced_bounds(sortition)
    gender = [v for v in quota_rows(sortition) if v.key in ("w", "m")]
    for value in gender:
        bounds[value.pk] = (sortition.panel_size, sortition.panel_size)  # 200 % together
    client.force_login(actor)
    response = client.post(reverse("sortition:quotas", args=[sortition.pk]), _quota_post(sortition, bounds))
    assert response.status_code == 200
    text = response.content.decode()
    assert "ergeben zusammen" in text and "200 %" in text
    assert f'name="min_{gender[0].pk}" value="{sortition.panel_size}"' in text
    assert not sortition.features.filter(values__quota__isnull=False).exists()


def test_maximums_that_cannot_fill_the_panel_are_refused(client):
    actor = coordinator()
    sortition = sortition_with_pool(actor)
    bounds = balanced_bounds(sortition)
    for value in quota_rows(sortition):
        if value.key in ("w", "m"):
            bounds[value.pk] = (0, 1)
    client.force_login(actor)
    response = client.post(reverse("sortition:quotas", args=[sortition.pk]), _quota_post(sortition, bounds))
    assert "Es ließe sich nicht füllen" in response.content.decode()


def test_balanced_quotas_still_save(client):
    actor = coordinator()
    sortition = sortition_with_pool(actor)
    client.force_login(actor)
    response = client.post(
        reverse("sortition:quotas", args=[sortition.pk]), _quota_post(sortition, balanced_bounds(sortition))
    )
    assert response.status_code == 302


@pytest.mark.parametrize("number", ["4-17-23-38-41", "4 17 23 38 41", "12345", "0815 4711"])
def test_a_public_random_number_of_digits_is_accepted(number):
    assert DrawForm({"public_number": number}).is_valid()
    assert VerifyForm({"public_number": number}).is_valid()


@pytest.mark.parametrize("number", ["abc", "12", "²³⁴⁵", "4-17-x", "--", "1e10"])
def test_a_public_random_number_that_is_not_digits_is_refused_in_german(number):
    form = DrawForm({"public_number": number})
    assert not form.is_valid()
    assert "Zufallszahl" in " ".join(form.errors["public_number"])


def test_the_check_takes_any_number_of_digits_as_the_rule_does():
    assert VerifyForm({"public_number": "1"}).is_valid()
    assert not VerifyForm({"public_number": "eins"}).is_valid()
