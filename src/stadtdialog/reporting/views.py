"""The public report /berichte/: figures of a year with filters, each table also as CSV."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import get_language

from stadtdialog.core.csv import safe_writer
from stadtdialog.core.forms import parse_query
from stadtdialog.core.pdf import render_pdf

from . import notices, queries
from .cache import cached
from .forms import ReportFilter


def _scope(request):
    data = parse_query(request.GET, ReportFilter)
    units = queries.all_units()
    return queries.scope_from(data, units), units


def _query_of(scope) -> str:
    values = {"jahr": scope.year}
    if scope.directorate:
        values["dezernat"] = scope.directorate.pk
    if scope.department:
        values["fachbereich"] = scope.department.pk
    if scope.district:
        values["stadtbezirk"] = scope.district.slug
    if scope.field:
        values["handlungsfeld"] = scope.field.slug
    return urlencode(values)


class RenderedSection:
    """A section of the report with its HTML already rendered (reporting/_rendered_section.html shows it): its name,
    title and HTML; its tables (the figures) are read from the cache only when asked for."""

    template = "reporting/_rendered_section.html"

    def __init__(self, scope, name: str, title: str, html: str) -> None:
        self.scope, self.name, self.title, self.html = scope, name, title, html

    @property
    def tables(self):
        return next(entry.tables for entry in queries.report(self.scope) if entry.name == self.name)


def rendered_sections(scope, query: str) -> list[RenderedSection]:
    """The report's sections for the scope with their HTML (tables and charts), kept in the cache under the same
    data version as the figures (reporting/cache.py) per scope and language: the figures do not change per request,
    and rendering them (about 70 KB of tables and SVG) and reading them back from the cache (their texts are lazy
    translations) were most of a cached page's CPU."""

    def render_all() -> list[tuple[str, str, str]]:
        return [
            (entry.name, str(entry.title), render_to_string(entry.template, {"section": entry, "query": query}))
            for entry in queries.report(scope)
        ]

    key = f"report-sections:{scope.key}:{scope.today.isoformat()}:{get_language()}"
    return [RenderedSection(scope, *parts) for parts in cached(key, render_all)]


def report(request):
    scope, units = _scope(request)
    query = _query_of(scope)
    return render(
        request,
        "reporting/report.html",
        {
            "scope": scope,
            "sections": rendered_sections(scope, query),
            "years": queries.years(),
            "query": query,
            "annual_report": queries.annual_report_file(scope.year),
            **queries.filter_choices(units),
        },
    )


def table_csv(request, key):
    scope, _units = _scope(request)
    table = queries.find_table(queries.report(scope), key)
    if table is None:
        raise Http404
    writer = safe_writer()
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in table.csv_rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bericht-{scope.year}-{key}.csv"'
    return response


def annual_report_pdf(request, year):
    """The annual report of the year as PDF, if it was made."""
    report = queries.annual_report_file(year)
    if report is None or not default_storage.exists(report.file_name):
        raise Http404
    return FileResponse(
        default_storage.open(report.file_name, "rb"),
        as_attachment=True,
        filename=f"jahresbericht-beteiligung-{year}.pdf",
        content_type="application/pdf",
    )


def notice_pdf(request, kind, pk, size):
    """The notice (Aushang) of a plan, process, event or report as PDF: A4 or A3 poster, or the A6 flyer."""
    if kind not in notices.KINDS or size not in notices.SIZES:
        raise Http404
    obj, make = notices.find(kind, pk, request.user)
    context = notices.notice_context(kind, obj, make, size, request.build_absolute_uri("/"))
    pdf = render_pdf("reporting/notice_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="aushang-{kind}-{pk}-{size}.pdf"'
    return response
