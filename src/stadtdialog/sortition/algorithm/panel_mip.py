"""The panel MIP over respondent *types* (identical feature values).

Integer c_t in [0, n_t] per type t, one row per quota and the row sum(c) = k. Pricing maximises
sum_t w_t c_t. One HiGHS model is built once and reused: pricing changes only the objective,
feasibility checks and replacements change only bounds.
"""

from __future__ import annotations

from collections.abc import Sequence

import highspy
import numpy as np

from .errors import SolverError
from .model import Instance

MIP_REL_GAP = 1e-9


def silent_highs() -> highspy.Highs:
    """A HiGHS instance that prints nothing."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


class Types:
    """Respondents grouped by their tuple of feature values."""

    def __init__(self, instance: Instance):
        groups: dict[tuple[int, ...], list[int]] = {}
        for i, quotas in enumerate(instance.quotas_of):
            groups.setdefault(tuple(sorted(quotas)), []).append(i)
        self.quotas = list(groups)  # quota indices of each type
        self.members = [np.array(m, dtype=np.int64) for m in groups.values()]
        self.count = np.array([len(m) for m in self.members], dtype=np.int64)
        self.of = np.zeros(instance.n, dtype=np.int64)
        for t, members in enumerate(self.members):
            self.of[members] = t

    def __len__(self) -> int:
        return len(self.members)

    def average(self, values: np.ndarray) -> np.ndarray:
        """Mean of a per-respondent vector within each type, as a per-type vector."""
        return np.bincount(self.of, weights=values, minlength=len(self)) / self.count


class PanelMip:
    """Max-weight panel (as counts per type) subject to all quotas."""

    def __init__(self, instance: Instance, types: Types | None = None):
        self.instance = instance
        self.types = types or Types(instance)
        nt = len(self.types)
        self.size = nt
        self.quota_rows = len(instance.quotas)
        starts, index = [0], []
        for quotas in self.types.quotas:
            index.extend(quotas)
            index.append(self.quota_rows)
            starts.append(len(index))
        lp = highspy.HighsLp()
        lp.num_col_ = nt
        lp.num_row_ = self.quota_rows + 1
        lp.col_cost_ = np.zeros(nt)
        lp.col_lower_ = np.zeros(nt)
        self.col_upper = self.types.count.astype(float)
        lp.col_upper_ = self.col_upper.copy()
        self.row_lower = np.array([q.min for q in instance.quotas] + [instance.k], dtype=float)
        self.row_upper = np.array([q.max for q in instance.quotas] + [instance.k], dtype=float)
        lp.row_lower_ = self.row_lower.copy()
        lp.row_upper_ = self.row_upper.copy()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.ones(len(index))
        lp.integrality_ = [highspy.HighsVarType.kInteger] * nt
        lp.sense_ = highspy.ObjSense.kMaximize
        self.highs = silent_highs()
        self.highs.setOptionValue("mip_rel_gap", MIP_REL_GAP)
        self.highs.setOptionValue("mip_abs_gap", 1e-12)
        self.highs.setOptionValue("mip_improving_solution_save", True)
        self.highs.passModel(lp)
        self._cols = np.arange(nt, dtype=np.int32)

    def solve(self, weights: Sequence[float] | np.ndarray) -> tuple[np.ndarray | None, float, float]:
        """Best counts per type for per-member ``weights`` of each type.

        Returns (counts or None if no panel exists, weight, the MIP's upper bound).
        """
        costs = np.asarray(weights, dtype=float)
        self.highs.changeColsCost(self.size, self._cols, costs)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None, float("-inf"), float("-inf")
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverError(f"Der MIP-Löser endete mit Status {self.highs.modelStatusToString(status)}.")
        counts = np.rint(np.asarray(self.highs.getSolution().col_value)).astype(np.int64)
        value = float(costs @ counts)
        bound = max(value, float(self.highs.getInfo().mip_dual_bound))
        return counts, value, bound

    def improving(self, weights: np.ndarray, limit: float) -> tuple[list[np.ndarray], bool]:
        """Panels worth more than ``limit`` (stops at the first), and whether none exists.

        ``limit`` is passed to HiGHS as cutoff (``objective_bound``: prune every node that
        cannot beat it) and as target (``objective_target``: stop at the first solution
        that does), so neither finding nor disproving needs an optimality proof.
        """
        costs = np.asarray(weights, dtype=float)
        h = self.highs
        h.changeColsCost(self.size, self._cols, costs)
        h.setOptionValue("objective_bound", limit)
        h.setOptionValue("objective_target", limit)
        try:
            h.run()
        finally:
            h.setOptionValue("objective_bound", highspy.kHighsInf)
            h.setOptionValue("objective_target", -highspy.kHighsInf)
        status = h.getModelStatus()
        ok = (
            highspy.HighsModelStatus.kOptimal,
            highspy.HighsModelStatus.kObjectiveTarget,
            highspy.HighsModelStatus.kObjectiveBound,
            highspy.HighsModelStatus.kInfeasible,
        )
        if status not in ok:
            raise SolverError(f"Der MIP-Löser endete mit Status {h.modelStatusToString(status)}.")
        found = [c for c in self.found() if c @ costs > limit]
        return found, not found

    def found(self) -> list[np.ndarray]:
        """All improving solutions (count vectors) the last :meth:`solve` came across."""
        return [np.rint(np.asarray(sol.col_value)).astype(np.int64) for sol in self.highs.getSavedMipSolutions()]

    def feasible(self) -> bool:
        """Is there any panel under the current bounds?"""
        counts, _, _ = self.solve(np.zeros(self.size))
        return counts is not None

    def set_quota_bounds(self, j: int, lower: float, upper: float) -> None:
        self.highs.changeRowBounds(j, lower, upper)

    def reset_quota_bounds(self) -> None:
        rows = np.arange(self.quota_rows + 1, dtype=np.int32)
        self.highs.changeRowsBounds(len(rows), rows, self.row_lower, self.row_upper)
