"""Public pages of the action programmes: the programme page (/stadtbezirke/<slug>/aktionsprogramm/), a round's
points form and proposal form, one need with its answer, and the report of a need to the moderators. Thin: parse,
call a query or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.accounts.rules import is_verified_participant
from stadtdialog.core.forms import run_service

from . import queries_programmes as queries
from . import services_programmes as services
from .forms_programmes import FlagNeedForm, PointsForm, ProposalForm


def programme(request, slug):
    district, programme = queries.district_and_programme(slug, request.user)
    page = queries.programme_page(programme)
    return render(request, "districts/programmes/programme.html", {"district": district, **page})


def _round_context(request, district, programme, round_):
    return {
        "district": district,
        "programme": programme,
        "round": round_,
        "is_open": round_.is_open(),
        "may_take_part": is_verified_participant(request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def round_points(request, slug, pk):
    """A resident distributes their points over the round's needs: a number field per need (works without
    JavaScript; static/js/points.js adds a live counter of the points left)."""
    district, programme = queries.district_and_programme(slug, request.user)
    round_ = queries.round_of(programme, pk)
    needs = queries.ranking(round_)
    context = _round_context(request, district, programme, round_)
    form = PointsForm(
        request.POST if request.method == "POST" else None,
        needs=needs,
        limit=round_.points_per_resident,
        current=queries.my_points(round_, request.user),
    )
    if (
        request.method == "POST"
        and context["may_take_part"]
        and run_service(
            request,
            form,
            lambda: services.allocate(request.user, round_, form.points()),
            _("Your points have been saved. You can change them until the round closes."),
        )
    ):
        return redirect("districts:round_points", slug=district.slug, pk=round_.pk)
    return render(
        request,
        "districts/programmes/points.html",
        {**context, "form": form, "needs": needs},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_propose(request, slug, pk):
    district, programme = queries.district_and_programme(slug, request.user)
    round_ = queries.round_of(programme, pk)
    context = _round_context(request, district, programme, round_)
    form = ProposalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and context["may_take_part"]:
        need = run_service(
            request,
            form,
            lambda: services.propose_need(request.user, round_, **form.cleaned_data),
            _("Thank you. Your proposal is published; residents can now give it points."),
        )
        if need:
            return redirect("districts:round_points", slug=district.slug, pk=round_.pk)
    return render(
        request,
        "districts/programmes/propose.html",
        {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def need(request, slug, pk):
    district, programme = queries.district_and_programme(slug, request.user)
    found = queries.need_of(programme, pk)
    return render(
        request, "districts/programmes/need.html", {"district": district, "programme": programme, "need": found}
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_flag(request, slug, pk):
    """A logged-in person reports a need to the moderators (the moderation app's queue)."""
    district, programme = queries.district_and_programme(slug, request.user)
    found = queries.need_of(programme, pk)
    if found.is_hidden:
        messages.info(request, _("This content has been hidden by the moderators already."))
        return redirect(found.get_absolute_url())
    form = FlagNeedForm(request.POST if request.method == "POST" else None)
    if run_service(
        request,
        form,
        lambda: services.flag_need(request.user, found, form.cleaned_data["reason"]),
        _("Thank you. The moderators will look at it."),
    ):
        return redirect(found.get_absolute_url())
    return render(
        request,
        "districts/programmes/flag.html",
        {"district": district, "programme": programme, "need": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )
