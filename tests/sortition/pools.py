"""Small random pools for property tests, and brute-force reference answers."""

from __future__ import annotations

from itertools import combinations

import highspy
import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from stadtdialog.sortition.algorithm import (
    InfeasibleQuotas,
    InvalidInput,
    Quota,
    Respondent,
    check_feasibility,
    make_instance,
    satisfies_quotas,
)

FEATURES = {"gender": ["f", "m", "d"], "age": ["jung", "mittel", "alt"]}
# With three features the quota matrix is no longer totally unimodular: the relaxed polytope
# can have fractional corners, which is where iterative rounding may have to give up.
THREE_FEATURES = {**FEATURES, "bezirk": ["nord", "sued"]}


@st.composite
def instances(draw, max_n: int = 10, max_k: int = 4, features: dict = FEATURES):
    """A random, feasible instance with the given features (by default two)."""
    n = draw(st.integers(4, max_n))
    k = draw(st.integers(1, min(max_k, n - 1)))
    people = []
    for i in range(n):
        values = {f: draw(st.sampled_from(vals)) for f, vals in features.items()}
        people.append(Respondent(f"p{i}", values))
    quotas = []
    for feature, values in features.items():
        for value in values:
            in_pool = sum(p.features[feature] == value for p in people)
            low = draw(st.integers(0, min(in_pool, k // len(values) + 1)))
            high = draw(st.integers(low, k))
            quotas.append(Quota(feature, value, low, high))
    try:
        instance = make_instance(people, quotas, k)
        check_feasibility(instance)
    except (InvalidInput, InfeasibleQuotas):
        assume(False)
    return instance


def feasible_panels(instance) -> list[frozenset[int]]:
    return [frozenset(c) for c in combinations(range(instance.n), instance.k) if satisfies_quotas(instance, c)]


def true_maximin(instance) -> float:
    """max over distributions on all feasible panels of the minimum selection probability."""
    panels = feasible_panels(instance)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    # columns: x_P for each panel, then z; maximise z
    h.addVars(len(panels), np.zeros(len(panels)), np.full(len(panels), inf))
    h.addVar(-inf, inf)
    z = len(panels)
    h.changeColCost(z, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRow(1.0, 1.0, len(panels), np.arange(len(panels), dtype=np.int32), np.ones(len(panels)))
    for i in range(instance.n):
        cols = [j for j, p in enumerate(panels) if i in p] + [z]
        values = np.ones(len(cols))
        values[-1] = -1.0
        h.addRow(0.0, inf, len(cols), np.array(cols, dtype=np.int32), values)
    h.run()
    return float(h.getInfo().objective_function_value)


def true_leximin(instance) -> np.ndarray:
    """The LEXIMIN probabilities by brute force: LPs over all feasible panels.

    Each stage maximises the smallest unfixed probability z; then every unfixed person whose
    probability cannot exceed z (one LP each) is fixed at z.
    """
    panels = feasible_panels(instance)
    inf = highspy.kHighsInf
    n, m = instance.n, len(panels)
    fixed: dict[int, float] = {}

    def solve(objective_person: int | None, z_floor: float | None) -> float:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.addVars(m, np.zeros(m), np.full(m, inf))
        h.addVar(-inf, inf)  # z
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
        if objective_person is None:
            h.changeColCost(m, 1.0)
        else:
            h.changeColBounds(m, z_floor, z_floor)
        for i in range(n):
            cols = [j for j, p in enumerate(panels) if i in p]
            if objective_person == i:
                for j in cols:
                    h.changeColCost(j, 1.0)
            if i in fixed:
                h.addRow(fixed[i] - 1e-9, inf, len(cols), np.array(cols, dtype=np.int32), np.ones(len(cols)))
            else:
                values = np.append(np.ones(len(cols)), -1.0)
                h.addRow(0.0, inf, len(cols) + 1, np.array(cols + [m], dtype=np.int32), values)
        h.run()
        return float(h.getInfo().objective_function_value)

    while len(fixed) < n:
        z = solve(None, None)
        stuck = [i for i in range(n) if i not in fixed and solve(i, z - 1e-9) <= z + 1e-7]
        for i in stuck or [i for i in range(n) if i not in fixed]:
            fixed[i] = z
    return np.array([fixed[i] for i in range(n)])
