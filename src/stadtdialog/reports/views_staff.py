"""Staff pages of the reports app: write, publish and attach files to a process's reports; decide on the
comments on its concept."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.confirm import confirm_and_run
from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require

from . import queries, services
from .forms import (
    HandleConceptCommentForm,
    ReportAttachmentForm,
    ReportForm,
    report_initial,
)
from .models import ConceptComment, Report, ReportAttachment
from .views import concept_or_404

# --- Staff: reports -------------------------------------------------------------------------------


def _staff_process(request, process_pk, perm="reports.manage_reports"):
    process = queries.process_for_staff(process_pk)
    require(request.user, perm, process)
    return process


def _staff_report(request, process_pk, pk):
    process = _staff_process(request, process_pk)
    report = get_object_or_404(Report.objects.prefetch_related("attachments"), pk=pk, process=process)
    report.process = process
    return process, report


@login_required
def staff_reports(request, process_pk):
    process = _staff_process(request, process_pk)
    return render(
        request,
        "reports/report_staff_list.html",
        {
            "process": process,
            "plan": process.plan,
            "reports": queries.reports_for_staff(process),
        },
    )


@login_required
def staff_report_create(request, process_pk):
    process = _staff_process(request, process_pk)
    form = ReportForm(request.POST or None, initial={"kind": Report.Kind.INTERIM})
    report = run_service(
        request,
        form,
        lambda: services.create_report(request.user, process, **form.service_data()),
        _("The report has been saved as a draft. Add attachments or publish it."),
    )
    if report:
        return redirect("reports:staff_report_edit", process_pk=process.pk, pk=report.pk)
    return render(
        request,
        "reports/report_staff_form.html",
        {"process": process, "plan": process.plan, "form": form, "report": None},
    )


@login_required
def staff_report_edit(request, process_pk, pk):
    process, report = _staff_report(request, process_pk, pk)
    form = ReportForm(request.POST or None, initial=report_initial(report), version_of=report)
    if run_service(
        request,
        form,
        lambda: services.update_report(request.user, report, version=form.version, **form.service_data()),
        _("The report has been saved."),
    ):
        return redirect("reports:staff_reports", process_pk=process.pk)
    return render(
        request,
        "reports/report_staff_form.html",
        {"process": process, "plan": process.plan, "form": form, "report": report},
    )


def _confirm_report(request, process, report, **kwargs):
    return confirm_and_run(
        request,
        obj=report,
        object_label=_("Report"),
        breadcrumbs="plans/_staff_breadcrumbs.html",
        context={"plan": process.plan, "process": process},
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_report_publish(request, process_pk, pk):
    """Publish a draft report, or take a published one back from the public."""
    process, report = _staff_report(request, process_pk, pk)
    back_url = reverse("reports:staff_reports", args=[process.pk])
    if report.published_at is None:
        return _confirm_report(
            request,
            process,
            report,
            service=lambda: services.publish_report(request.user, report),
            title=_("Publish report"),
            question=_("Everyone can read the report on the process page; followers of the process are told."),
            button=_("Publish now"),
            done_message=_("The report is published."),
            back_url=back_url,
        )
    return _confirm_report(
        request,
        process,
        report,
        service=lambda: services.unpublish_report(request.user, report),
        title=_("Take report back from the public"),
        question=_("The report will no longer be shown publicly."),
        button=_("Take back"),
        done_message=_("The report is no longer public."),
        back_url=back_url,
    )


@login_required
def staff_report_attachments(request, process_pk, pk):
    process, report = _staff_report(request, process_pk, pk)
    form = ReportAttachmentForm(request.POST or None, request.FILES or None)
    if run_service(
        request,
        form,
        lambda: services.add_report_attachment(
            request.user, report, file=form.cleaned_data["file"], title=form.cleaned_data["title"]
        ),
        _("The attachment has been added."),
    ):
        return redirect("reports:staff_report_attachments", process_pk=process.pk, pk=report.pk)
    return render(
        request,
        "reports/report_staff_attachments.html",
        {
            "process": process,
            "plan": process.plan,
            "report": report,
            "form": form,
            "attachments": [
                (
                    attachment,
                    reverse("reports:staff_report_attachment_delete", args=[process.pk, report.pk, attachment.pk]),
                )
                for attachment in report.attachments.order_by("created_at", "id")
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_report_attachment_delete(request, process_pk, pk, attachment_pk):
    process, report = _staff_report(request, process_pk, pk)
    attachment = get_object_or_404(ReportAttachment, pk=attachment_pk, report=report)
    attachment.report = report
    return _confirm_report(
        request,
        process,
        report,
        service=lambda: services.remove_report_attachment(request.user, attachment),
        title=_("Remove attachment"),
        question=_("“%(title)s” will be deleted.") % {"title": attachment.title},
        button=_("Remove"),
        done_message=_("The attachment has been removed."),
        back_url=reverse("reports:staff_reports", args=[process.pk]),
        done_url=reverse("reports:staff_report_attachments", args=[process.pk, report.pk]),
    )


# --- Staff: comments on the concept ---------------------------------------------------------------


@login_required
def staff_concept_comments(request, process_pk):
    process = _staff_process(request, process_pk, "reports.handle_concept_comments")
    concept = concept_or_404(process)
    return render(
        request,
        "reports/concept_comment_staff_list.html",
        {
            "process": process,
            "plan": process.plan,
            "concept": concept,
            "comments": queries.concept_comments(concept),
        },
    )


@login_required
def staff_concept_comment(request, process_pk, pk):
    """Adopt a comment (after saving the revised concept as a new version) or decline it with a reason."""
    process = _staff_process(request, process_pk, "reports.handle_concept_comments")
    concept = concept_or_404(process)
    comment = get_object_or_404(ConceptComment.objects.select_related("author"), pk=pk, concept=concept)
    comment.concept = concept
    versions = services.adoptable_versions(comment)
    initial = {
        "decision": comment.status if comment.status != ConceptComment.Status.OPEN else None,
        "version": comment.adopted_in_version,
        "reason": comment.reason,
    }
    form = HandleConceptCommentForm(request.POST or None, versions=versions, initial=initial)

    def decide():
        data = form.cleaned_data
        if data["decision"] == ConceptComment.Status.ADOPTED:
            return services.adopt_concept_comment(request.user, comment, data["version"], data["reason"])
        return services.decline_concept_comment(request.user, comment, data["reason"])

    if run_service(request, form, decide, _("The decision on the comment has been published.")):
        return redirect("reports:staff_concept_comments", process_pk=process.pk)
    return render(
        request,
        "reports/concept_comment_staff_form.html",
        {
            "process": process,
            "plan": process.plan,
            "concept": concept,
            "comment": comment,
            "form": form,
            "concept_edit_url": reverse("processes:staff_concept", args=[process.pk]),
        },
    )
