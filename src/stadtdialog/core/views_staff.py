"""Staff pages of core: the pages staff write (list, add, edit, order, remove) and the barrier reports
the coordination office answers."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import queries, services
from .confirm import Refusal, confirm_and_run
from .forms import BarrierAnswerForm, PageForm, PageOrderForm, page_form_class, run_service
from .models import BarrierReport, Page
from .rules import require


@login_required
def pages(request):
    services.require_page_editor(request.user)
    return render(request, "core/pages.html", {"pages": Page.objects.all()})


@login_required
def page_create(request):
    services.require_page_editor(request.user)
    form = PageForm(request.POST or None, initial={"in_footer": False})
    page = run_service(
        request,
        form,
        lambda: services.create_page(request.user, **form.service_data()),
        _("The page has been created."),
    )
    if page:
        return redirect("core:page", slug=page.slug)
    return render(request, "core/page_form.html", {"form": form, "page": None})


@login_required
def page_edit(request, slug):
    page = get_object_or_404(Page, slug=slug)
    services.require_page_editor(request.user)
    # not bound to the page: the service's audit entry compares the stored page with the new values
    form = page_form_class(page)(request.POST or None, request.FILES or None, page=page)
    saved = run_service(
        request,
        form,
        lambda: services.update_page(request.user, page, **form.service_data()),
        _("The page has been saved."),
    )
    if saved:
        return redirect("core:page", slug=saved.slug)
    return render(request, "core/page_form.html", {"page": page, "form": form})


@login_required
def page_delete(request, slug):
    page = get_object_or_404(Page, slug=slug)
    services.require_page_editor(request.user)
    refusal = Refusal(
        title=_("This page cannot be removed"),
        items=[
            (
                "",
                _("It is a required page (imprint, privacy, accessibility, easy language, sign language, netiquette)."),
            )
        ]
        if page.is_reserved
        else (),
    )
    return confirm_and_run(
        request,
        obj=page,
        service=lambda: services.delete_page(request.user, page),
        title=_("Remove page"),
        question=_("The page and its address are removed. Links to it from other pages stop working."),
        button=_("Remove page"),
        done_message=_("The page has been removed."),
        back_url=reverse("core:pages"),
        breadcrumbs="core/_staff_pages_breadcrumbs.html",
        refusal=refusal,
    )


@login_required
def page_order(request):
    services.require_page_editor(request.user)
    form = PageOrderForm(request.POST or None, pages=Page.objects.only("id", "title", "position", "in_footer"))
    if run_service(
        request,
        form,
        lambda: services.reorder_pages(request.user, form.positions()),
        _("The order has been saved."),
    ):
        return redirect("core:pages")
    return render(request, "core/page_order.html", {"form": form})


# --- barrier reports -------------------------------------------------------------------------------


STATUS_PARAMETER = {
    "offen": BarrierReport.Status.OPEN,
    "beantwortet": BarrierReport.Status.ANSWERED,
    "geschlossen": BarrierReport.Status.CLOSED,
}


@login_required
def barrier_reports(request):
    require(request.user, "core.answer_barrier_reports")
    shown = request.GET.get("stand", "offen")
    status = STATUS_PARAMETER.get(shown, BarrierReport.Status.OPEN)
    return render(
        request,
        "core/staff_barrier_reports.html",
        {
            "reports": queries.barrier_reports(status),
            "status": status,
            "shown": shown if shown in STATUS_PARAMETER else "offen",
            "tabs": [(key, value.label) for key, value in STATUS_PARAMETER.items()],
            "counts": queries.barrier_report_counts(),
            "answer_days": settings.ACCESSIBILITY_ANSWER_DAYS,
        },
    )


@login_required
def barrier_report(request, pk):
    require(request.user, "core.answer_barrier_reports")
    report = get_object_or_404(BarrierReport.objects.select_related("answered_by"), pk=pk)
    form = BarrierAnswerForm(request.POST or None, initial={"answer": report.answer})
    done = run_service(
        request,
        form,
        lambda: services.answer_barrier_report(
            request.user, report, answer=form.cleaned_data["answer"], base_url=request.build_absolute_uri("/")
        ),
        _("The answer has been saved and mailed.") if report.email else _("The answer has been saved."),
    )
    if done:
        return redirect("core:barrier_report", pk=report.pk)
    return render(request, "core/staff_barrier_report.html", {"report": report, "form": form})


@login_required
def barrier_report_close(request, pk):
    require(request.user, "core.answer_barrier_reports")
    report = get_object_or_404(BarrierReport, pk=pk)
    return confirm_and_run(
        request,
        obj=report,
        service=lambda: services.close_barrier_report(request.user, report),
        title=_("Close case"),
        question=_("The case is closed and leaves the list of open cases. Nothing is mailed."),
        button=_("Close case"),
        done_message=_("The case has been closed."),
        back_url=reverse("core:barrier_report", args=[report.pk]),
        done_url=reverse("core:barrier_reports"),
        breadcrumbs="core/_staff_barrier_breadcrumbs.html",
    )
