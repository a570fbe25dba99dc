"""Public pages of the reports app: a published report (residents comment on it until the deadline) and
the comments on a process's concept (residents write a new one there)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import run_service

from . import queries, services
from .forms import CommentForm, ConceptCommentForm


def _refuse_anonymous_post(request):
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    """A published report with its attachments and comments; residents comment here until the deadline."""
    report = queries.report_for_page(pk)
    process = report.process
    public = report.published_at is not None and request.user.has_perm("processes.view_process", process)
    if not public and not request.user.has_perm("reports.manage_reports", process):
        raise Http404
    refused = _refuse_anonymous_post(request)
    if refused:
        return refused
    form = CommentForm(request.POST or None)
    state = services.comment_state(report)
    if run_service(
        request,
        form,
        lambda: services.add_report_comment(request.user, report, form.cleaned_data["text"]),
        _("Thank you, your comment has been published."),
    ):
        return redirect(reverse("reports:report", args=[report.pk]) + "#comments")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "process": process,
            "plan": process.plan,
            "comments": queries.report_comments(report) if state != "none" else [],
            "comment_state": state,
            "deadline_message": services.deadline_passed_message(report) if state == "closed" else "",
            "form": form,
            "may_comment": request.user.has_perm("reports.comment"),
        },
        status=status,
    )


def concept_or_404(process):
    try:
        return process.concept
    except ObjectDoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def concept_comments(request, process_pk):
    """All comments on the concept with their status; residents write a new one here."""
    process = queries.process_for_staff(process_pk)
    if not request.user.has_perm("processes.view_process", process):
        raise Http404
    concept = concept_or_404(process)
    refused = _refuse_anonymous_post(request)
    if refused:
        return refused
    form = ConceptCommentForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.add_concept_comment(request.user, concept, form.cleaned_data["text"]),
        _("Thank you, your comment on the concept has been published."),
    ):
        return redirect(reverse("reports:concept_comments", args=[process.pk]) + "#concept-comments")
    return render(
        request,
        "reports/concept_comments.html",
        {
            "process": process,
            "plan": process.plan,
            "concept": concept,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
