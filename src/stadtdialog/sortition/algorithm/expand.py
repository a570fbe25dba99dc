"""Turn a lottery over type-count vectors into a lottery over concrete panels.

Within one type-count vector c (weight w), every type t with 0 < c_t < n_t shares its c_t
seats equally among its n_t members by McNaughton's wrap-around rule: member r occupies the
stretch [r c_t, (r+1) c_t) of a line made of c_t "seats" of length n_t each, so at any moment
c_t distinct members sit, and each member sits for exactly c_t / n_t of the time. Cutting w at
every moment where some type changes seat holders gives concrete panels whose weights add up to
w; every member of type t gets exactly w c_t / n_t. All cut points are exact fractions.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import numpy as np

from .model import Panel


def _cuts(counts: np.ndarray, sizes: np.ndarray) -> list[Fraction]:
    denominators = {
        int(n // gcd(int(c), int(n))) for c, n in zip(counts, sizes) if 0 < c < n
    }
    points = {Fraction(0), Fraction(1)}
    for d in denominators:
        points.update(Fraction(a, d) for a in range(1, d))
    return sorted(points)


def expand_type_panels(
    types, vectors: list[np.ndarray], weights: np.ndarray
) -> tuple[list[Panel], np.ndarray]:
    """Concrete panels and probabilities with exactly the same per-person marginals."""
    result: dict[Panel, float] = {}
    sizes = types.count
    for counts, weight in zip(vectors, weights):
        cuts = _cuts(counts, sizes)
        always: list[int] = []
        shared = []
        for t in np.flatnonzero(counts):
            c, n = int(counts[t]), int(sizes[t])
            if c == n:
                always.extend(types.members[t].tolist())
            else:
                shared.append((c, n, types.members[t]))
        for start, end in zip(cuts, cuts[1:]):
            middle = (start + end) / 2
            panel = list(always)
            for c, n, members in shared:
                # seat m covers line positions [m n, (m+1) n); member r holds [r c, (r+1) c)
                panel.extend(int(members[int((m + middle) * n // c)]) for m in range(c))
            key = frozenset(panel)
            result[key] = result.get(key, 0.0) + float(weight) * float(end - start)
    panels = list(result)
    return panels, np.array([result[p] for p in panels])
