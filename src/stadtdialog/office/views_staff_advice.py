"""Staff pages of the office's advice services (issue 15): consultation requests (/verwaltung/beratung/…: the
department asks and follows its requests, the coordination office handles them and sees its workload) and the
management of the work aids (/verwaltung/arbeitshilfen/…)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require

from . import queries_advice
from .forms_advice import (
    ConsultationRequestForm,
    HandlingForm,
    NewWorkAidForm,
    NoteForm,
    WorkAidForm,
    WorkAidVersionForm,
    WorkloadQuery,
)
from .models_advice import ConsultationRequest, WorkAid
from .services import advice as services
from .views import site_root

# --- consultation requests -----------------------------------------------------------------------------------


def _visible_request(request, pk) -> ConsultationRequest:
    consultation = get_object_or_404(ConsultationRequest.objects.select_related(*queries_advice.REQUEST_RELATED), pk=pk)
    if not request.user.has_perm("office.view_consultation", consultation):
        raise Http404
    return consultation


@login_required
def advice_list(request):
    """The requests of the user's department (all of them for the coordination office)."""
    require(request.user, "office.access_advice")
    requests = list(queries_advice.requests_for(request.user)[:300])
    return render(request, "office/advice/list.html", {"requests": requests})


@login_required
@require_http_methods(["GET", "POST"])
def advice_new(request):
    require(request.user, "office.request_consultation")
    form = ConsultationRequestForm(request.POST or None, user=request.user)
    consultation = run_service(
        request,
        form,
        lambda: services.request_consultation(request.user, **form.service_data(), base_url=site_root(request)),
        _("Your request has been sent to the coordination office."),
    )
    if consultation:
        return redirect("office:advice_detail", pk=consultation.pk)
    return render(request, "office/advice/new.html", {"form": form})


@login_required
def advice_detail(request, pk):
    """A request as the department sees it: topic, text, status, advisor, reason; the office also sees its notes
    and the handling form's link."""
    require(request.user, "office.access_advice")
    consultation = _visible_request(request, pk)
    manages = request.user.has_perm("office.manage_consultations")
    notes = list(consultation.notes.select_related("author")) if manages else []
    return render(
        request, "office/advice/detail.html", {"consultation": consultation, "manages": manages, "notes": notes}
    )


@login_required
@require_http_methods(["GET", "POST"])
def advice_handle(request, pk):
    """The office's handling: advisor, status, reason, linked process (versioned), and the internal notes."""
    require(request.user, "office.manage_consultations")
    consultation = _visible_request(request, pk)
    action = request.POST.get("action", "handle") if request.method == "POST" else None
    initial = {
        "advisor": consultation.advisor_id,
        "status": consultation.status,
        "decline_reason": consultation.decline_reason,
        "process": consultation.process_id,
    }
    form = HandlingForm(request.POST if action == "handle" else None, initial=initial, version_of=consultation)
    note_form = NoteForm(request.POST if action == "note" else None)
    if action == "handle" and run_service(
        request,
        form,
        lambda: services.handle_consultation(
            request.user,
            ConsultationRequest.objects.get(pk=consultation.pk),
            version=form.version,
            base_url=site_root(request),
            **form.service_data(),
        ),
        _("The request is saved."),
    ):
        return redirect("office:advice_handle", pk=consultation.pk)
    if action == "note" and run_service(
        request,
        note_form,
        lambda: services.add_consultation_note(request.user, consultation, note_form.cleaned_data["text"]),
        _("The note is saved."),
    ):
        return redirect("office:advice_handle", pk=consultation.pk)
    notes = list(consultation.notes.select_related("author"))
    return render(
        request,
        "office/advice/handle.html",
        {"consultation": consultation, "form": form, "note_form": note_form, "notes": notes},
    )


@login_required
def advice_overview(request):
    """The office's workload: open requests per advisor and status, and the work list oldest first."""
    require(request.user, "office.manage_consultations")
    data = parse_query(request.GET, WorkloadQuery)
    advisors = list(services.advisors())
    return render(
        request,
        "office/advice/overview.html",
        {
            "workload": queries_advice.workload(),
            "counts": queries_advice.status_counts(),
            "requests": list(queries_advice.open_requests(data.get("berater"), data.get("status", ""))[:300]),
            "advisors": advisors,
            "advisor_id": data.get("berater"),
            "status": data.get("status", ""),
            "statuses": ConsultationRequest.Status.choices,
        },
    )


# --- work aids ----------------------------------------------------------------------------------------------


def _manage_aids(request):
    require(request.user, "office.manage_work_aids")


@login_required
def staff_work_aids(request):
    _manage_aids(request)
    aids = list(WorkAid.objects.select_related("current_version").order_by("title", "id"))
    return render(request, "office/advice/staff_work_aids.html", {"aids": aids})


@login_required
@require_http_methods(["GET", "POST"])
def staff_work_aid_create(request):
    _manage_aids(request)
    form = NewWorkAidForm(request.POST or None, request.FILES or None)
    aid = run_service(
        request,
        form,
        lambda: services.create_work_aid(request.user, **form.service_data()),
        _("The work aid is saved."),
    )
    if aid:
        return redirect("office:staff_work_aids")
    return render(request, "office/advice/staff_work_aid_form.html", {"form": form, "aid": None})


@login_required
@require_http_methods(["GET", "POST"])
def staff_work_aid_edit(request, pk):
    _manage_aids(request)
    aid = get_object_or_404(WorkAid, pk=pk)
    form = WorkAidForm(request.POST or None, instance=aid)
    if run_service(
        request,
        form,
        lambda: services.update_work_aid(
            request.user, WorkAid.objects.get(pk=aid.pk), version=form.version, **form.service_data()
        ),
        _("The work aid is saved."),
    ):
        return redirect("office:staff_work_aids")
    versions = list(aid.versions.order_by("-number"))
    return render(request, "office/advice/staff_work_aid_form.html", {"form": form, "aid": aid, "versions": versions})


@login_required
@require_http_methods(["GET", "POST"])
def staff_work_aid_version(request, pk):
    _manage_aids(request)
    aid = get_object_or_404(WorkAid, pk=pk)
    form = WorkAidVersionForm(request.POST or None, request.FILES or None)
    if run_service(
        request,
        form,
        lambda: services.add_work_aid_version(request.user, aid, **form.service_data()),
        _("The new version is saved; the old versions stay."),
    ):
        return redirect("office:staff_work_aid_edit", pk=aid.pk)
    return render(request, "office/advice/staff_work_aid_version.html", {"form": form, "aid": aid})
