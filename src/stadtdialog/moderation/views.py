"""The public page of the moderation: the form that reports content to the moderators."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stadtdialog.core.forms import run_service
from stadtdialog.processes.rules import is_public

from . import queries, services
from .forms import FlagForm


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
        lambda: services.flag(request.user, target, form.cleaned_data["reason"]),
        _("Thank you. The moderators will look at it."),
    ):
        return redirect(case.url)
    return render(request, "moderation/flag.html", {"form": form, "case": case})
