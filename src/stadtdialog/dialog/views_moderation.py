"""Views of the moderation: the public report form, the moderators' queue, one case, blocked accounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import User
from stadtdialog.core.forms import add_service_errors, run_service
from stadtdialog.processes.rules import is_public

from . import moderation
from . import queries_moderation as queries
from .forms_moderation import BlockForm, FlagForm, HideForm
from .models import Flag


def flag(request, kind, pk):
    """Anyone reports a contribution or comment to the moderators."""
    target = queries.target_of(kind, pk)
    if target is None:
        raise Http404
    case = queries.Case(target=target, kind=kind)
    if not is_public(None, case.process):
        raise Http404
    if target.is_hidden:
        messages.info(request, _("This content has been hidden by the moderators already."))
        return redirect(case.url)
    form = FlagForm(request.POST or None, antibot=not request.user.is_authenticated)
    if run_service(
        request,
        form,
        lambda: moderation.flag(request.user, target, form.cleaned_data["reason"]),
        _("Thank you. The moderators will look at it."),
    ):
        return redirect(case.url)
    return render(request, "dialog/moderation_flag.html", {"form": form, "case": case})


@login_required
def queue(request):
    moderation.require_moderator(request.user)
    cases, total = queries.open_cases()
    return render(
        request, "dialog/moderation_queue.html", {"cases": cases, "total": total, "limit": queries.QUEUE_SIZE}
    )


def _case_url(case) -> str:
    return f"{reverse('dialog:moderation_case')}?inhalt={case.ref}"


@login_required
def case(request):
    """One reported (or hidden) content: its reports, the steps to take and its history."""
    moderation.require_moderator(request.user)
    parsed = queries.parse_ref(request.GET.get("inhalt", ""))
    if parsed is None:
        return redirect("dialog:moderation_queue")
    case = queries.case_of(*parsed)
    if case is None:
        raise Http404
    hide_form = HideForm(prefix="hide")
    block_form = BlockForm(prefix="block")
    if request.method == "POST":
        step = request.POST.get("step")
        target = case.target
        try:
            if step == "hide":
                hide_form = HideForm(request.POST, prefix="hide")
                if hide_form.is_valid():
                    moderation.hide(request.user, target, hide_form.cleaned_data["reason"])
                    messages.success(request, _("The content is hidden. The public sees the reason in its place."))
                    return redirect(_case_url(case))
            elif step == "keep":
                moderation.keep(request.user, target)
                messages.success(request, _("The content stays visible; the reports are closed."))
                return redirect("dialog:moderation_queue")
            elif step == "unhide":
                moderation.unhide(request.user, target)
                messages.success(request, _("The content is visible again."))
                return redirect(_case_url(case))
            elif step == "block" and target.author is not None:
                block_form = BlockForm(request.POST, prefix="block")
                if block_form.is_valid():
                    moderation.block_account(request.user, target.author, block_form.cleaned_data["reason"])
                    messages.success(request, _("The account is blocked. It can no longer log in."))
                    return redirect(_case_url(case))
        except ValidationError as error:
            form = block_form if step == "block" else hide_form
            add_service_errors(form, error)
            if step in ("keep", "unhide"):
                for message in error.messages:
                    messages.error(request, message)
                return redirect(_case_url(case))
    author = case.target.author
    context = {
        "case": case,
        "hide_form": hide_form,
        "block_form": block_form,
        "author": author,
        "may_block": author is not None and author.is_active and not author.is_superuser and not author.is_staff_member,
        "history": queries.history_of(case.target),
        "Decision": Flag.Decision,
    }
    return render(request, "dialog/moderation_case.html", context)


@login_required
def blocked_accounts(request):
    moderation.require_moderator(request.user)
    if request.method == "POST":
        account = request.POST.get("account", "")
        if not account.isdigit():
            raise Http404
        user = get_object_or_404(User, pk=int(account), is_active=False)
        try:
            moderation.unblock_account(request.user, user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The account %(name)s can log in again.") % {"name": user.display_name})
        return redirect("dialog:moderation_accounts")
    return render(request, "dialog/moderation_accounts.html", {"accounts": queries.blocked_accounts()})
