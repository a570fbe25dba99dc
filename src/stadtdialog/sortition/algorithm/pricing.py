"""Pricing for column generation: find panels (type-count vectors) with w . c > threshold.

Cheapest first: (1) the LP relaxation of the panel MIP, warm-started (about a millisecond); its
value bounds every panel, so if it is not above the threshold there is provably no improving
panel, and if its optimum happens to be integral it is the best panel. (2) Hill climbing by
swaps (:mod:`.swaps`) from panels the caller suggests. (3) Only if both fail, the exact MIP,
which either finds improving panels or proves there are none.
"""

from __future__ import annotations

import highspy
import numpy as np

from .model import Instance
from .panel_mip import PanelMip, Types
from .swaps import SwapSearch

PRICE_EPS = 1e-8
INTEGRAL_TOL = 1e-9


class Pricer:
    def __init__(self, instance: Instance, types: Types, mip: PanelMip):
        self.mip = mip
        nt = len(types)
        self.relaxation = PanelMip(instance, types)
        kinds = np.array([highspy.HighsVarType.kContinuous] * nt)
        self.relaxation.highs.changeColsIntegrality(nt, np.arange(nt, dtype=np.int32), kinds)
        self.relaxation.highs.setOptionValue("presolve", "off")
        self.search = SwapSearch(instance, types)
        self.stats = {"relaxations": 0, "climbs": 0, "mip_solves": 0}

    def improving(
        self, weights: np.ndarray, threshold: float, starts: list[np.ndarray]
    ) -> tuple[list[np.ndarray], bool]:
        """Panels with weights . c > threshold, and whether none exists (proven)."""
        limit = threshold + PRICE_EPS
        self.stats["relaxations"] += 1
        counts, _, _ = self.relaxation.solve(weights)
        if counts is None:
            return [], True
        if self.relaxation.highs.getInfo().objective_function_value <= limit:
            return [], True
        found = []
        solution = np.asarray(self.relaxation.highs.getSolution().col_value)
        if np.abs(solution - counts).max() <= INTEGRAL_TOL and counts @ weights > limit:
            found.append(counts)
        for start in starts:
            self.stats["climbs"] += 1
            candidate = self.search.climb(start, weights)
            if candidate @ weights > limit:
                found.append(candidate)
        if found:
            return found, False
        self.stats["mip_solves"] += 1
        return self.mip.improving(weights, limit)
