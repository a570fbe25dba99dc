"""The sections of the public report: one registry, a section per app.

A section is a named function that turns a `ReportScope` (year, directorate, department, district, field of
action) into a list of `tables.Table`, plus the template that shows them. The report page, its CSV files and
the annual report PDF all read the same sections, so a figure is counted in one place only::

    from stadtdialog.reporting.registry import register

    register(
        "concerns",                       # the section's name: anchor on the page, part of the CSV address
        title=_("Residents' concerns"),
        figures=concern_figures,          # figures(scope) -> list[Table]; a constant number of queries
        template="reporting/_section.html",
        models=["districts.Concern"],     # a save or delete of these makes the cached report stale
        order=120,
    )

The built-in sections (plans, processes, events, dialog, reports, outcomes, evaluation, sortition) are
registered in `sections.py`, loaded by `ReportingConfig.ready()`; the apps that come later (districts,
office) register theirs in the same way from `reporting/sections_<app>.py`, so that the reporting app keeps
reading them and they never import reporting.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_TEMPLATE = "reporting/_section.html"


@dataclass(frozen=True)
class ReportSection:
    name: str
    title: str
    figures: Callable
    template: str = DEFAULT_TEMPLATE
    models: tuple[str, ...] = field(default_factory=tuple)
    order: int = 100


_SECTIONS: dict[str, ReportSection] = {}


def register(
    name: str,
    *,
    title,
    figures: Callable,
    template: str = DEFAULT_TEMPLATE,
    models: list[str] | tuple[str, ...] = (),
    order: int = 100,
) -> None:
    """Add a section to the report; a second registration of the same name replaces the first."""
    _SECTIONS[name] = ReportSection(name, title, figures, template, tuple(models), order)


def sections() -> list[ReportSection]:
    """The registered sections in their order."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.name))


def section(name: str) -> ReportSection | None:
    return _SECTIONS.get(name)


def watched_models() -> set[str]:
    """The "app_label.Model" names whose changes make the cached figures stale."""
    return {model for entry in _SECTIONS.values() for model in entry.models}
