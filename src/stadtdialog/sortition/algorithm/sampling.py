"""Stage one: draw the people who get an invitation letter (e.g. from the residents' register)."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")


def allocate(sizes: dict[Hashable, int], total: int) -> dict[Hashable, int]:
    """Proportional allocation of ``total`` to strata by the largest-remainder method.

    Ties in the remainder go to the larger stratum, then to the smaller key (as text).
    """
    population = sum(sizes.values())
    exact = {key: total * size / population for key, size in sizes.items()}
    result = {key: int(value) for key, value in exact.items()}
    order = sorted(sizes, key=lambda key: (-(exact[key] - result[key]), -sizes[key], str(key)))
    for key in order[: total - sum(result.values())]:
        result[key] += 1
    return result


def stage_one_sample(
    records: Sequence[T],
    size: int,
    seed: int,
    stratum: Callable[[T], Hashable] | None = None,
) -> list[T]:
    """A uniform random sample of ``size`` records, reproducible from the integer ``seed``.

    With ``stratum``, each stratum gets its proportional share (largest remainder) and is
    sampled uniformly; strata are processed in the order of their keys as text.
    """
    if not 0 <= size <= len(records):
        raise ValueError(f"Stichprobengröße {size} liegt nicht zwischen 0 und {len(records)}.")
    rng = random.Random(seed)
    if stratum is None:
        return rng.sample(list(records), size)
    groups: dict[Hashable, list[T]] = {}
    for record in records:
        groups.setdefault(stratum(record), []).append(record)
    shares = allocate({key: len(group) for key, group in groups.items()}, size)
    result: list[T] = []
    for key in sorted(groups, key=str):
        result.extend(rng.sample(groups[key], shares[key]))
    return result
