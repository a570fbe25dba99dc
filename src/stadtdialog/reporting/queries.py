"""Reads of the reporting app: the scope from the filters, the report's sections with their tables (cached),
the choices of the filter form."""

from dataclasses import dataclass

from django.db.models import Min, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from stadtdialog.events.models import Event
from stadtdialog.organisation.models import District, FieldOfAction, OrgUnit
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process
from stadtdialog.reports.models import Report

from . import registry
from .cache import cached
from .models import AnnualReport
from .scope import ReportScope
from .tables import Table

NOTICE_SIZES = [("a4", "A4"), ("a3", "A3"), ("flyer", "A6")]


@dataclass
class SectionFigures:
    name: str
    title: str
    template: str
    tables: list[Table]


def all_units() -> tuple[OrgUnit, ...]:
    return tuple(OrgUnit.objects.order_by("pk"))


def scope_from(data: dict, units: tuple[OrgUnit, ...] | None = None) -> ReportScope:
    """The scope of the parsed filter values (forms.ReportFilter); an unknown id or slug is ignored."""
    units = all_units() if units is None else units
    by_id = {unit.pk: unit for unit in units}
    directorate = by_id.get(data.get("dezernat"))
    department = by_id.get(data.get("fachbereich"))
    if directorate is not None and directorate.kind != OrgUnit.Kind.DIRECTORATE:
        directorate = None
    if department is not None and department.kind != OrgUnit.Kind.DEPARTMENT:
        department = None
    district = District.objects.filter(slug=data["stadtbezirk"]).first() if data.get("stadtbezirk") else None
    field = FieldOfAction.objects.filter(slug=data["handlungsfeld"]).first() if data.get("handlungsfeld") else None
    return ReportScope(
        year=data.get("jahr") or timezone.localdate().year,
        directorate=directorate,
        department=department,
        district=district,
        field=field,
        units=units,
    )


def compute(scope: ReportScope) -> list[SectionFigures]:
    """Every registered section's tables for the scope, uncached."""
    return [
        SectionFigures(entry.name, str(entry.title), entry.template, entry.figures(scope))
        for entry in registry.sections()
    ]


def report(scope: ReportScope) -> list[SectionFigures]:
    """The report's sections for the scope, from the cache while the data are unchanged."""
    return cached(f"report:{scope.key}:{scope.today.isoformat()}", lambda: compute(scope))


def find_table(sections: list[SectionFigures], key: str) -> Table | None:
    return next((table for entry in sections for table in entry.tables if table.key == key), None)


def first_year() -> int:
    """The year of the first published plan (the first year the report offers)."""

    def oldest() -> int:
        first = Plan.objects.published().aggregate(first=Min("published_at"))["first"]
        return timezone.localtime(first).year if first else timezone.localdate().year

    return cached("first-year", oldest)


def years() -> list[int]:
    """The years the report offers, newest first: from this year back to the first plan's, at least last year."""
    this_year = timezone.localdate().year
    return list(range(this_year, min(first_year(), this_year - 1) - 1, -1))


def filter_choices(units: tuple[OrgUnit, ...]) -> dict:
    active = [unit for unit in units if unit.dissolved_at is None]
    return {
        "directorates": sorted(
            (unit for unit in active if unit.kind == OrgUnit.Kind.DIRECTORATE), key=lambda unit: unit.short_name
        ),
        "departments": sorted(
            (unit for unit in active if unit.kind == OrgUnit.Kind.DEPARTMENT), key=lambda unit: unit.short_name
        ),
        "districts": list(District.objects.order_by("number")),
        "fields": list(FieldOfAction.objects.all()),
    }


def annual_reports() -> list[tuple[int, "AnnualReport | None"]]:
    """Every year the report offers, with its annual report (None when none was requested)."""
    reports = {report.year: report for report in AnnualReport.objects.all()}
    return [(year, reports.get(year)) for year in sorted(set(years()) | set(reports), reverse=True)]


def annual_report_file(year: int) -> AnnualReport | None:
    """The annual report of the year whose PDF there is."""
    return AnnualReport.objects.filter(year=year).exclude(file_name="").first()


def notices_of(process: Process) -> dict:
    """What a process's staff can print as notices: the process, its plan, its events and reports."""
    return {
        "events": list(Event.objects.filter(process=process).order_by("start", "pk")),
        "reports": list(Report.objects.filter(process=process).order_by("-published_at", "-pk")),
        "sizes": NOTICE_SIZES,
    }


def notice_events(process: Process) -> QuerySet[Event]:
    """The coming events of a process that get a notice beside the process's own (at most five)."""
    return Event.objects.published().upcoming().filter(process=process, cancelled_at__isnull=True).order_by("start")


def process_notice_section(request: HttpRequest, process: Process) -> dict | None:
    """The section "notices" of the public process page: the process's notice and those of its coming events
    (one query, and none when the process has no coming events: core.extensions asks `notice_events` together with
    the other sections and then renders the section with NOTICES_WITHOUT_EVENTS)."""
    if process is None or not process.pk or process.published_at is None:
        return None
    return {"notice_events": list(notice_events(process)[:5]), "sizes": NOTICE_SIZES}


NOTICES_WITHOUT_EVENTS = {"notice_events": [], "sizes": NOTICE_SIZES}
