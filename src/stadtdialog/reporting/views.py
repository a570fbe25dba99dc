"""The public report /berichte/: figures of a year with filters, each table also as CSV."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from stadtdialog.core.csv import safe_writer
from stadtdialog.core.forms import parse_query
from stadtdialog.core.pdf import render_pdf

from . import notices, queries
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


def report(request):
    scope, units = _scope(request)
    return render(
        request,
        "reporting/report.html",
        {
            "scope": scope,
            "sections": queries.report(scope),
            "years": queries.years(),
            "query": _query_of(scope),
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
