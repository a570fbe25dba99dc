"""Staff pages of the initiatives: list, review (state, linked process) and assignment to a department."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.processes.models import Process

from . import queries, services
from .forms import AssignForm, LinkProcessForm, StateForm
from .models import Initiative


@login_required
def staff_list(request):
    require(request.user, "initiatives.access_staff")
    state = request.GET.get("stand", "offen")
    page = Paginator(queries.staff_list(request.user, state), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/staff_list.html",
        {
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "state": state,
            "states": Initiative.State.choices,
            "may_assign": request.user.has_perm("initiatives.assign"),
        },
    )


def _linkable_processes(user, initiative):
    processes = Process.objects.select_related("plan").order_by("-created_at", "-id")
    if is_city_wide_staff(user):
        if initiative.department_id:
            processes = processes.filter(plan__lead_unit_id__in=OrgUnit.descendant_ids({initiative.department_id}))
        return processes
    return processes.filter(plan__lead_unit_id__in=unit_ids_of(user))


@login_required
@require_http_methods(["GET", "POST"])
def staff_review(request, pk):
    """Change the public state (with a reason for a decline) and link the process of an accepted initiative."""
    initiative = queries.initiative_for_page(pk)
    require(request.user, "initiatives.review", initiative)
    processes = _linkable_processes(request.user, initiative)
    action = request.POST.get("action", "state")
    data = request.POST if request.method == "POST" else None
    state_form = StateForm(
        data if action == "state" else None, states=services.allowed_states(initiative), processes=processes
    )
    link_form = LinkProcessForm(
        data if action == "link" else None,
        processes=processes,
        initial={"process": initiative.process_id},
        version_of=initiative,
    )
    form = state_form if action == "state" else link_form

    def save():
        data = form.cleaned_data
        if action == "link":
            return services.link_process(request.user, initiative, data["process"], version=form.version)
        return services.change_state(request.user, initiative, data["state"], data["reason"], data["process"])

    if run_service(request, form, save, _("The initiative has been updated; the change is public.")):
        return redirect("initiatives:staff_review", pk=initiative.pk)
    return render(
        request,
        "initiatives/staff_review.html",
        {
            "initiative": initiative,
            "steps": initiative.steps.all(),
            "state_form": state_form,
            "link_form": link_form,
            "may_assign": request.user.has_perm("initiatives.assign"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_assign(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("department"), pk=pk)
    require(request.user, "initiatives.assign", initiative)
    form = AssignForm(request.POST or None, initial={"department": initiative.department_id}, version_of=initiative)
    if run_service(
        request,
        form,
        lambda: services.assign_department(
            request.user, initiative, form.cleaned_data["department"], version=form.version
        ),
        _("The responsible department has been set."),
    ):
        return redirect("initiatives:staff_list")
    return render(request, "initiatives/staff_assign.html", {"initiative": initiative, "form": form})
