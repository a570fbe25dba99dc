"""LEXIMIN selection (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021).

Finds the distribution over quota-satisfying panels that maximises the smallest selection
probability, then the second smallest, and so on. Respondents with identical features
("types") get the same LEXIMIN probability, so everything works on seat counts per type.

Fast path (exact, and the rule on realistic pools): compute the leximin point of the LP
relaxation of the panel polytope (:mod:`.relaxed`, one small LP per stage) and write it as a
lottery over real panels: first by iterative rounding (:mod:`.rounding`, one small MIP per
step, about a hundred steps), and if that walk leaves the hull of the panels, by column
generation (:mod:`.decompose`). The relaxation contains every lottery, and the leximin point of
a convex set is unique, so if the decomposition succeeds it is the LEXIMIN.

Fallback, when the relaxed point is no lottery over panels: the textbook stages. Each solves

    max z  s.t.  sum_P x_P = 1,  p_t(x) >= z (t unfixed),  p_t(x) >= pi_t (t fixed)

by column generation on its dual, min yhat - sum_fixed pi_t y_t with sum_unfixed y_t = 1,
sum_t (c_t / n_t) y_t <= yhat for every panel P, y >= 0. When no panel beats yhat, every
unfixed type with y_t > 0 is fixed at z (complementary slackness) and the next stage starts.
Both paths price with :class:`.pricing.Pricer` (LP relaxation, swap hill climbing, MIP last).
The restricted LPs are persistent HiGHS models; panels enter as rows of the dual, so every
solve is warm-started.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from .decompose import decompose
from .errors import SolverError
from .expand import expand_type_panels
from .feasibility import check_feasibility
from .model import Instance, Panel
from .panel_mip import PanelMip, Types, silent_highs
from .pricing import Pricer
from .relaxed import relaxed_leximin
from .rounding import round_to_panels

FIX_EPS = 1e-7  # per-member dual weight above which a type counts as tight
FIX_SLACK = 1e-9  # fixed probabilities are stored this much lower, to stay feasible
LP_TOL = 1e-9
ROUNDINGS_PER_TYPE = 1
CLIMBS = 3  # hill climbs per iteration of the staged fallback


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
    then one row sum_t (c_t / n_t) y_t - yhat <= 0 per type-count vector c. Minimise
    yhat - sum_fixed pi_i y_i. Panels enter as rows, which keeps the basis dual feasible, so
    the dual simplex restarts where it stopped. The panel weights x_P are the duals of the panel rows.
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


def find_leximin(instance: Instance, *, seed: int = 0, log: Callable[[str], None] | None = None) -> Distribution:
    """Compute the LEXIMIN distribution; raises InfeasibleQuotas if no panel exists."""
    started = time.perf_counter()
    types = Types(instance)
    mip = PanelMip(instance, types)
    check_feasibility(instance, mip)
    rng = random.Random(seed)
    stats = {"lp_solves": 0, "stages": 0, "method": "rounding"}
    # Fast exact path: the leximin point of the relaxation, if it is a lottery over panels.
    target = relaxed_leximin(instance, types) * types.count
    found, weights, exact = round_to_panels(instance, types, target, rng, stats)
    if exact:
        result = found, weights
    else:
        stats["method"] = "relaxation"
        pricer = Pricer(instance, types, mip)
        initial = _covering_panels(types, mip, rng) + found
        for _ in range(ROUNDINGS_PER_TYPE * len(types)):  # start near the target
            counts = pricer.search.rounded(target, rng)
            if counts is not None:
                initial.append(counts)
        result = decompose(pricer, target, initial, rng, stats)
        if result is None:
            stats["method"] = "stages"
            result = _staged(types, pricer, initial, rng, stats, log, started)
        stats.update(pricer.stats)
    vectors, weights = result
    panels, probabilities = expand_type_panels(types, vectors, weights)
    stats["seconds"] = time.perf_counter() - started
    stats["type_panels"] = len(vectors)
    stats["panels"] = len(panels)
    if log:
        log(
            f"LEXIMIN ({stats['method']}): {len(vectors)} Typ-Panels, {stats['lp_solves']} LPs, "
            f"{stats.get('mip_solves', 0)} MIPs, {stats['seconds']:.1f}s"
        )
    per_type = (np.array(vectors, dtype=float).T @ np.asarray(weights)) / types.count
    return Distribution(panels, probabilities, per_type[types.of], stats)


def _covering_panels(types: Types, mip: PanelMip, rng: random.Random) -> list[np.ndarray]:
    """Panels that together seat every type that can sit on any panel at all."""
    nt = len(types)
    size = types.count.astype(float)
    panels: list[np.ndarray] = []
    uncovered = np.ones(nt, dtype=bool)
    while uncovered.any():
        weights = np.array([rng.random() * 1e-3 for _ in range(nt)]) + uncovered
        counts, _, _ = mip.solve(weights / size)
        if not (counts[uncovered] > 0).any():
            break
        uncovered &= counts == 0
        panels.append(counts)
    return panels


def _staged(types, pricer, initial, rng, stats, log, started):
    """The textbook LEXIMIN stages (Flanigan et al.), for pools where the relaxation fails."""
    nt = len(types)
    size = types.count.astype(float)
    lp = _RestrictedLp(nt)
    known: set[bytes] = set()
    vectors: list[np.ndarray] = []  # type-count vectors in LP row order

    def add(counts: np.ndarray) -> int:
        key = counts.tobytes()
        if key in known:
            return 0
        known.add(key)
        vectors.append(counts)
        used = np.flatnonzero(counts)
        lp.add_panel(used, counts[used] / size[used])
        return 1

    for counts in initial:
        add(counts)
    seated = np.zeros(nt, dtype=bool)
    for counts in initial:
        seated |= counts > 0
    fixed = ~seated  # types no panel can seat stay at probability 0
    level = np.zeros(nt)
    for t in np.flatnonzero(fixed):
        lp.fix(int(t), 0.0)
    x = np.zeros(0)
    while not fixed.all():
        stats["stages"] += 1
        while True:
            z, u, x, yhat = lp.solve()
            stats["lp_solves"] += 1
            basis = np.flatnonzero(x > 1e-12)
            starts = [vectors[j] for j in rng.sample(list(basis), min(CLIMBS, len(basis)))]
            found, none = pricer.improving(u / size, yhat, starts)
            if not sum(add(c) for c in found):
                break
        tight = np.flatnonzero(~fixed & (u > FIX_EPS))
        if len(tight) == 0:
            tight = np.flatnonzero(~fixed)
        for t in tight:
            fixed[t] = True
            level[t] = max(0.0, z - FIX_SLACK)
            lp.fix(int(t), level[t])
        if log:
            log(
                f"Stufe {stats['stages']}: z={z:.6f}, {len(tight)} Typen festgelegt, "
                f"{int(fixed.sum())}/{nt}, {len(vectors)} Typ-Panels, "
                f"{time.perf_counter() - started:.1f}s"
            )
    weights = np.clip(x, 0.0, None)
    keep = np.flatnonzero(weights > 1e-12)
    return [vectors[j] for j in keep], weights[keep] / weights[keep].sum()


def marginals(n: int, panels: list[Panel], probabilities: np.ndarray) -> np.ndarray:
    """Selection probability of each respondent under the distribution."""
    result = np.zeros(n)
    for panel, p in zip(panels, probabilities):
        result[list(panel)] += p
    return result
