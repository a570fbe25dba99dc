"""LEXIMIN over the LP relaxation of the panel polytope (fractional seat counts per type).

The expected seat counts of any lottery over panels lie in the convex hull P_I of the integer
points of P = {0 <= c_t <= n_t, quotas, sum c = k}. P contains P_I, so the leximin point of P
(computed here with one small LP per stage, no column generation) is at least as good as the
true LEXIMIN. If it can be written as a lottery over real panels (:mod:`.decompose`), it *is*
the LEXIMIN distribution, because the leximin point of a convex set is unique. On realistic
pools this is the rule: quotas are loose enough that P_I and P agree where it matters.
"""

from __future__ import annotations

import highspy
import numpy as np

from .errors import SolverError
from .model import Instance
from .panel_mip import Types, silent_highs

FIX_EPS = 1e-9  # dual value above which a type counts as tight
LP_TOL = 1e-10


def relaxed_leximin(instance: Instance, types: Types) -> np.ndarray:
    """Per-type selection probability of the leximin point of the relaxed polytope."""
    nt, q = len(types), len(instance.quotas)
    size = types.count.astype(float)
    inf = highspy.kHighsInf
    h = silent_highs()
    h.setOptionValue("primal_feasibility_tolerance", LP_TOL)
    h.setOptionValue("dual_feasibility_tolerance", LP_TOL)
    h.addVars(nt, np.zeros(nt), size)  # c_t
    h.addVar(-inf, inf)  # z
    h.changeColCost(nt, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    members: list[list[int]] = [[] for _ in range(q)]
    for t, quotas in enumerate(types.quotas):
        for j in quotas:
            members[j].append(t)
    for j, quota in enumerate(instance.quotas):
        idx = np.array(members[j], dtype=np.int32)
        h.addRow(quota.min, quota.max, len(idx), idx, np.ones(len(idx)))
    h.addRow(instance.k, instance.k, nt, np.arange(nt, dtype=np.int32), np.ones(nt))
    first = q + 1  # row first + t: c_t - n_t z >= 0, later c_t >= n_t * level_t
    for t in range(nt):
        h.addRow(0.0, inf, 2, np.array([t, nt], dtype=np.int32), np.array([1.0, -size[t]]))
    fixed = np.zeros(nt, dtype=bool)
    level = np.zeros(nt)
    while not fixed.all():
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise SolverError("Das relaxierte LP hat keine optimale Lösung.")
        z = min(1.0, float(h.getInfo().objective_function_value))
        dual = np.abs(np.asarray(h.getSolution().row_dual)[first:])
        tight = np.flatnonzero(~fixed & (dual > FIX_EPS))
        if len(tight) == 0:
            tight = np.flatnonzero(~fixed)
        for t in tight:
            fixed[t] = True
            level[t] = z
            h.changeCoeff(first + int(t), nt, 0.0)
            h.changeRowBounds(first + int(t), size[t] * z, inf)
    return level
