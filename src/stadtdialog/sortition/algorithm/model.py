"""Plain data model: respondents, quotas and a selection instance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from .errors import InputIssue, InvalidInput

Panel = frozenset[int]
"""A panel: the set of respondent indices (positions in ``Instance.respondents``)."""


@dataclass(frozen=True)
class Respondent:
    """A person from the pool (stage two): an id and one value per feature."""

    id: str
    features: Mapping[str, str]


@dataclass(frozen=True)
class Quota:
    """At least ``min`` and at most ``max`` panel members with ``feature == value``."""

    feature: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        return f"{self.feature}={self.value}"


@dataclass(frozen=True)
class Instance:
    """A selection problem: pick ``k`` of ``respondents`` such that all quotas hold.

    Every respondent has exactly one value per feature, and every value occurs in a quota
    (the categories file lists all values of a feature). Build it with :func:`make_instance`
    to get the validation.
    """

    respondents: tuple[Respondent, ...]
    quotas: tuple[Quota, ...]
    k: int

    @property
    def n(self) -> int:
        return len(self.respondents)

    @cached_property
    def features(self) -> tuple[str, ...]:
        """Feature names in the order of first appearance among the quotas."""
        return tuple(dict.fromkeys(q.feature for q in self.quotas))

    @cached_property
    def quota_members(self) -> tuple[tuple[int, ...], ...]:
        """For each quota (same order), the indices of the respondents it counts."""
        index = {(q.feature, q.value): j for j, q in enumerate(self.quotas)}
        members: list[list[int]] = [[] for _ in self.quotas]
        for i, person in enumerate(self.respondents):
            for feature in self.features:
                members[index[(feature, person.features[feature])]].append(i)
        return tuple(tuple(m) for m in members)

    @cached_property
    def quotas_of(self) -> tuple[tuple[int, ...], ...]:
        """For each respondent, the indices of the quotas that count them."""
        result: list[list[int]] = [[] for _ in self.respondents]
        for j, members in enumerate(self.quota_members):
            for i in members:
                result[i].append(j)
        return tuple(tuple(r) for r in result)

    def quotas_by_feature(self) -> dict[str, list[int]]:
        """Quota indices grouped by feature."""
        groups: dict[str, list[int]] = {}
        for j, q in enumerate(self.quotas):
            groups.setdefault(q.feature, []).append(j)
        return groups


def panel_violations(instance: Instance, panel: Iterable[int]) -> list[str]:
    """Return a German description of every quota the panel breaks (empty if it is valid)."""
    members = list(panel)
    problems = []
    if len(set(members)) != len(members):
        problems.append("Das Panel enthält eine Person mehrfach.")
    if len(set(members)) != instance.k:
        problems.append(f"Das Panel hat {len(set(members))} statt {instance.k} Mitglieder.")
    counts = [0] * len(instance.quotas)
    for i in set(members):
        for j in instance.quotas_of[i]:
            counts[j] += 1
    for q, c in zip(instance.quotas, counts):
        if not q.min <= c <= q.max:
            problems.append(f"Quote {q.label}: {c} Mitglieder, erlaubt {q.min} bis {q.max}.")
    return problems


def satisfies_quotas(instance: Instance, panel: Iterable[int]) -> bool:
    """True if the panel has k distinct members and meets every quota."""
    return not panel_violations(instance, panel)


def make_instance(respondents: Iterable[Respondent], quotas: Iterable[Quota], k: int) -> Instance:
    """Validate respondents and quotas and build an :class:`Instance`.

    Raises :class:`InvalidInput` listing every problem (no line numbers: for files use
    :mod:`.csvio`, which reports lines).
    """
    respondents = tuple(respondents)
    quotas = tuple(quotas)
    issues = validate_quotas(quotas, k)
    values: dict[str, set[str]] = {}
    for q in quotas:
        values.setdefault(q.feature, set()).add(q.value)
    seen: set[str] = set()
    for person in respondents:
        if person.id in seen:
            issues.append(InputIssue(f"doppelte Kennung '{person.id}'", column="id"))
        seen.add(person.id)
        for feature, allowed in values.items():
            value = person.features.get(feature)
            if value is None:
                issues.append(InputIssue(f"Person '{person.id}' hat keinen Wert", column=feature))
            elif value not in allowed:
                issues.append(InputIssue(f"Person '{person.id}': unbekannter Wert '{value}'", column=feature))
    if issues:
        raise InvalidInput(issues)
    return Instance(respondents, quotas, k)


def validate_quotas(quotas: tuple[Quota, ...], k: int, lines: list[int] | None = None) -> list[InputIssue]:
    """Check the quotas among themselves and against k; ``lines`` gives each quota's line."""
    issues: list[InputIssue] = []
    line_of = (lambda j: lines[j]) if lines else (lambda j: None)
    if k < 1:
        issues.append(InputIssue(f"Die Panelgröße k muss mindestens 1 sein, nicht {k}."))
    if not quotas:
        issues.append(InputIssue("Es sind keine Quoten angegeben."))
    seen: dict[tuple[str, str], int] = {}
    by_feature: dict[str, list[int]] = {}
    for j, q in enumerate(quotas):
        if q.min < 0:
            issues.append(InputIssue(f"Minimum {q.min} ist negativ", line_of(j), "min"))
        if q.min > q.max:
            issues.append(InputIssue(f"Minimum {q.min} ist größer als Maximum {q.max}", line_of(j), "max"))
        key = (q.feature, q.value)
        if key in seen:
            where = f" (bereits in Zeile {line_of(seen[key])})" if lines else ""
            issues.append(InputIssue(f"Wert '{q.value}' doppelt angegeben{where}", line_of(j), "feature"))
        else:
            seen[key] = j
        by_feature.setdefault(q.feature, []).append(j)
    for feature, group in by_feature.items():
        rows = [line_of(j) for j in group]
        where = f" (Zeilen {', '.join(map(str, rows))})" if lines else ""
        total_min = sum(quotas[j].min for j in group)
        total_max = sum(quotas[j].max for j in group)
        if total_min > k:
            issues.append(
                InputIssue(
                    f"Merkmal '{feature}': die Minima ergeben zusammen {total_min}, mehr als die Panelgröße {k}{where}",
                    column="min" if lines else None,
                )
            )
        if total_max < k:
            issues.append(
                InputIssue(
                    f"Merkmal '{feature}': die Maxima ergeben zusammen nur {total_max}, "
                    f"weniger als die Panelgröße {k}{where}",
                    column="max" if lines else None,
                )
            )
    return issues
