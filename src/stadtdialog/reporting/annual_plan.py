"""Reads of the annual plan (Jahresplanung): the entries of a year by directorate, the quarterly preparation per
committee and directorate, and planned versus done at the end of the year. Constant queries: the entries with
their plan and unit in one query, the unit tree in one more."""

from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.organisation.queries import active_units

from .models import AnnualPlanEntry


@dataclass
class Group:
    label: str
    entries: list = field(default_factory=list)
    subgroups: list = field(default_factory=list)

    @property
    def budget(self):
        return sum((entry.budget or 0) for entry in self.entries)


def units_for(user) -> QuerySet[OrgUnit]:
    """The units the user may plan for: every active unit for city-wide staff, else their own (and below)."""
    units = active_units().exclude(kind=OrgUnit.Kind.DIRECTORATE)
    return units if is_city_wide_staff(user) else units.filter(pk__in=sorted(unit_ids_of(user)))


def _directorates() -> dict[int, OrgUnit | None]:
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}
    found = {}
    for unit in units.values():
        current, seen = unit, set()
        while current is not None and current.kind != OrgUnit.Kind.DIRECTORATE and current.pk not in seen:
            seen.add(current.pk)
            current = units.get(current.parent_id)
        found[unit.pk] = current
    return found


def entries(year: int) -> list[AnnualPlanEntry]:
    return list(AnnualPlanEntry.objects.filter(year=year).select_related("org_unit", "plan", "process"))


def by_directorate(items: list[AnnualPlanEntry]) -> list[Group]:
    directorates = _directorates()
    groups: dict[int, Group] = {}
    for entry in items:
        directorate = directorates.get(entry.org_unit_id)
        key = directorate.pk if directorate else 0
        label = f"{directorate.short_name} {directorate.name}" if directorate else "–"
        groups.setdefault(key, Group(label)).entries.append(entry)
    for group in groups.values():
        group.entries.sort(key=lambda entry: (entry.quarter, entry.org_unit.short_name, entry.pk))
    return sorted(groups.values(), key=lambda group: group.label)


def quarter_preparation(year: int, quarter: int) -> list[Group]:
    """The entries of the quarter and the rest of the year, per committee and, inside, per directorate."""
    items = [entry for entry in entries(year) if entry.quarter >= quarter]
    committees: dict[str, list] = {}
    for entry in items:
        committees.setdefault(entry.committee.strip(), []).append(entry)
    return [Group(name, entries, subgroups=by_directorate(entries)) for name, entries in sorted(committees.items())]


def review(year: int) -> dict:
    """Planned versus done: counts per directorate and outcome, and the entries not done with their reasons."""
    items = entries(year)
    outcomes = [value for value, _label in AnnualPlanEntry.Outcome.choices]
    rows = []
    for group in by_directorate(items):
        counts = [sum(1 for entry in group.entries if entry.outcome == value) for value in outcomes]
        rows.append([group.label, len(group.entries), *counts])
    totals = ["", len(items), *(sum(1 for entry in items if entry.outcome == value) for value in outcomes)]
    budget = AnnualPlanEntry.objects.filter(year=year).aggregate(total=Sum("budget"))["total"]
    return {
        "rows": rows,
        "totals": totals,
        "outcomes": AnnualPlanEntry.Outcome.choices,
        "not_done": [entry for entry in items if entry.outcome != AnnualPlanEntry.Outcome.DONE],
        "budget": budget,
    }
