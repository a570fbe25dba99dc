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
from stadtdialog.sortition.algorithm.lottery import lottery_marginals

from .pools import instances


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances(max_n=12, max_k=5), st.sampled_from([7, 50, 1000]))
def test_rounding_moves_no_probability_by_k_over_m(instance, m):
    result = find_leximin(instance)
    lottery = build_lottery(instance.n, instance.k, result.panels, result.probabilities, m)
    assert len(lottery) == m
    assert all(satisfies_quotas(instance, panel) for panel in lottery)
    change = np.abs(lottery_marginals(instance.n, lottery) - result.marginals)
    assert change.max() <= instance.k / m + 1e-9


def test_rounding_with_many_panels_and_small_m():
    """Random distribution over many panels of size 3 among 10 people; m = 10."""
    rng = np.random.default_rng(1)
    panels = list({frozenset(rng.choice(10, 3, replace=False).tolist()) for _ in range(60)})
    weights = rng.random(len(panels))
    from stadtdialog.sortition.algorithm.lottery import round_lottery, expand_lottery
    copies = round_lottery(10, 3, panels, weights, 10)
    before = np.zeros(10)
    for panel, w in zip(panels, weights / weights.sum()):
        before[list(panel)] += w
    after = lottery_marginals(10, expand_lottery(panels, copies))
    assert sum(copies) == 10 and np.abs(after - before).max() < 3 / 10


def small_lottery():
    panels = [frozenset({0, 1}), frozenset({1, 2}), frozenset({0, 2}), frozenset({0, 1})]
    return publish(panels, ["A", "B", "C"], 2)


def test_publication_is_canonical_and_hashed():
    document = small_lottery()
    again = publish(list(reversed([frozenset({0, 1}), frozenset({1, 2}), frozenset({0, 2}),
                                   frozenset({0, 1})])), ["A", "B", "C"], 2)
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
