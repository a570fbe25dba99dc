"""Iterative rounding writes the relaxed leximin point as a lottery over real panels."""

import random

import numpy as np
from hypothesis import HealthCheck, given, settings

from stadtdialog.sortition.algorithm import Quota, Respondent, find_leximin, make_instance, satisfies_quotas
from stadtdialog.sortition.algorithm.panel_mip import Types
from stadtdialog.sortition.algorithm.relaxed import relaxed_leximin
from stadtdialog.sortition.algorithm.rounding import DONE, round_to_panels

from .pools import THREE_FEATURES, instances, true_leximin

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


def quota_counts(instance, types, counts):
    filled = np.zeros(len(instance.quotas), dtype=np.int64)
    for t, quotas in enumerate(types.quotas):
        filled[list(quotas)] += counts[t]
    return filled


@SETTINGS
@given(instances(max_n=10, max_k=5, features=THREE_FEATURES))
def test_exact_rounding_is_a_lottery_over_quota_panels_with_the_target_as_mean(instance):
    types = Types(instance)
    target = relaxed_leximin(instance, types) * types.count
    stats = {}
    panels, weights, exact = round_to_panels(instance, types, target, random.Random(1), stats)
    if not exact:
        return  # the caller falls back to column generation; tested in test_leximin
    assert abs(weights.sum() - 1) < 1e-12
    assert (weights >= 0).all()
    for counts in panels:
        assert counts.sum() == instance.k
        assert (counts >= 0).all()
        assert (counts <= types.count).all()
        filled = quota_counts(instance, types, counts)
        assert all(q.min <= f <= q.max for q, f in zip(instance.quotas, filled))
    assert np.abs(weights @ np.array(panels, dtype=float) - target).sum() <= DONE


@SETTINGS
@given(instances(max_n=8, max_k=4, features=THREE_FEATURES))
def test_leximin_with_three_features_equals_brute_force(instance):
    """Whichever path finds it (rounding, column generation, stages), the answer is exact."""
    result = find_leximin(instance)
    assert all(satisfies_quotas(instance, panel) for panel in result.panels)
    assert np.allclose(result.marginals, true_leximin(instance), atol=1e-6)


def biased_pool(n: int, seed: int):
    """Five features with uneven answer rates, like a real second stage."""
    rng = random.Random(seed)
    features = {
        "geschlecht": (["w", "m", "d"], [50, 48, 2]),
        "alter": (["16-24", "25-39", "40-64", "65+"], [8, 22, 45, 25]),
        "bildung": (["niedrig", "mittel", "hoch"], [15, 35, 50]),
        "bezirk": ([f"b{i}" for i in range(6)], [20, 18, 17, 16, 15, 14]),
        "migration": (["ja", "nein"], [15, 85]),
    }
    people = [
        Respondent(f"p{i}", {f: rng.choices(values, weights)[0] for f, (values, weights) in features.items()})
        for i in range(n)
    ]
    return people, features


def population_quotas(people, features, k):
    shares = {
        "geschlecht": [51, 48, 1],
        "alter": [12, 24, 40, 24],
        "bildung": [30, 35, 35],
        "bezirk": [18, 17, 17, 16, 16, 16],
        "migration": [30, 70],
    }
    quotas = []
    for feature, (values, _) in features.items():
        for value, share in zip(values, shares[feature]):
            want = k * share / 100
            present = sum(p.features[feature] == value for p in people)
            low = min(present, int(want * 0.85))
            quotas.append(Quota(feature, value, low, max(low, int(np.ceil(want * 1.15)) + 1)))
    return quotas


def test_rounding_and_column_generation_agree_on_a_realistic_pool(without_rounding_once):
    people, features = biased_pool(240, seed=5)
    instance = make_instance(people, population_quotas(people, features, 24), 24)
    fast = find_leximin(instance)
    assert fast.stats["method"] == "rounding"
    assert all(satisfies_quotas(instance, panel) for panel in fast.panels)
    slow = without_rounding_once(instance)
    assert slow.stats["method"] == "relaxation"
    assert np.allclose(fast.marginals, slow.marginals, atol=1e-7)
    assert fast.marginals.min() > 0
