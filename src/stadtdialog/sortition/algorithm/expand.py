"""Turn a lottery over type-count vectors into a lottery over concrete panels.

Within one type-count vector c (weight w), every type t with 0 < c_t < n_t shares its c_t
seats equally among its n_t members by McNaughton's wrap-around rule: at moment x in [0, 1),
seat m (0 <= m < c_t) is held by member floor((m + x) n_t / c_t), so at any moment c_t distinct
members sit, and each member sits for exactly c_t / n_t of the time. The holders change only
at multiples of 1 / d_t with d_t = n_t / gcd(c_t, n_t). Cutting w at every moment where some type
changes holders gives concrete panels whose weights add up to w; every member of type t gets
exactly w c_t / n_t. All cut points are exact: integers over the common denominator of the d_t.
"""

from __future__ import annotations

from math import gcd, lcm

import numpy as np

from .model import Panel


def _holders(members: np.ndarray, c: int, n: int, d: int) -> list[np.ndarray]:
    """The c members who sit during each of the d pieces [a/d, (a+1)/d) of the unit interval."""
    seats = np.arange(c, dtype=np.int64)
    # member of seat m in the middle of piece a: floor((m + (2a+1)/(2d)) n / c), in integers
    return [members[((2 * d * seats + 2 * a + 1) * n) // (2 * d * c)] for a in range(d)]


def expand_type_panels(types, vectors: list[np.ndarray], weights: np.ndarray) -> tuple[list[Panel], np.ndarray]:
    """Concrete panels and probabilities with exactly the same per-person marginals."""
    result: dict[Panel, float] = {}
    sizes = types.count
    for counts, weight in zip(vectors, weights):
        always: list[np.ndarray] = []
        shared = []  # (pieces d, holders per piece)
        for t in np.flatnonzero(counts):
            c, n = int(counts[t]), int(sizes[t])
            if c == n:
                always.append(types.members[t])
            else:
                d = n // gcd(c, n)
                shared.append((d, _holders(types.members[t], c, n, d)))
        common = lcm(*(d for d, _ in shared)) if shared else 1
        cuts = sorted({a * (common // d) for d, _ in shared for a in range(d)} | {0, common})
        fixed = np.concatenate(always) if always else np.zeros(0, dtype=np.int64)
        for start, end in zip(cuts, cuts[1:]):
            parts = [fixed] + [holders[start * d // common] for d, holders in shared]
            key = frozenset(np.concatenate(parts).tolist())
            result[key] = result.get(key, 0.0) + float(weight) * (end - start) / common
    panels = list(result)
    return panels, np.array([result[p] for p in panels])
