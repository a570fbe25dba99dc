"""Staff pages of the dialog: answering a contribution, the contributions without an answer, and entering the
contributions collected on site."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require
from stadtdialog.organisation.maps import map_config

from . import queries, services
from .forms import OnSiteContributionForm, ResponseForm


@login_required
def answer(request, pk):
    contribution = queries.contribution_for_page(pk)
    require(request.user, "dialog.answer_contribution", contribution)
    existing = getattr(contribution, "response", None)
    initial = {"status": existing.status, "text": existing.text} if existing else None
    form = ResponseForm(request.POST or None, initial=initial, version_of=contribution)
    if run_service(
        request,
        form,
        lambda: services.answer_contribution(
            request.user, contribution, form.cleaned_data["status"], form.cleaned_data["text"], version=form.version
        ),
        _("The answer is published with the contribution."),
    ):
        return redirect(contribution)
    return render(
        request,
        "dialog/staff_answer.html",
        {
            "contribution": contribution,
            "process": contribution.process,
            "form": form,
            "existing": existing,
        },
    )


@login_required
def unanswered(request):
    require(request.user, "dialog.view_unanswered")
    page = queries.page_of(queries.unanswered_for(request.user), request.GET.get("page"))
    return render(
        request,
        "dialog/staff_unanswered.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        },
    )


@login_required
def enter_onsite(request, pk):
    process = queries.process_for_dialog(pk)
    require(request.user, "dialog.enter_onsite_contribution", process)
    form = OnSiteContributionForm(request.POST or None, request.FILES or None, antibot=False)
    contribution = run_service(
        request,
        form,
        lambda: services.enter_onsite_contribution(request.user, process, **form.service_data()),
        _("The contribution collected on site is entered and published."),
    )
    if contribution:
        return redirect(contribution)
    return render(
        request,
        "dialog/staff_onsite.html",
        {
            "process": process,
            "plan": process.plan,
            "form": form,
            "map_config": map_config(),
        },
    )
