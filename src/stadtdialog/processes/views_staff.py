"""Staff pages for processes: create, edit the concept, publish; the old address of the history (core:history)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core import audit
from stadtdialog.core.confirm import Refusal, confirm_and_run
from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import StaleEdit
from stadtdialog.plans.models import Plan

from . import services
from .forms import (
    ConceptForm,
    GoalFormSet,
    PhaseFormSet,
    ProcessCreateForm,
    concept_initial,
    goals_initial,
    kept,
    phases_initial,
)
from .models import Process


def process_for_staff(pk):
    return get_object_or_404(
        Process.objects.select_related(
            "plan__lead_unit", "concept", "lead_contact__org_unit", "deputy__org_unit"
        ).prefetch_related("phases", "concept__goals"),
        pk=pk,
    )


@login_required
def staff_create(request, plan_pk):
    plan = get_object_or_404(Plan.objects.select_related("lead_unit"), pk=plan_pk)
    require(request.user, "processes.add_process", plan)
    form = ProcessCreateForm(request.POST or None)
    process = run_service(
        request,
        form,
        lambda: services.create_process(request.user, plan, **form.cleaned_data),
        _("The process has been created. Now fill in its participation concept."),
    )
    if process:
        return redirect("processes:staff_concept", pk=process.pk)
    return render(request, "processes/staff_create.html", {"plan": plan, "form": form})


def _detail_context(process, publish_errors=None):
    return {
        "process": process,
        "plan": process.plan,
        "missing": services.missing_part_items(process),
        "publish_errors": publish_errors or [],
        "versions": process.concept.versions.select_related("org_unit").order_by("-number")[:20],
        "concept_url": reverse("processes:staff_concept", args=[process.pk]),
    }


@login_required
def staff_detail(request, pk):
    process = process_for_staff(pk)
    require(request.user, "processes.change_process", process)
    return render(request, "processes/staff_detail.html", _detail_context(process))


def _confirm_process(request, process, **kwargs):
    return confirm_and_run(
        request,
        obj=process,
        back_url=reverse("processes:staff_detail", args=[process.pk]),
        breadcrumbs="plans/_staff_breadcrumbs.html",
        context={"plan": process.plan, "process": process},
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_publish(request, pk):
    """GET shows what publishing means (and what is missing); POST publishes if the concept is complete,
    or shows the process page with the missing parts."""
    process = process_for_staff(pk)
    require(request.user, "processes.publish_process", process)
    concept_url = reverse("processes:staff_concept", args=[process.pk])
    missing = [(f"{concept_url}#{anchor}", label) for anchor, label in services.missing_part_items(process)]
    return _confirm_process(
        request,
        process,
        service=lambda: services.publish_process(request.user, process),
        title=_("Publish process"),
        question=_("The concept becomes public as version 1. After that, every saved change makes a new version."),
        button=_("Publish now"),
        done_message=_("The process and its concept are published (version 1)."),
        refusal=Refusal(
            title=_("The process cannot be published yet. These parts of the concept are missing:"),
            items=missing,
            note=_("Nothing has been published."),
            html_id="missing-parts",
        ),
        on_error=lambda error: render(
            request,
            "processes/staff_detail.html",
            _detail_context(process, publish_errors=services.missing_part_items(process)),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_unpublish(request, pk):
    process = process_for_staff(pk)
    require(request.user, "processes.publish_process", process)
    return _confirm_process(
        request,
        process,
        service=lambda: services.unpublish_process(request.user, process),
        title=_("Take process back from the public"),
        question=_("The process and its concept will no longer be shown publicly. Its versions are kept."),
        button=_("Take back"),
        done_message=_("The process is no longer public."),
    )


@login_required
def staff_concept(request, pk):
    """The whole concept on one page: texts, goals, phases, budget, contacts, groups.

    "Save" stores a draft as it is; "Save and publish" also publishes, or lists what is still missing.
    """
    process = process_for_staff(pk)
    require(request.user, "processes.change_process", process)
    data = request.POST if request.method == "POST" else None
    form = ConceptForm(data, process=process, initial=concept_initial(process), version_of=process)
    goals = GoalFormSet(data, prefix="goals", initial=goals_initial(process))
    phases = PhaseFormSet(data, prefix="phases", initial=phases_initial(process))
    service_errors, missing = {}, []
    if request.method == "POST" and all([form.is_valid(), goals.is_valid(), phases.is_valid()]):
        try:
            services.save_concept(
                request.user,
                process,
                goals=kept(goals),
                phases=kept(phases),
                lead_contact=form.cleaned_data.get("lead_contact"),
                deputy=form.cleaned_data.get("deputy"),
                change_note=form.cleaned_data.get("change_note", ""),
                version=form.version,
                **form.concept_data(),
            )
        except ValidationError as error:
            if isinstance(error, StaleEdit):  # the formsets keep what was typed; the form takes the new version
                form.take_stale_edit(error)
            else:
                service_errors = _service_errors(form, error)
        else:
            if "publish" not in request.POST or process.is_published:
                messages.success(request, _("The concept has been saved."))
                return redirect("processes:staff_detail", pk=process.pk)
            process = process_for_staff(pk)
            try:
                services.publish_process(request.user, process)
            except ValidationError:
                missing = services.missing_part_items(process)
                form.take_current_version(process)  # the concept was saved: the next save starts from it
            else:
                messages.success(request, _("The process and its concept are published (version 1)."))
                return redirect("processes:staff_detail", pk=process.pk)
    return render(
        request,
        "processes/staff_concept.html",
        {
            "process": process,
            "plan": process.plan,
            "form": form,
            "goals": goals,
            "phases": phases,
            "goal_errors": service_errors.get("goals", []),
            "phase_errors": service_errors.get("phases", []),
            "missing": missing,
        },
    )


def _service_errors(form, error) -> dict:
    """Put a service's errors on the form's fields; return those about goals and phases."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    rest = {}
    for field, texts in by_field.items():
        if field in ("goals", "phases"):
            rest[field] = texts
        else:
            form.add_error(field if field in form.fields else None, texts)
    return rest


@login_required
def staff_history(request, pk):
    """The old address of a process's history: on to the history of every object (core:history)."""
    process = get_object_or_404(Process.objects.select_related("plan"), pk=pk)
    require(request.user, "processes.change_process", process)
    return redirect(audit.history_url(process))
