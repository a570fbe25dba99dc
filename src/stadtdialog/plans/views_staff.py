"""Staff pages for plans: the list of plans a user may edit, the plan form, publishing, attachments; the old
address of a plan's history (now core:history)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core import audit
from stadtdialog.core.confirm import Refusal, confirm_and_run
from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require

from . import services
from .forms import AttachmentForm, PlanForm, plan_initial
from .models import Attachment, Plan

# --- Reads of the staff pages --------------------------------------------------------------------


def editable_plans(user):
    """Plans the user may edit, drafts included, newest first."""
    plans = Plan.objects.select_related("lead_unit").annotate(process_count=Count("processes"))
    if not is_city_wide_staff(user):
        plans = plans.filter(lead_unit_id__in=unit_ids_of(user))
    return plans.order_by("-updated_at", "-id")


def plan_for_staff(pk):
    return get_object_or_404(
        Plan.objects.select_related("lead_unit").prefetch_related(
            "districts", "quarters", "fields_of_action", "council_papers", "attachments"
        ),
        pk=pk,
    )


# --- Pages ----------------------------------------------------------------------------------------


@login_required
def staff_list(request):
    require(request.user, "plans.access_staff_plans")
    plans = editable_plans(request.user)
    query = request.GET.get("q", "").strip()
    state = request.GET.get("stand", "")
    if query:
        plans = plans.filter(Q(title__icontains=query) | Q(summary__icontains=query))
    if state == "entwurf":
        plans = plans.filter(published_at__isnull=True)
    elif state == "veroeffentlicht":
        plans = plans.filter(published_at__isnull=False)
    page = Paginator(plans, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "plans/staff_list.html",
        {
            "page": page,
            "query": query,
            "state": state,
            "can_add": request.user.has_perm("plans.add_plan"),
        },
    )


@login_required
def staff_create(request):
    require(request.user, "plans.add_plan")
    form = PlanForm(
        request.POST or None, user=request.user, initial={"status": Plan.Status.IDEA, "participation_planned": "yes"}
    )
    plan = run_service(
        request,
        form,
        lambda: services.create_plan(request.user, **form.service_data()),
        _("The plan has been saved as a draft."),
    )
    if plan:
        return redirect("plans:staff_detail", pk=plan.pk)
    return render(request, "plans/staff_form.html", {"form": form, "plan": None})


@login_required
def staff_edit(request, pk):
    plan = plan_for_staff(pk)
    require(request.user, "plans.change_plan", plan)
    form = PlanForm(request.POST or None, user=request.user, initial=plan_initial(plan), version_of=plan)
    if run_service(
        request,
        form,
        lambda: services.update_plan(request.user, plan, version=form.version, **form.service_data()),
        _("The plan has been saved."),
    ):
        return redirect("plans:staff_detail", pk=plan.pk)
    return render(request, "plans/staff_form.html", {"form": form, "plan": plan})


@login_required
def staff_detail(request, pk):
    plan = plan_for_staff(pk)
    require(request.user, "plans.change_plan", plan)
    processes = plan.processes.order_by("created_at", "id")
    return render(
        request,
        "plans/staff_detail.html",
        {
            "plan": plan,
            "processes": processes,
            "public_url": reverse("plans:detail", args=[plan.pk]),
        },
    )


def _confirm_plan(request, plan, **kwargs):
    return confirm_and_run(
        request,
        obj=plan,
        back_url=reverse("plans:staff_detail", args=[plan.pk]),
        breadcrumbs="plans/_staff_breadcrumbs.html",
        context={"plan": plan},
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_publish(request, pk):
    plan = plan_for_staff(pk)
    require(request.user, "plans.publish_plan", plan)
    return _confirm_plan(
        request,
        plan,
        service=lambda: services.publish_plan(request.user, plan),
        title=_("Publish plan"),
        question=_("Everyone will be able to read the plan in the plan list."),
        button=_("Publish now"),
        done_message=_("The plan is published and visible to everyone."),
        refusal=Refusal(
            title=_("The plan cannot be published yet"),
            link=(reverse("plans:staff_edit", args=[plan.pk]), _("Edit plan")),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_unpublish(request, pk):
    plan = plan_for_staff(pk)
    require(request.user, "plans.publish_plan", plan)
    return _confirm_plan(
        request,
        plan,
        service=lambda: services.unpublish_plan(request.user, plan),
        title=_("Take plan back to draft"),
        question=_("The plan and its processes will no longer be shown to the public."),
        button=_("Take back"),
        done_message=_("The plan is a draft again and no longer public."),
    )


@login_required
def staff_attachments(request, pk):
    plan = plan_for_staff(pk)
    require(request.user, "plans.change_plan", plan)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if run_service(
        request,
        form,
        lambda: services.add_attachment(request.user, plan, **form.cleaned_data),
        _("The attachment has been added."),
    ):
        return redirect("plans:staff_attachments", pk=plan.pk)
    return render(
        request,
        "plans/staff_attachments.html",
        {
            "plan": plan,
            "form": form,
            "attachments": [
                (attachment, reverse("plans:staff_attachment_delete", args=[plan.pk, attachment.pk]))
                for attachment in plan.attachments.all()
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_attachment_delete(request, pk, attachment_pk):
    attachment = get_object_or_404(Attachment.objects.select_related("plan"), pk=attachment_pk, plan_id=pk)
    require(request.user, "plans.change_plan", attachment.plan)
    return _confirm_plan(
        request,
        attachment.plan,
        service=lambda: services.remove_attachment(request.user, attachment),
        title=_("Remove attachment"),
        question=_("“%(title)s” will be deleted.") % {"title": attachment.title},
        button=_("Remove"),
        done_message=_("The attachment has been removed."),
        done_url=reverse("plans:staff_attachments", args=[pk]),
    )


@login_required
def staff_history(request, pk):
    """The old address of a plan's history: on to the history of every object (core:history)."""
    plan = get_object_or_404(Plan, pk=pk)
    require(request.user, "plans.change_plan", plan)
    return redirect(audit.history_url(plan))
