"""LEXIMIN selection (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021).

Finds the distribution over quota-satisfying panels that maximises the smallest selection
probability, then the second smallest, and so on. Each stage solves

    max z  s.t.  sum_P x_P = 1,  p_i(x) >= z (i unfixed),  p_i(x) >= pi_i (i fixed)

by column generation; its dual is min yhat - sum_fixed pi_i y_i with sum_unfixed y_i = 1,
sum_{i in P} y_i <= yhat for every panel P, y >= 0. When no panel beats yhat, every unfixed
agent with y_i > 0 is fixed at z (complementary slackness) and the next stage starts.

Speed-ups, all exact: respondents with identical features ("types") have the same LEXIMIN
probability, so pricing uses the dual averaged within each type (still dual feasible with the
same objective once certified, see ``_certify``) and a small MIP over type counts; each priced
type vector enters as several concrete panels (the best for the current duals and rotations
through the type's members). The restricted LP is one persistent HiGHS model; panels enter as
columns, so every solve is warm-started.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from .errors import SolverError
from .feasibility import check_feasibility
from .model import Instance, Panel
from .expand import expand_type_panels
from .panel_mip import PanelMip, Types, silent_highs

PRICE_EPS = 1e-8  # a panel must beat yhat by this much to count as improving
FIX_EPS = 1e-7  # per-member dual weight above which a type counts as tight
FIX_SLACK = 1e-9  # fixed probabilities are stored this much lower, to stay feasible
LP_TOL = 1e-9
SMOOTHING = 0.5  # weight of the stabilisation centre when pricing


@dataclass
class Distribution:
    """A lottery over panels and the resulting selection probability of each respondent."""

    panels: list[Panel]
    probabilities: np.ndarray
    marginals: np.ndarray
    stats: dict = field(default_factory=dict)


class _RestrictedLp:
    """Dual LP of a stage, restricted to the known panels.

    Columns y_0..y_{n-1} >= 0 (one per type) and yhat (free); row 0 is sum_unfixed y_t = 1,
    then one row sum_t (c_t / n_t) y_t - yhat <= 0 per type-count vector c. Minimise yhat - sum_fixed pi_i y_i. Panels enter as
    rows, which keeps the basis dual feasible, so the dual simplex restarts where it stopped.
    The panel weights x_P are the duals of the panel rows.
    """

    def __init__(self, n: int):
        self.n = n
        h = self.highs = silent_highs()
        h.setOptionValue("primal_feasibility_tolerance", LP_TOL)
        h.setOptionValue("dual_feasibility_tolerance", LP_TOL)
        h.setOptionValue("presolve", "off")  # keep the basis between solves
        inf = highspy.kHighsInf
        lower = np.zeros(n + 1)
        lower[n] = -inf
        h.addVars(n + 1, lower, np.full(n + 1, inf))
        costs = np.zeros(n + 1)
        costs[n] = 1.0
        h.changeColsCost(n + 1, np.arange(n + 1, dtype=np.int32), costs)
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        h.addRow(1.0, 1.0, n, np.arange(n, dtype=np.int32), np.ones(n))
        self.columns = 0

    def add_panel(self, index: np.ndarray, shares: np.ndarray) -> None:
        """Add the row sum_t shares_t y_t <= yhat."""
        idx = np.append(index, self.n).astype(np.int32)
        values = np.append(shares, -1.0)
        self.highs.addRow(-highspy.kHighsInf, 0.0, len(idx), idx, values)
        self.columns += 1

    def fix(self, t: int, probability: float) -> None:
        self.highs.changeCoeff(0, t, 0.0)
        self.highs.changeColCost(t, -probability)

    def solve(self) -> tuple[float, np.ndarray, np.ndarray, float]:
        """Return (objective z, agent weights y, panel weights x, yhat)."""
        h = self.highs
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverError(f"Das LP endete mit Status {h.modelStatusToString(status)}.")
        solution = h.getSolution()
        values = np.asarray(solution.col_value)
        x = np.abs(np.asarray(solution.row_dual)[1:])
        z = float(h.getInfo().objective_function_value)
        return z, np.clip(values[: self.n], 0.0, None), x, float(values[self.n])


def find_leximin(
    instance: Instance, *, seed: int = 0, log: Callable[[str], None] | None = None
) -> Distribution:
    """Compute the LEXIMIN distribution; raises InfeasibleQuotas if no panel exists."""
    started = time.perf_counter()
    types = Types(instance)
    mip = PanelMip(instance, types)
    check_feasibility(instance, mip)
    nt = len(types)
    size = types.count.astype(float)
    rng = random.Random(seed)
    lp = _RestrictedLp(nt)
    known: dict[bytes, int] = {}
    vectors: list[np.ndarray] = []  # type-count vectors in LP row order

    def add(counts: np.ndarray) -> bool:
        key = counts.tobytes()
        if key in known:
            return False
        known[key] = len(vectors)
        vectors.append(counts)
        used = np.flatnonzero(counts)
        lp.add_panel(used, counts[used] / size[used])
        return True

    fixed = np.zeros(nt, dtype=bool)
    level = np.zeros(nt)
    stats = {"stages": 0, "lp_solves": 0, "mip_solves": 0, "lp_seconds": 0.0, "mip_seconds": 0.0}
    # Initial columns: cover every type that can sit on a panel; the rest is fixed at 0.
    uncovered = np.ones(nt, dtype=bool)
    while uncovered.any():
        weights = np.array([rng.random() * 1e-3 for _ in range(nt)]) + uncovered
        counts, _, _ = mip.solve(weights / size)
        stats["mip_solves"] += 1
        if not (counts[uncovered] > 0).any():
            break
        uncovered &= counts == 0
        add(counts)
    for t in np.flatnonzero(uncovered):
        fixed[t] = True
        lp.fix(int(t), 0.0)

    x = np.zeros(0)
    while not fixed.all():
        stats["stages"] += 1
        center, center_bound = None, np.inf  # stabilisation centre (Wentges smoothing)
        exact_next = False
        while True:
            t0 = time.perf_counter()
            z, u, x, yhat = lp.solve()
            t1 = time.perf_counter()
            stats["lp_seconds"] += t1 - t0
            stats["lp_solves"] += 1
            # Price at a point between the LP duals and the best duals so far; this cuts the
            # zig-zagging of plain column generation. Certification always uses u itself.
            smooth = not exact_next and center is not None and center_bound - z > 1e-6
            prices = SMOOTHING * center + (1 - SMOOTHING) * u if smooth else u
            counts, value, bound = mip.solve(prices / size)
            stats["mip_seconds"] += time.perf_counter() - t1
            stats["mip_solves"] += 1
            lagrange = bound - float(level[fixed] @ prices[fixed])  # upper bound on z*
            if lagrange < center_bound:
                center, center_bound = prices, lagrange
            added = 0
            for candidate in mip.found():
                if (candidate / size) @ u > yhat + PRICE_EPS:
                    added += add(candidate)
            if not smooth and (bound <= yhat + PRICE_EPS or added == 0):
                break
            exact_next = smooth and added == 0  # mispricing: price at u itself next time
        tight = np.flatnonzero(~fixed & (u > FIX_EPS))
        if len(tight) == 0:
            tight = np.flatnonzero(~fixed)
        for t in tight:
            fixed[t] = True
            level[t] = max(0.0, z - FIX_SLACK)
            lp.fix(int(t), level[t])
        if log:
            log(f"Stufe {stats['stages']}: z={z:.6f}, {len(tight)} Typen festgelegt, "
                f"{int(fixed.sum())}/{nt}, {lp.columns} Typ-Panels, "
                f"{time.perf_counter() - started:.1f}s (LP {stats['lp_seconds']:.1f}s, "
                f"MIP {stats['mip_seconds']:.1f}s, {stats['mip_solves']} MIPs)")
    weights = np.clip(x, 0.0, None)
    keep = np.flatnonzero(weights > 1e-12)
    weights = weights[keep] / weights[keep].sum()
    panels, probabilities = expand_type_panels(types, [vectors[j] for j in keep], weights)
    stats["seconds"] = time.perf_counter() - started
    stats["type_panels"] = len(keep)
    stats["panels"] = len(panels)
    n = instance.n
    return Distribution(panels, probabilities, marginals(n, panels, probabilities), stats)


def marginals(n: int, panels: list[Panel], probabilities: np.ndarray) -> np.ndarray:
    """Selection probability of each respondent under the distribution."""
    result = np.zeros(n)
    for panel, p in zip(panels, probabilities):
        result[list(panel)] += p
    return result
