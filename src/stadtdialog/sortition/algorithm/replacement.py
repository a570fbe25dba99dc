"""Replace a panel member who drops out, keeping every quota."""

from __future__ import annotations

import random
from collections.abc import Iterable

from .errors import NoReplacement
from .model import Instance, Panel, satisfies_quotas


def replacement_candidates(instance: Instance, panel: Panel, dropout: int, excluded: Iterable[int] = ()) -> list[int]:
    """Everyone outside the panel (and not excluded) who keeps all quotas when swapped in."""
    if dropout not in panel:
        raise ValueError(f"Person {dropout} gehört nicht zum Panel.")
    blocked = set(panel) | set(excluded)
    rest = panel - {dropout}
    return [i for i in range(instance.n) if i not in blocked and satisfies_quotas(instance, rest | {i})]


def pick_replacement(instance: Instance, panel: Panel, dropout: int, seed: int, excluded: Iterable[int] = ()) -> int:
    """A uniformly random valid replacement, reproducible from ``seed``."""
    candidates = replacement_candidates(instance, panel, dropout, excluded)
    if not candidates:
        person = instance.respondents[dropout]
        raise NoReplacement(
            f"Für '{person.id}' gibt es im restlichen Pool niemanden, mit dem alle Quoten erfüllt bleiben."
        )
    return random.Random(seed).choice(candidates)
