"""Public pages of the dialog: the contribution list, a contribution with its comments and answer, the forms.

Views are thin: they parse the request, call a query or a service and render. Everything works
without JavaScript; the map point picker only fills in the two coordinate fields. The staff pages (answering,
contributions collected on site, the unanswered list) are in views_staff.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stadtdialog.core.drafts import keeps_draft, restored
from stadtdialog.core.forms import run_service
from stadtdialog.organisation.maps import map_config

from . import queries, services
from .forms import CommentForm, ContributionForm, FilterForm, OwnCommentForm, OwnContributionForm
from .models import Comment
from .phases import window_of
from .rules import edit_refusal, is_author, is_own_contribution, participation_hint


def _visible_or_404(request, process):
    if not request.user.has_perm("processes.view_process", process):
        raise Http404


def contribution_list(request, pk):
    process = queries.process_for_dialog(pk)
    _visible_or_404(request, process)
    form = FilterForm(request.GET or None)
    criteria = form.criteria()
    if criteria.sort == queries.Sort.RANDOM and criteria.seed is None:
        criteria.seed = queries.default_seed()
    page = queries.page_of(queries.contributions(process, criteria), request.GET.get("page"))
    return render(
        request,
        "dialog/contribution_list.html",
        {
            "process": process,
            "plan": process.plan,
            "form": form,
            "page": page,
            "criteria": criteria,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "window": window_of(process),
            "may_enter_onsite": request.user.has_perm("dialog.enter_onsite_contribution", process),
        },
    )


def _participation_blocker(request, process):
    """The page explaining that the account cannot take part yet (rules.participation_hint "confirm"), or None."""
    if participation_hint(request.user, process) == "confirm":
        return render(request, "dialog/contribution_not_verified.html", status=403)
    return None


# the text fields of the forms kept over an expired session or a CSRF failure (core.drafts); not the image
CONTRIBUTION_DRAFT = ("kind", "title", "text", "image_alt", "quarter", "latitude", "longitude")
COMMENT_DRAFT = ("text", "parent")


@keeps_draft(*CONTRIBUTION_DRAFT, back_to=lambda pk: reverse("dialog:contribute", args=[pk]))
def contribute(request, pk):
    process = queries.process_for_dialog(pk)
    _visible_or_404(request, process)
    window = window_of(process)
    context = {"process": process, "plan": process.plan, "window": window}
    blocked = _participation_blocker(request, process)
    if blocked:
        return blocked
    if participation_hint(request.user, process) == "closed":
        return render(request, "dialog/contribution_form.html", context)
    form = ContributionForm(request.POST or None, request.FILES or None, initial=restored(request))
    contribution = run_service(
        request,
        form,
        lambda: services.submit_contribution(request.user, process, **form.service_data()),
        _("Thank you! Your contribution is published."),
    )
    if contribution:
        return redirect(contribution)
    return render(request, "dialog/contribution_form.html", {**context, "form": form, "map_config": map_config()})


def _detail_context(request, contribution, **extra):
    process = contribution.process
    hint = participation_hint(request.user, process)
    return {
        "contribution": contribution,
        "process": process,
        "plan": process.plan,
        "window": window_of(process),
        "supported": queries.supports(request.user, contribution),
        "own_contribution": is_own_contribution(request.user, contribution),
        # one question, rules.may_contribute; the hint says which part fails ("login", "confirm", "closed", ...)
        "participation_hint": hint,
        "may_contribute": not hint,
        "may_answer": request.user.has_perm("dialog.answer_contribution", contribution),
        "is_author": is_author(request.user, contribution),
        "may_edit": is_author(request.user, contribution) and not edit_refusal(request.user, contribution),
        "comment_form": extra.pop("comment_form", None) or CommentForm(initial=restored(request)),
        "map_config": map_config((contribution.latitude, contribution.longitude), contribution.title)
        if contribution.latitude is not None
        else None,
        **extra,
    }


def contribution_detail(request, pk):
    contribution = queries.contribution_for_page(pk)
    _visible_or_404(request, contribution.process)
    return render(request, "dialog/contribution_detail.html", _detail_context(request, contribution))


@keeps_draft(*COMMENT_DRAFT, back_to=lambda pk: reverse("dialog:contribution", args=[pk]))
@require_POST
def comment(request, pk):
    contribution = queries.contribution_for_page(pk)
    _visible_or_404(request, contribution.process)
    blocked = _participation_blocker(request, contribution.process)
    if blocked:
        return blocked
    form = CommentForm(request.POST)
    if run_service(
        request,
        form,
        lambda: services.add_comment(
            request.user, contribution, form.cleaned_data["text"], form.parent_comment(contribution)
        ),
        _("Your comment is published."),
    ):
        return redirect(f"{contribution.get_absolute_url()}#comments")
    return render(
        request,
        "dialog/contribution_detail.html",
        _detail_context(request, contribution, comment_form=form),
        status=400,
    )


@login_required
@require_POST
def support(request, pk):
    contribution = queries.contribution_for_page(pk)
    _visible_or_404(request, contribution.process)
    blocked = _participation_blocker(request, contribution.process)
    if blocked:
        return blocked
    try:
        if request.POST.get("action") == "withdraw":
            services.withdraw_support(request.user, contribution)
            messages.success(request, _("You no longer support this contribution."))
        else:
            services.support(request.user, contribution)
            messages.success(request, _("Thank you for your support."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{contribution.get_absolute_url()}#support")


# --- the author's own contribution or comment: edit until answered, withdraw at any time --------------------


def _own_contribution(request, pk):
    """The contribution for its author's pages; 404 when it is not visible, 403 for anyone but the author (the
    services check the same)."""
    contribution = queries.contribution_for_page(pk)
    _visible_or_404(request, contribution.process)
    if not is_author(request.user, contribution):
        raise PermissionDenied
    return contribution


def _own_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("contribution__process__plan", "author"), pk=pk)
    _visible_or_404(request, comment.contribution.process)
    if not is_author(request.user, comment):
        raise PermissionDenied
    return comment


@login_required
def edit_contribution(request, pk):
    contribution = _own_contribution(request, pk)
    refusal = edit_refusal(request.user, contribution)
    form = None
    if not refusal:
        initial = {name: getattr(contribution, name) for name in services.OWN_CONTRIBUTION_FIELDS if name != "image"}
        form = OwnContributionForm(
            request.POST or None, request.FILES or None, initial=initial, version_of=contribution
        )
        if run_service(
            request,
            form,
            lambda: services.edit_contribution(request.user, contribution, version=form.version, **form.service_data()),
            _("Your changes are saved and published."),
        ):
            return redirect(contribution)
    context = {"item": contribution, "contribution": contribution, "process": contribution.process}
    if form is not None:
        context["map_config"] = map_config(request=request)
    return render(request, "dialog/own_edit.html", {**context, "form": form, "refusal": refusal})


@login_required
def withdraw_contribution(request, pk):
    contribution = _own_contribution(request, pk)
    if request.method == "POST":
        services.withdraw_contribution(request.user, contribution)
        messages.success(request, _("Your contribution has been withdrawn. Its text is no longer shown."))
        return redirect(contribution)
    return render(
        request,
        "dialog/own_withdraw.html",
        {"item": contribution, "contribution": contribution, "process": contribution.process},
    )


@login_required
def edit_comment(request, pk):
    comment = _own_comment(request, pk)
    contribution = comment.contribution
    refusal = edit_refusal(request.user, comment)
    form = None
    if not refusal:
        form = OwnCommentForm(request.POST or None, initial={"text": comment.text}, version_of=comment)
        if run_service(
            request,
            form,
            lambda: services.edit_comment(request.user, comment, text=form.cleaned_data["text"], version=form.version),
            _("Your changes are saved and published."),
        ):
            return redirect(f"{contribution.get_absolute_url()}#comment-{comment.pk}")
    context = {"item": comment, "comment": comment, "contribution": contribution, "process": contribution.process}
    return render(request, "dialog/own_edit.html", {**context, "form": form, "refusal": refusal})


@login_required
def withdraw_comment(request, pk):
    comment = _own_comment(request, pk)
    contribution = comment.contribution
    if request.method == "POST":
        services.withdraw_comment(request.user, comment)
        messages.success(request, _("Your comment has been withdrawn. Its text is no longer shown."))
        return redirect(f"{contribution.get_absolute_url()}#comment-{comment.pk}")
    context = {"item": comment, "comment": comment, "contribution": contribution, "process": contribution.process}
    return render(request, "dialog/own_withdraw.html", context)
