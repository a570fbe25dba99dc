import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stadtdialog.sortition.algorithm import (
    InvalidLottery,
    build_lottery,
    find_leximin,
    publish,
    recompute_draw,
    satisfies_quotas,
)
from stadtdialog.sortition.algorithm.lottery import _by_type, lottery_marginals
from stadtdialog.sortition.algorithm.panel_mip import Types

from .pools import instances


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances(max_n=12, max_k=5), st.sampled_from([7, 50, 1000]))
def test_rounding_moves_no_probability_by_k_over_m(instance, m):
    result = find_leximin(instance)
    lottery = build_lottery(instance.n, instance.k, result.panels, result.probabilities, m)
    assert len(lottery) == m
    assert all(satisfies_quotas(instance, panel) for panel in lottery)
    change = np.abs(lottery_marginals(instance.n, lottery) - result.marginals)
    assert change.max() <= instance.k / m + 1e-9


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances(max_n=12, max_k=5), st.sampled_from([7, 50, 1000]))
def test_rounding_by_type_moves_no_probability_by_k_over_m(instance, m):
    """The fast rounding over type panels, on its own (build_lottery would fall back if it missed)."""
    result = find_leximin(instance)
    lottery = _by_type(result.panels, result.probabilities, m, Types(instance).of)
    assert len(lottery) == m
    assert all(len(panel) == instance.k for panel in lottery)
    assert all(satisfies_quotas(instance, panel) for panel in lottery)
    change = np.abs(lottery_marginals(instance.n, lottery) - result.marginals)
    assert change.max() <= instance.k / m + 1e-9


def test_rounding_by_type_seats_each_member_in_turn():
    """Four people of one type, k = 2, m = 6: everyone sits on exactly 3 of the 6 panels."""
    panels = [frozenset({0, 1}), frozenset({2, 3}), frozenset({0, 2})]
    lottery = build_lottery(4, 2, panels, np.array([0.5, 0.25, 0.25]), 6, types_of=[0, 0, 0, 0])
    assert len(lottery) == 6
    assert all(len(panel) == 2 for panel in lottery)
    assert (lottery_marginals(4, lottery) == 0.5).all()


def test_rounding_by_type_falls_back_when_members_of_a_type_are_not_treated_alike():
    """Only person 0 is ever drawn although all four share a type: seating in turn would move
    person 0 from 1 to 1/4, so the rounding over the concrete panels is used instead."""
    lottery = build_lottery(4, 1, [frozenset({0})], np.array([1.0]), 8, types_of=[0, 0, 0, 0])
    assert lottery == [frozenset({0})] * 8


def test_rounding_with_many_panels_and_small_m():
    """Random distribution over many panels of size 3 among 10 people; m = 10."""
    rng = np.random.default_rng(1)
    panels = list({frozenset(rng.choice(10, 3, replace=False).tolist()) for _ in range(60)})
    weights = rng.random(len(panels))
    from stadtdialog.sortition.algorithm.lottery import expand_lottery, round_lottery

    copies = round_lottery(10, 3, panels, weights, 10)
    before = np.zeros(10)
    for panel, w in zip(panels, weights / weights.sum()):
        before[list(panel)] += w
    after = lottery_marginals(10, expand_lottery(panels, copies))
    assert sum(copies) == 10
    assert np.abs(after - before).max() < 3 / 10


def small_lottery():
    panels = [frozenset({0, 1}), frozenset({1, 2}), frozenset({0, 2}), frozenset({0, 1})]
    return publish(panels, ["A", "B", "C"], 2)


def test_publication_is_canonical_and_hashed():
    document = small_lottery()
    again = publish(
        list(reversed([frozenset({0, 1}), frozenset({1, 2}), frozenset({0, 2}), frozenset({0, 1})])), ["A", "B", "C"], 2
    )
    assert document == again
    assert len(document["sha256"]) == 64
    assert document["lottery"]["panels"][0] == {"nr": 1, "members": ["A", "B"]}


def test_recompute_draw_is_deterministic_and_checks_hash():
    text = json.dumps(small_lottery())
    first = recompute_draw(text, "12345")
    assert recompute_draw(text, " 123 45 ") == first
    assert 1 <= first[0] <= 4
    numbers = {recompute_draw(text, str(n))[0] for n in range(40)}
    assert numbers == {1, 2, 3, 4}
    tampered = json.loads(text)
    tampered["lottery"]["panels"][0]["members"] = ["A", "C"]
    with pytest.raises(InvalidLottery):
        recompute_draw(json.dumps(tampered), "12345")
