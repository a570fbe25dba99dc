"""What a report covers: a year and optionally a directorate, a department, a district, a field of action.

Every figure is counted from the objects' own recorded fields, never from a participant's current data,
so that the figures of a past year stay as they were ("frozen history", unlike CONSUL's statistics, which
count by the participants' current district and age and drift whenever an account changes or goes):

- the year of an object is its own date (a contribution's submission, a phase's start, a decision's
  publication …), in the city's time zone;
- the unit of anything is the lead department of its plan (`Plan.lead_unit`) and that unit's directorate;
- the district of a contribution is the district of the quarter recorded with it when it was submitted,
  else the districts of its plan; the district of an event is the event's own district, else its plan's;
- accounts are never read: a contribution, comment or registration of a deleted account stays counted
  (contributions and comments keep their rows, registrations of past events keep their status).
"""

import datetime
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit
from stadtdialog.plans.models import Plan


@dataclass(frozen=True)
class ReportScope:
    year: int
    directorate: OrgUnit | None = None
    department: OrgUnit | None = None
    district: District | None = None
    field: FieldOfAction | None = None
    units: tuple[OrgUnit, ...] = ()  # every unit (for the subtree of a directorate or department), one query
    as_of: datetime.date | None = None  # "today" for overdue milestones; None: the current day

    # --- identity -------------------------------------------------------------------------------------------
    @property
    def key(self) -> str:
        parts = [self.year, *(obj.pk if obj else "-" for obj in self.filters())]
        return ":".join(str(part) for part in parts)

    def filters(self) -> tuple:
        return (self.directorate, self.department, self.district, self.field)

    @property
    def has_plan_filter(self) -> bool:
        return any(self.filters())

    def previous(self) -> "ReportScope":
        return ReportScope(
            self.year - 1, self.directorate, self.department, self.district, self.field, self.units, self.as_of
        )

    @property
    def today(self) -> datetime.date:
        return self.as_of or timezone.localdate()

    # --- time -----------------------------------------------------------------------------------------------
    @cached_property
    def start(self) -> datetime.datetime:
        return datetime.datetime(self.year, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @cached_property
    def end(self) -> datetime.datetime:
        return datetime.datetime(self.year + 1, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def in_year(self, name: str) -> Q:
        """The field (a date-time) lies in the year."""
        return Q(**{f"{name}__gte": self.start, f"{name}__lt": self.end})

    def in_year_dates(self, name: str) -> Q:
        """The field (a date) lies in the year."""
        return Q(**{f"{name}__gte": self.first_day, f"{name}__lte": self.last_day})

    # --- the organisation -------------------------------------------------------------------------------------
    @cached_property
    def _children(self) -> dict[int | None, list[OrgUnit]]:
        children: dict[int | None, list[OrgUnit]] = {}
        for unit in self.units:
            children.setdefault(unit.parent_id, []).append(unit)
        return children

    def subtree_ids(self, unit: OrgUnit) -> set[int]:
        ids, todo = set(), [unit.pk]
        while todo:
            current = todo.pop()
            if current in ids:
                continue
            ids.add(current)
            todo.extend(child.pk for child in self._children.get(current, []))
        return ids

    @cached_property
    def _by_id(self) -> dict[int, OrgUnit]:
        return {unit.pk: unit for unit in self.units}

    def department_of(self, unit_id: int | None) -> OrgUnit | None:
        """The unit's department (itself, or the nearest department above it), else the unit itself."""
        unit = self._by_id.get(unit_id)
        first = unit
        seen = set()
        while unit is not None and unit.pk not in seen:
            if unit.kind == OrgUnit.Kind.DEPARTMENT:
                return unit
            seen.add(unit.pk)
            unit = self._by_id.get(unit.parent_id)
        return first

    def departments(self) -> list[OrgUnit]:
        """The departments (not dissolved) inside the directorate and department filters, by short name."""
        found = [unit for unit in self.units if unit.kind == OrgUnit.Kind.DEPARTMENT and unit.dissolved_at is None]
        for unit in (self.directorate, self.department):
            if unit is not None:
                ids = self.subtree_ids(unit)
                found = [department for department in found if department.pk in ids]
        return sorted(found, key=lambda unit: (unit.short_name, unit.pk))

    # --- plans ------------------------------------------------------------------------------------------------
    def plans(self) -> QuerySet[Plan]:
        """The published plans of the directorate, department, district and field of action (any year)."""
        plans = Plan.objects.published()
        for unit in (self.directorate, self.department):
            if unit is not None:
                plans = plans.filter(lead_unit__in=sorted(self.subtree_ids(unit)))
        if self.district is not None:
            plans = plans.filter(pk__in=Plan.districts.through.objects.filter(district=self.district).values("plan"))
        if self.field is not None:
            plans = plans.filter(
                pk__in=Plan.fields_of_action.through.objects.filter(fieldofaction=self.field).values("plan")
            )
        return plans

    def plan_q(self, path: str) -> Q:
        """Objects whose plan (reached by `path`, e.g. "process__plan") is one of the scope's published plans."""
        if not self.has_plan_filter:
            return Q(**{f"{path}__published_at__isnull": False})
        return Q(**{f"{path}__in": self.plans().values("pk")})

    def plan_q_without_district(self, path: str) -> Q:
        """Like plan_q, without the district: for objects that carry a district of their own."""
        scope = ReportScope(self.year, self.directorate, self.department, None, self.field, self.units, self.as_of)
        return scope.plan_q(path)

    def public_process_q(self, path: str = "process") -> Q:
        """The object's process is published and belongs to one of the scope's plans."""
        return Q(**{f"{path}__published_at__isnull": False}) & self.plan_q(f"{path}__plan")

    def contribution_q(self, path: str = "") -> Q:
        """Contributions (reached by `path`) of the scope: the district is the one recorded with the
        contribution (its quarter), else its plan's."""
        prefix = f"{path}__" if path else ""
        base = Q(**{f"{prefix}process__published_at__isnull": False})
        if self.district is None:
            return base & self.plan_q(f"{prefix}process__plan")
        recorded = Q(**{f"{prefix}quarter__district": self.district})
        by_plan = Q(**{f"{prefix}quarter__isnull": True}) & self.plan_q(f"{prefix}process__plan")
        return base & self.plan_q_without_district(f"{prefix}process__plan") & (recorded | by_plan)
