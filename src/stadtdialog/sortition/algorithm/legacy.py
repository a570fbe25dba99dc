"""LEGACY: the greedy method the Sortition Foundation used before LEXIMIN.

Repeatedly take the quota value with the highest ratio of remaining minimum need to remaining
candidates, pick a random remaining person with that value, and drop everyone whose value has
reached its maximum. A draw that runs into a dead end is restarted.
"""

from __future__ import annotations

import random

import numpy as np

from .errors import InfeasibleQuotas
from .model import Instance, Panel, satisfies_quotas

MAX_ATTEMPTS = 1000


def _attempt(instance: Instance, rng: random.Random) -> Panel | None:
    quotas = instance.quotas
    selected_count = [0] * len(quotas)
    remaining = set(range(instance.n))
    pool_count = [len(m) for m in instance.quota_members]
    panel: set[int] = set()

    def remove(i: int) -> None:
        remaining.discard(i)
        for j in instance.quotas_of[i]:
            pool_count[j] -= 1

    for _ in range(instance.k):
        best, best_ratio = [], -float("inf")
        for j, q in enumerate(quotas):
            if pool_count[j] == 0:
                if selected_count[j] < q.min:
                    return None
                continue
            ratio = (q.min - selected_count[j]) / pool_count[j]
            if ratio > best_ratio:
                best, best_ratio = [j], ratio
            elif ratio == best_ratio:
                best.append(j)
        if not best:
            return None
        j = rng.choice(best)
        candidates = sorted(i for i in instance.quota_members[j] if i in remaining)
        person = rng.choice(candidates)
        panel.add(person)
        remove(person)
        for jj in instance.quotas_of[person]:
            selected_count[jj] += 1
            if selected_count[jj] == quotas[jj].max:
                for other in [i for i in instance.quota_members[jj] if i in remaining]:
                    remove(other)
        for jj, q in enumerate(quotas):
            if pool_count[jj] < q.min - selected_count[jj]:
                return None
    result = frozenset(panel)
    return result if satisfies_quotas(instance, result) else None


def legacy_draw(instance: Instance, rng: random.Random) -> Panel:
    """One LEGACY panel; raises InfeasibleQuotas if every attempt dead-ends."""
    for _ in range(MAX_ATTEMPTS):
        panel = _attempt(instance, rng)
        if panel is not None:
            return panel
    raise InfeasibleQuotas(f"Das Legacy-Verfahren fand nach {MAX_ATTEMPTS} Versuchen kein gültiges Panel.")


def estimate_legacy_probabilities(instance: Instance, runs: int, seed: int) -> np.ndarray:
    """Monte Carlo estimate of each respondent's selection probability under LEGACY."""
    rng = random.Random(seed)
    hits = np.zeros(instance.n)
    for _ in range(runs):
        hits[list(legacy_draw(instance, rng))] += 1
    return hits / runs
