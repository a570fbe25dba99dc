"""Staff pages of a district's action programme (/verwaltung/stadtbezirke/<slug>/aktionsprogramm/…): the programme
with the directors' conference's decision, rounds, needs from conferences and concerns, answers, the comparison of
the top needs with the departments' plans, and the priorities. For the district's manager and deputy and the
admins (`districts.manage_programme`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import District

from . import queries_programmes as queries
from . import services_programmes as services
from .forms_programmes import (
    AnswerForm,
    ConcernNeedForm,
    ConferenceNeedForm,
    PriorityForm,
    ProgrammeForm,
    RoundForm,
)
from .models.programmes import Priority


def _district(request, slug) -> District:
    district = get_object_or_404(District, slug=slug)
    require(request.user, "districts.manage_programme", district)
    return district


def _programme(request, slug):
    """The district and its programme; None for the programme when it has not been created yet."""
    district = _district(request, slug)
    programme = queries.programme_of(district)
    if programme is not None:
        programme.district = district
    return district, programme


def _back(district):
    return redirect("districts:staff_programme", slug=district.slug)


def _needs_programme(request, district):
    messages.info(request, _("Please create the district's action programme first."))
    return _back(district)


@login_required
@require_http_methods(["GET", "POST"])
def staff_programme(request, slug):
    district, programme = _programme(request, slug)
    initial = {} if programme is None else {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS}
    if programme is None:
        initial = {"title": _("Action programme %(district)s") % {"district": district.name}}
    form = ProgrammeForm(request.POST if request.method == "POST" else None, initial=initial, version_of=programme)
    if run_service(
        request,
        form,
        lambda: services.save_programme(request.user, district, version=form.version, **form.cleaned_data),
        _("The action programme has been saved."),
    ):
        return _back(district)
    page = queries.staff_page(programme) if programme else {"rounds": [], "needs": [], "priorities": []}
    return render(
        request,
        "districts/programmes/staff_programme.html",
        {
            "district": district,
            "programme": programme,
            "form": form,
            "concerns": queries.concerns_to_take_over(programme) if programme else [],
            **page,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_round(request, slug, pk=None):
    district, programme = _programme(request, slug)
    if programme is None:
        return _needs_programme(request, district)
    round_ = queries.round_of(programme, pk) if pk else None
    initial = {name: getattr(round_, name) for name in services.ROUND_FIELDS} if round_ else {}
    form = RoundForm(request.POST if request.method == "POST" else None, initial=initial, version_of=round_)
    if run_service(
        request,
        form,
        lambda: services.save_round(request.user, programme, round_, version=form.version, **form.cleaned_data),
        _("The prioritisation round has been saved."),
    ):
        return _back(district)
    return render(
        request,
        "districts/programmes/staff_form.html",
        {
            "district": district,
            "programme": programme,
            "form": form,
            "object": round_,
            "heading": round_.title if round_ else _("New prioritisation round"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_need_create(request, slug):
    """A need that came up in a district conference."""
    district, programme = _programme(request, slug)
    if programme is None:
        return _needs_programme(request, district)
    form = ConferenceNeedForm(request.POST if request.method == "POST" else None, programme=programme)
    if run_service(
        request,
        form,
        lambda: services.add_conference_need(request.user, programme, **form.cleaned_data),
        _("The need has been added."),
    ):
        return _back(district)
    return render(
        request,
        "districts/programmes/staff_form.html",
        {"district": district, "programme": programme, "form": form, "heading": _("Need from a district conference")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_concern_need(request, slug, pk):
    """Take a concern over as a need: the link stays, nothing personal is copied."""
    district, programme = _programme(request, slug)
    if programme is None:
        return _needs_programme(request, district)
    concern = queries.concern_of(programme, pk)
    form = ConcernNeedForm(request.POST if request.method == "POST" else None, programme=programme)
    if run_service(
        request,
        form,
        lambda: services.take_over_concern(request.user, programme, concern, **form.cleaned_data),
        _("The concern has been taken over as a need."),
    ):
        return _back(district)
    return render(
        request,
        "districts/programmes/staff_form.html",
        {
            "district": district,
            "programme": programme,
            "form": form,
            "concern": concern,
            "heading": _("Take over as a need"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_need_answer(request, slug, pk):
    district, programme = _programme(request, slug)
    if programme is None:
        return _needs_programme(request, district)
    need = queries.need_of(programme, pk)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"answer_status": need.answer_status, "answer_text": need.answer_text},
        version_of=need,
    )
    if run_service(
        request,
        form,
        lambda: services.answer_need(
            request.user,
            need,
            status=form.cleaned_data["answer_status"],
            text=form.cleaned_data["answer_text"],
            version=form.version,
        ),
        _("The answer is published with the need."),
    ):
        return _back(district)
    return render(
        request,
        "districts/programmes/staff_form.html",
        {
            "district": district,
            "programme": programme,
            "form": form,
            "object": need,
            "need": need,
            "heading": need.title,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def staff_comparison(request, slug):
    """For the district conference: the top needs of the round next to the departments' plans in preparation."""
    district, programme = _programme(request, slug)
    if programme is None:
        return _needs_programme(request, district)
    rounds = queries.rounds_of(programme)
    round_ = queries.current_round(rounds)
    return render(
        request,
        "districts/programmes/staff_comparison.html",
        {"district": district, "programme": programme, "round": round_, **queries.comparison(programme, round_)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_priority(request, slug, pk=None):
    district, programme = _programme(request, slug)
    if programme is None:
        return _needs_programme(request, district)
    priority = get_object_or_404(Priority, pk=pk, programme=programme) if pk else None
    initial = {}
    if priority is not None:
        initial = {name: getattr(priority, name) for name in services.PRIORITY_FIELDS}
        initial["field_of_action"] = priority.field_of_action_id
        initial["needs"] = [need.pk for need in priority.needs.all()]
    form = PriorityForm(
        request.POST if request.method == "POST" else None, initial=initial, version_of=priority, programme=programme
    )
    if run_service(
        request,
        form,
        lambda: services.save_priority(request.user, programme, priority, version=form.version, **form.cleaned_data),
        _("The priority has been saved."),
    ):
        return _back(district)
    return render(
        request,
        "districts/programmes/staff_form.html",
        {
            "district": district,
            "programme": programme,
            "form": form,
            "object": priority,
            "heading": priority.title if priority else _("New priority"),
        },
        status=400 if request.method == "POST" else 200,
    )
