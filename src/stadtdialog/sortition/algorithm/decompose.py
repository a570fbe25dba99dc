"""Write a target vector of expected seat counts per type as a lottery over real panels.

Column generation on  min sum_t s_t  s.t.  sum_P x_P c_P + s >= target,  sum_P x_P = 1,
x, s >= 0. Every panel has k seats and the target sums to k, so objective 0 means the panels
reproduce the target exactly. The restricted problem is kept as its dual (one persistent
HiGHS model; panels enter as rows, so the dual simplex restarts where it stopped):

    max target . y - yhat   s.t.  c_P . y <= yhat for every known panel P,  0 <= y <= 1.

Pricing looks for a panel with c . y > yhat (:mod:`.pricing`). If none exists while the
objective is still positive, the target is not a lottery over panels and we return None.
"""

from __future__ import annotations

import random

import highspy
import numpy as np

from .errors import SolverError
from .panel_mip import silent_highs
from .pricing import Pricer

LP_TOL = 1e-9
DONE = 1e-7  # total seat deviation (sum over types) that counts as exact
STALL_ITERATIONS = 5000  # simplex iterations after which a solve counts as stalled
CLIMBS = 10  # hill climbs per iteration, from panels of the current solution


class _DualLp:
    def __init__(self, target: np.ndarray):
        n = self.n = len(target)
        h = self.highs = silent_highs()
        h.setOptionValue("primal_feasibility_tolerance", LP_TOL)
        h.setOptionValue("dual_feasibility_tolerance", LP_TOL)
        h.setOptionValue("presolve", "off")  # keep the basis between solves
        lower, upper = np.zeros(n + 1), np.ones(n + 1)
        lower[n], upper[n] = -highspy.kHighsInf, highspy.kHighsInf
        h.addVars(n + 1, lower, upper)
        h.changeColsCost(n + 1, np.arange(n + 1, dtype=np.int32), np.append(target, -1.0))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def add_panel(self, counts: np.ndarray) -> None:
        used = np.flatnonzero(counts)
        idx = np.append(used, self.n).astype(np.int32)
        values = np.append(counts[used].astype(float), -1.0)
        self.highs.addRow(-highspy.kHighsInf, 0.0, len(idx), idx, values)

    def solve(self) -> tuple[float, np.ndarray, float, np.ndarray]:
        """Return (objective, y, yhat, panel weights x)."""
        h = self.highs
        h.setOptionValue("simplex_iteration_limit", STALL_ITERATIONS)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kIterationLimit:
            # The warm dual simplex can stall on this degenerate LP: solve it afresh with the
            # interior point method (its crossover gives a basis to warm-start from again).
            h.clearSolver()
            h.setOptionValue("simplex_iteration_limit", 2**31 - 1)
            h.setOptionValue("solver", "ipm")
            h.run()
            h.setOptionValue("solver", "choose")
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            status = h.modelStatusToString(h.getModelStatus())
            raise SolverError(f"Das LP endete mit Status {status}.")
        solution = h.getSolution()
        values = np.asarray(solution.col_value)
        x = np.abs(np.asarray(solution.row_dual))
        objective = float(h.getInfo().objective_function_value)
        return objective, np.clip(values[: self.n], 0.0, 1.0), float(values[self.n]), x


def decompose(
    pricer: Pricer,
    target: np.ndarray,
    initial: list[np.ndarray],
    rng: random.Random,
    stats: dict,
) -> tuple[list[np.ndarray], np.ndarray] | None:
    """Panels (count vectors) and weights whose expected counts equal ``target``, or None."""
    lp = _DualLp(target)
    known: set[bytes] = set()
    vectors: list[np.ndarray] = []

    def add(counts: np.ndarray) -> int:
        key = counts.tobytes()
        if key in known:
            return 0
        known.add(key)
        vectors.append(counts)
        lp.add_panel(counts)
        return 1

    for counts in initial:
        add(counts)
    while True:
        objective, y, yhat, x = lp.solve()
        stats["lp_solves"] += 1
        if objective <= DONE:
            break
        basis = np.flatnonzero(x > 1e-12)
        starts = [vectors[j] for j in rng.sample(list(basis), min(CLIMBS, len(basis)))]
        found, none = pricer.improving(y, yhat, starts)
        if not sum(add(c) for c in found):
            return None  # not a lottery over panels (or stalled on tolerances): caller falls back
    weights = np.clip(x, 0.0, None)
    keep = np.flatnonzero(weights > 1e-12)
    return [vectors[j] for j in keep], weights[keep] / weights[keep].sum()
