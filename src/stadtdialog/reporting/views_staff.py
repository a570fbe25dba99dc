"""Staff pages of reporting: the annual reports (made in the background, with their progress)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.rules import require
from stadtdialog.processes.models import Process

from . import queries, services
from .forms import AnnualReportRequest


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
