"""Staff pages: document the results, record the decision, track the implementation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require
from stadtdialog.processes.models import Process

from . import queries
from .forms import (
    DecisionForm,
    DeleteChoice,
    DocumentForm,
    MilestoneForm,
    RecommendationFormSet,
    ResultForm,
    UpdateForm,
)
from .models import Milestone, ResultDocument
from .services import decision as decision_services
from .services import implementation as implementation_services
from .services import results as result_services

CHANGE = "outcomes.change_outcomes"


def _process(request, process_pk):
    process = get_object_or_404(Process.objects.select_related("plan__lead_unit", "concept"), pk=process_pk)
    require(request.user, CHANGE, process)
    return process


def _context(process, current, **extra):
    return {"process": process, "plan": process.plan, "current": current, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def staff_results(request, process_pk):
    process = _process(request, process_pk)
    result = queries.result_for_page(process, public=False)
    recommendations = list(result.recommendations.all()) if result else []
    initial = {
        "summary": result.summary if result else "",
        "contributions": list(result.contributions.all()) if result else [],
        "events": list(result.events.all()) if result else [],
    }
    data = request.POST if request.method == "POST" else None
    form = ResultForm(data, process=process, initial=initial, version_of=process)
    formset = RecommendationFormSet(
        data, prefix="recs", initial=[{"id": r.pk, "text": r.text} for r in recommendations]
    )
    publish = "publish" in request.POST

    def save():
        result_services.save_result(
            request.user,
            process,
            recommendations=[f.cleaned_data for f in formset.forms if f.cleaned_data],
            version=form.version,
            **form.service_data(),
        )
        if publish:
            result_services.publish_result(request.user, process)

    if formset.is_valid() and run_service(
        request, form, save, _("The results have been published.") if publish else _("The results have been saved.")
    ):
        return redirect("outcomes:staff_results", process_pk=process.pk)
    return render(
        request, "outcomes/staff_results.html", _context(process, "results", form=form, formset=formset, result=result)
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_documents(request, process_pk):
    process = _process(request, process_pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "delete" in request.POST:
        document = get_object_or_404(
            ResultDocument.objects.select_related("result__process"),
            pk=parse_query(request.POST, DeleteChoice).get("delete"),
            result__process=process,
        )
        result_services.delete_document(request.user, document)
        messages.success(request, _("The document has been removed."))
        return redirect("outcomes:staff_documents", process_pk=process.pk)
    if run_service(
        request,
        form,
        lambda: result_services.add_document(request.user, process, **form.service_data()),
        _("The document has been added."),
    ):
        return redirect("outcomes:staff_documents", process_pk=process.pk)
    documents = ResultDocument.objects.filter(result__process=process).order_by("created_at", "id")
    return render(
        request, "outcomes/staff_documents.html", _context(process, "documents", form=form, documents=documents)
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_decision(request, process_pk):
    process = _process(request, process_pk)
    result = queries.result_for_page(process, public=False)
    recommendations = list(result.recommendations.all()) if result else []
    decision = decision_services.decision_of(process)
    initial = {
        "decision_maker": decision.decision_maker,
        "date": decision.date,
        "body": decision.body,
        "council_paper_number": decision.council_paper.number if decision.council_paper_id else "",
        "text": decision.text,
        "responsible_kind": decision.responsible_kind,
        "responsible_unit": decision.responsible_unit_id,
        "responsible_name": decision.responsible_name,
    }
    for rec in recommendations:
        verdict = getattr(rec, "verdict", None)
        if verdict is not None:
            initial[f"outcome_{rec.pk}"], initial[f"reason_{rec.pk}"] = verdict.outcome, verdict.reason
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data, recommendations=recommendations, initial=initial, version_of=process)
    publish = "publish" in request.POST
    if run_service(
        request,
        form,
        lambda: decision_services.save_decision(
            request.user, process, publish=publish, version=form.version, **form.service_data()
        ),
        _("The decision has been published.") if publish else _("The decision has been saved."),
    ):
        return redirect("outcomes:staff_decision", process_pk=process.pk)
    return render(
        request,
        "outcomes/staff_decision.html",
        _context(process, "decision", form=form, result=result, decision=decision),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_implementation(request, process_pk):
    """The process's milestones with their rolled-up progress, and a form for a new milestone."""
    process = _process(request, process_pk)
    form = MilestoneForm(request.POST or None, process=process)
    if run_service(
        request,
        form,
        lambda: implementation_services.create_milestone(request.user, process, **form.cleaned_data),
        _("The milestone has been added."),
    ):
        return redirect("outcomes:staff_implementation", process_pk=process.pk)
    today = timezone.localdate()
    return render(
        request,
        "outcomes/staff_implementation.html",
        _context(process, "implementation", form=form, nodes=queries.milestone_tree(process, today), today=today),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_milestone(request, process_pk, milestone_pk):
    process = _process(request, process_pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, process=process)
    milestone.process = process
    if request.method == "POST" and "delete" in request.POST:
        implementation_services.delete_milestone(request.user, milestone)
        messages.success(request, _("The milestone has been removed."))
        return redirect("outcomes:staff_implementation", process_pk=process.pk)
    initial = {name: getattr(milestone, name) for name in implementation_services.MILESTONE_FIELDS}
    form = MilestoneForm(
        request.POST or None, process=process, milestone=milestone, initial=initial, version_of=milestone
    )
    if run_service(
        request,
        form,
        lambda: implementation_services.update_milestone(
            request.user, milestone, version=form.version, **form.cleaned_data
        ),
        _("The milestone has been saved."),
    ):
        return redirect("outcomes:staff_implementation", process_pk=process.pk)
    return render(
        request, "outcomes/staff_milestone.html", _context(process, "implementation", form=form, milestone=milestone)
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_updates(request, process_pk):
    process = _process(request, process_pk)
    if request.method == "POST" and "delete" in request.POST:
        update = get_object_or_404(
            process.implementation_updates.all(), pk=parse_query(request.POST, DeleteChoice).get("delete")
        )
        update.process = process
        implementation_services.delete_update(request.user, update)
        messages.success(request, _("The update has been removed."))
        return redirect("outcomes:staff_updates", process_pk=process.pk)
    form = UpdateForm(request.POST or None, request.FILES or None, process=process)
    if run_service(
        request,
        form,
        lambda: implementation_services.add_update(request.user, process, **form.service_data()),
        _("The update has been published."),
    ):
        return redirect("outcomes:staff_updates", process_pk=process.pk)
    return render(
        request,
        "outcomes/staff_updates.html",
        _context(process, "updates", form=form, updates=queries.updates_for_page(process)),
    )


@login_required
def staff_overdue(request):
    """Overdue milestones of the processes the user may edit; the coordination office sees all."""
    require(request.user, "outcomes.view_overdue")
    today = timezone.localdate()
    unit_ids = None if is_city_wide_staff(request.user) else unit_ids_of(request.user)
    return render(
        request,
        "outcomes/staff_overdue.html",
        {
            "milestones": queries.overdue_milestones(today, unit_ids=unit_ids),
            "today": today,
        },
    )
