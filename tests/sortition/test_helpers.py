from collections import Counter

import numpy as np
import pytest

from stadtdialog.sortition.algorithm import (
    NoReplacement,
    Quota,
    Respondent,
    gini,
    make_instance,
    pick_replacement,
    replacement_candidates,
    stage_one_sample,
)
from stadtdialog.sortition.algorithm.sampling import allocate


def test_gini():
    assert gini(np.array([0.2, 0.2, 0.2])) == pytest.approx(0.0)
    assert gini(np.array([0.0, 0.0, 0.0, 1.0])) == pytest.approx(0.75)


def instance():
    people = [
        Respondent("w1", {"g": "w"}),
        Respondent("w2", {"g": "w"}),
        Respondent("m1", {"g": "m"}),
        Respondent("m2", {"g": "m"}),
        Respondent("m3", {"g": "m"}),
    ]
    return make_instance(people, [Quota("g", "w", 1, 1), Quota("g", "m", 1, 1)], 2)


def test_replacement_keeps_quotas_and_is_reproducible():
    inst = instance()
    panel = frozenset({0, 2})
    assert replacement_candidates(inst, panel, 2) == [3, 4]
    assert pick_replacement(inst, panel, 2, seed=5) == pick_replacement(inst, panel, 2, seed=5)
    assert pick_replacement(inst, panel, 0, seed=1) == 1


def test_no_replacement_raises_german_error():
    inst = instance()
    with pytest.raises(NoReplacement, match="niemanden"):
        pick_replacement(inst, frozenset({0, 2}), 0, seed=1, excluded=[1])


def test_stage_one_sample_reproducible_and_uniform_size():
    records = list(range(100))
    assert stage_one_sample(records, 10, seed=42) == stage_one_sample(records, 10, seed=42)
    assert len(set(stage_one_sample(records, 10, seed=42))) == 10


def test_stratified_sample_proportional_largest_remainder():
    records = [("a", i) for i in range(50)] + [("b", i) for i in range(30)] + [("c", i) for i in range(20)]
    sample = stage_one_sample(records, 9, seed=3, stratum=lambda r: r[0])
    # shares 4.5, 2.7, 1.8: floors 4, 2, 1; the two largest remainders (c, b) get one more
    assert Counter(r[0] for r in sample) == {"a": 4, "b": 3, "c": 2}
    assert sample == stage_one_sample(records, 9, seed=3, stratum=lambda r: r[0])


def test_allocate_largest_remainder():
    assert allocate({"a": 50, "b": 30, "c": 20}, 9) == {"a": 4, "b": 3, "c": 2}
    assert sum(allocate({"x": 1, "y": 1, "z": 1}, 2).values()) == 2
