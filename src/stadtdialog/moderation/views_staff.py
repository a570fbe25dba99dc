"""The moderators' pages: the queue of open reports, one case, blocked accounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import User
from stadtdialog.core.forms import add_service_errors, parse_query
from stadtdialog.core.rules import require

from . import queries
from . import services as moderation
from .forms import AccountChoice, BlockForm, HideForm
from .models import Flag


@login_required
def queue(request):
    require(request.user, "moderation.moderate")
    cases, total = queries.open_cases()
    return render(request, "moderation/queue.html", {"cases": cases, "total": total, "limit": queries.QUEUE_SIZE})


def _case_url(case) -> str:
    return f"{reverse('moderation:case')}?inhalt={case.ref}"


@login_required
def case(request):
    """One reported (or hidden) content: its reports, the steps to take and its history."""
    require(request.user, "moderation.moderate")
    parsed = queries.parse_ref(request.GET.get("inhalt", ""))
    if parsed is None:
        return redirect("moderation:queue")
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
                return redirect("moderation:queue")
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
    return render(request, "moderation/case.html", context)


@login_required
def blocked_accounts(request):
    require(request.user, "moderation.moderate")
    if request.method == "POST":
        account = parse_query(request.POST, AccountChoice).get("account")
        if not account:
            raise Http404
        user = get_object_or_404(User, pk=account, is_active=False)
        try:
            moderation.unblock_account(request.user, user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The account %(name)s can log in again.") % {"name": user.display_name})
        return redirect("moderation:accounts")
    return render(request, "moderation/accounts.html", {"accounts": queries.blocked_accounts()})
