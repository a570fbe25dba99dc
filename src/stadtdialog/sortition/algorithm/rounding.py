"""Write a target vector of expected seat counts per type as a lottery over real panels, by
iterative rounding (a constructive Carathéodory decomposition).

Let r be the point still to be written (at first the target) and B the box
floor(r) <= c <= ceil(r). Each step takes one panel c inside B that meets every quota with
equality where r does (one small MIP: only bounds change, the objective prefers rounding each
type to its nearer end), and splits

    r = (λ c + r') / (1 + λ),   r' = r + λ (r - c),

with the largest λ that keeps r' inside the quotas and inside B. So c gets the share
λ / (1 + λ) of the mass still open, and r' sits on a smaller face than r: one more type count
is whole or one more quota is met exactly. Every step ends the walk or shrinks the face, so there
are at most (types + quotas + 1) steps; in practice the open mass falls geometrically and the
walk stops once it is below ``OPEN_MASS`` (the weights are then scaled to sum to one, which moves
each expected count by at most that mass times its size).

The result is checked, not trusted: the expected counts of the lottery must match the target to
``DONE`` in total. If a step finds no panel (r' left the convex hull of the panels, which the box
and the quotas alone cannot see), the caller falls back to column generation (:mod:`.decompose`),
starting from the panels found here.
"""

from __future__ import annotations

import random

import highspy
import numpy as np

from .model import Instance
from .panel_mip import PanelMip, Types

DONE = 1e-7  # total deviation of the expected counts from the target (sum over types)
OPEN_MASS = 1e-10  # the walk stops when less than this probability is still to be placed
INTEGRAL = 1e-7  # a count this close to a whole number is whole; a quota this close is met
STEP_EPS = 1e-12
MIP_GAP = 1e-2  # the objective only steers the choice; any panel in the face is correct


class _Walk:
    def __init__(self, instance: Instance, types: Types):
        nt, q = len(types), len(instance.quotas)
        self.mip = PanelMip(instance, types)
        self.mip.highs.setOptionValue("mip_rel_gap", MIP_GAP)
        self.membership = np.zeros((q + 1, nt))  # quota rows, then the row "all seats"
        for t, quotas in enumerate(types.quotas):
            self.membership[list(quotas), t] = 1.0
        self.membership[q] = 1.0
        self.lower, self.upper = self.mip.row_lower, self.mip.row_upper
        self.columns = np.arange(nt, dtype=np.int32)
        self.rows = np.arange(q + 1, dtype=np.int32)

    def panel_in_face(self, r, whole, low, high, at_min, at_max, noise) -> np.ndarray | None:
        """A panel inside the box [low, high] that meets the quotas r meets exactly."""
        h, nt, rows = self.mip.highs, len(r), len(self.rows)
        h.changeColsBounds(nt, self.columns, low, high)
        h.changeRowsBounds(
            rows, self.rows, np.where(at_max, self.upper, self.lower), np.where(at_min, self.lower, self.upper)
        )
        h.changeColsCost(nt, self.columns, np.where(whole, 0.0, r - low - 0.5 + noise))
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.rint(np.asarray(h.getSolution().col_value))


def round_to_panels(
    instance: Instance, types: Types, target: np.ndarray, rng: random.Random, stats: dict
) -> tuple[list[np.ndarray], np.ndarray, bool]:
    """Panels (count vectors) and weights whose expected counts equal ``target``.

    Returns (panels, weights, exact). When ``exact`` is False the panels are only a start for
    column generation.
    """
    walk = _Walk(instance, types)
    noise_source = np.random.default_rng(rng.randrange(2**32))
    member = walk.membership
    r = np.asarray(target, dtype=float).copy()
    open_mass = 1.0
    panels: list[np.ndarray] = []
    weights: list[float] = []
    for _ in range(len(types) + len(walk.rows) + 2):
        stats["rounding_steps"] = stats.get("rounding_steps", 0) + 1
        near = np.rint(r)
        whole = np.abs(r - near) <= INTEGRAL
        if whole.all():
            panels.append(near.astype(np.int64))
            weights.append(open_mass)
            break
        if open_mass < OPEN_MASS:
            break
        r = np.where(whole, near, r)
        low, high = np.where(whole, near, np.floor(r)), np.where(whole, near, np.ceil(r))
        filled = member @ r
        at_min, at_max = filled <= walk.lower + INTEGRAL, filled >= walk.upper - INTEGRAL
        noise = noise_source.random(len(r)) * 1e-3  # different panels for equal fractions
        c = walk.panel_in_face(r, whole, low, high, at_min, at_max, noise)
        if c is None:
            return panels, np.array(weights), False
        step = _largest_step(r, c, whole, low, high, filled, member, walk, at_min | at_max)
        if step is None:  # r is the panel c itself
            panels.append(c.astype(np.int64))
            weights.append(open_mass)
            break
        if step <= STEP_EPS:
            return panels, np.array(weights), False
        panels.append(c.astype(np.int64))
        weights.append(open_mass * step / (1.0 + step))
        open_mass /= 1.0 + step
        r = np.clip(r + step * (r - c), low, high)
    w = np.array(weights)
    w /= w.sum()
    deviation = float(np.abs(w @ np.array(panels, dtype=float) - target).sum())
    stats["rounding_deviation"] = deviation
    return panels, w, deviation <= DONE


def _largest_step(r, c, whole, low, high, filled, member, walk, tight) -> float | None:
    """The largest λ with r + λ (r - c) inside the box and the quotas; None if r == c."""
    d = np.where(whole, 0.0, r - c)
    moved = member @ d
    moved[tight] = 0.0  # met exactly by r and c alike; what is left is rounding noise
    ratios = []
    for delta, room_up, room_down in ((d, high - r, r - low), (moved, walk.upper - filled, filled - walk.lower)):
        up, down = delta > STEP_EPS, delta < -STEP_EPS
        ratios.extend((room_up[up] / delta[up]).tolist())
        ratios.extend((room_down[down] / -delta[down]).tolist())
    if not ratios:
        return None
    return max(0.0, min(ratios))
