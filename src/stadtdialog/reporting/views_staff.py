"""Staff pages of reporting: the annual reports (made in the background, with their progress)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import add_service_errors, parse_query
from stadtdialog.core.pdf import render_pdf
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.organisation.queries import current_city
from stadtdialog.processes.models import Process
from stadtdialog.sortition.storage import private_storage

from . import annual_plan as annual_plan_queries
from . import letters, queries, services
from .forms import AnnualPlanEntryForm, AnnualPlanOutcomeForm, AnnualReportRequest, LettersForm, QuarterQuery
from .models import PENDING, AnnualPlanEntry, LetterRun


@login_required
@require_http_methods(["GET", "POST"])
def annual_reports(request):
    require(request.user, "reporting.make_annual_report")
    form = AnnualReportRequest(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_annual_report(request.user, form.cleaned_data["year"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The annual report %(year)s is being made.") % {"year": form.cleaned_data["year"]}
            )
        return redirect(f"{reverse('reporting:staff_annual')}#year-{form.cleaned_data['year']}")
    rows = queries.annual_reports()
    return render(
        request,
        "reporting/staff_annual.html",
        {"rows": rows, "form": form, "pending": any(report and report.pending for _year, report in rows)},
    )


@login_required
def process_notices(request, process_pk):
    """The notices of a process, its plan, its events and its reports, for its staff to print."""
    process = get_object_or_404(Process.objects.select_related("plan"), pk=process_pk)
    require(request.user, "processes.change_process", process)
    return render(request, "reporting/staff_notices.html", {"process": process, **queries.notices_of(process)})


# --- the annual plan ----------------------------------------------------------------------------------------------


def _year(request) -> int:
    return parse_query(request.GET, QuarterQuery).get("jahr") or timezone.localdate().year + 1


@login_required
def annual_plan(request):
    require(request.user, "reporting.view_annual_plan")
    year = _year(request)
    return render(
        request,
        "reporting/staff_annual_plan.html",
        {
            "year": year,
            "groups": annual_plan_queries.by_directorate(annual_plan_queries.entries(year)),
            "quarters": range(1, 5),
            "may_add": request.user.has_perm("reporting.add_annual_plan_entry"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_plan_entry_create(request):
    require(request.user, "reporting.add_annual_plan_entry")
    units = annual_plan_queries.units_for(request.user)
    form = AnnualPlanEntryForm(request.POST or None, units=units, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in services.ENTRY_FIELDS}
        try:
            entry = services.add_annual_plan_entry(request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was added to the annual plan %(year)s.") % {"year": entry.year})
            return redirect(f"{reverse('reporting:staff_annual_plan')}?jahr={entry.year}")
    return render(request, "reporting/staff_plan_entry_form.html", {"form": form, "entry": None})


@login_required
@require_http_methods(["GET", "POST"])
def annual_plan_entry(request, pk):
    entry = get_object_or_404(AnnualPlanEntry.objects.select_related("org_unit", "plan"), pk=pk)
    require(request.user, "reporting.change_annual_plan_entry", entry)
    units = annual_plan_queries.units_for(request.user) | OrgUnit.objects.filter(pk=entry.org_unit_id)
    is_outcome = request.method == "POST" and "outcome" in request.POST
    form = AnnualPlanEntryForm(
        request.POST if request.method == "POST" and not is_outcome else None, instance=entry, units=units.distinct()
    )
    outcome_form = AnnualPlanOutcomeForm(
        request.POST if is_outcome else None,
        entry=entry,
        initial={"outcome": entry.outcome, "outcome_reason": entry.outcome_reason, "process": entry.process},
        version_of=entry,
    )
    bound = outcome_form if is_outcome else form
    if request.method == "POST" and bound.is_valid():
        try:
            if is_outcome:
                data = outcome_form.cleaned_data
                services.record_annual_plan_outcome(
                    request.user,
                    entry,
                    version=outcome_form.version,
                    outcome=data["outcome"],
                    outcome_reason=data.get("outcome_reason") or "",
                    process=data.get("process"),
                )
            else:
                data = {name: form.cleaned_data.get(name) for name in services.ENTRY_FIELDS}
                services.change_annual_plan_entry(request.user, entry, version=form.version, **data)
        except ValidationError as error:
            add_service_errors(bound, error)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect(f"{reverse('reporting:staff_annual_plan')}?jahr={entry.year}#entry-{entry.pk}")
    return render(
        request, "reporting/staff_plan_entry_form.html", {"form": form, "outcome_form": outcome_form, "entry": entry}
    )


def _quarter_context(year: int, quarter: int) -> dict:
    return {"year": year, "quarter": quarter, "committees": annual_plan_queries.quarter_preparation(year, quarter)}


@login_required
def annual_plan_quarter(request, year, quarter):
    require(request.user, "reporting.view_annual_plan")
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise Http404
    return render(request, "reporting/staff_annual_plan_quarter.html", _quarter_context(year, quarter))


@login_required
def annual_plan_quarter_pdf(request, year, quarter):
    require(request.user, "reporting.view_annual_plan")
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise Http404
    city = current_city()
    context = {**_quarter_context(year, quarter), "CITY": city, "CITY_NAME": city.name}
    response = HttpResponse(render_pdf("reporting/annual_plan_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jahresplanung-{year}-q{quarter}.pdf"'
    return response


@login_required
def annual_plan_review(request, year):
    require(request.user, "reporting.view_annual_plan")
    if not 2000 <= year <= 2100:
        raise Http404
    return render(
        request, "reporting/staff_annual_plan_review.html", {"year": year, **annual_plan_queries.review(year)}
    )


# --- letters ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def process_letters(request, process_pk):
    """Letters to a process's target groups: upload the addresses, the PDF is made in the background."""
    process = get_object_or_404(Process.objects.select_related("plan"), pk=process_pk)
    require(request.user, "processes.change_process", process)
    services.forget_old_letters()
    form = LettersForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        addresses, errors = letters.parse_addresses(form.cleaned_data["addresses"].read())
        for error in errors:
            form.add_error("addresses", error)
        if not errors:
            services.request_letters(
                request.user, process, addresses=letters.to_json(addresses), greeting=form.cleaned_data["greeting"]
            )
            messages.success(request, _("The letters are being made."))
            return redirect("reporting:staff_letters", process_pk=process.pk)
    runs = list(LetterRun.objects.filter(process=process)[:10])
    return render(
        request,
        "reporting/staff_letters.html",
        {"process": process, "form": form, "runs": runs, "pending": any(run.status in PENDING for run in runs)},
    )


@login_required
def letters_pdf(request, process_pk, pk):
    process = get_object_or_404(Process, pk=process_pk)
    require(request.user, "processes.change_process", process)
    run = get_object_or_404(LetterRun, pk=pk, process=process)
    storage = private_storage()
    if not run.file_name or not storage.exists(run.file_name):
        raise Http404
    return FileResponse(
        storage.open(run.file_name, "rb"),
        as_attachment=True,
        filename=f"anschreiben-{run.pk}.pdf",
        content_type="application/pdf",
    )
