"""Staff pages of the funding rounds (/verwaltung/foerderung/…), for the coordination office and the admin:
rounds with the remaining budget, committees and their members, the screening of applications (send back
for more information, eligible with a recommendation, not eligible), the session (attendance, agenda,
quorum, decisions, closing), payment dates and the acceptance of use-of-funds reports."""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import run_service
from stadtdialog.core.rules import require

from . import queries_funding as queries
from .forms_funding import (
    AgendaForm,
    AttendanceForm,
    CommitteeForm,
    DecisionForm,
    InstalmentForm,
    MemberForm,
    MoreInfoForm,
    ReviewForm,
    RoundForm,
    ScreenForm,
    SessionForm,
)
from .models_funding import Committee, CommitteeMember, FundingRound, Instalment
from .services import funding as services
from .views import site_root


def _manage(request):
    require(request.user, "office.manage_funding")


@login_required
def staff_funding(request):
    _manage(request)
    return render(
        request,
        "office/funding/staff_home.html",
        {
            "rounds": list(FundingRound.objects.select_related("committee")),
            "committees": list(Committee.objects.all()),
            "reports": list(queries.reports_to_review()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_round_create(request):
    _manage(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        funding_round = run_service(
            request,
            form,
            lambda: services.create_round(request.user, **form.service_data()),
            _("The funding round is open."),
        )
        if funding_round:
            return redirect("office:staff_funding_round", pk=funding_round.pk)
    return render(
        request,
        "office/funding/staff_form.html",
        {"form": form, "title": _("New funding round")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_round_edit(request, pk):
    _manage(request)
    funding_round = get_object_or_404(FundingRound, pk=pk)
    form = RoundForm(request.POST or None, instance=funding_round)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.update_round(
            request.user, FundingRound.objects.get(pk=funding_round.pk), version=form.version, **form.service_data()
        ),
        _("The funding round is saved."),
    ):
        return redirect("office:staff_funding_round", pk=funding_round.pk)
    return render(
        request,
        "office/funding/staff_form.html",
        {"form": form, "title": funding_round.title, "object": funding_round},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_round(request, pk):
    _manage(request)
    funding_round = get_object_or_404(FundingRound.objects.select_related("committee"), pk=pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        session = run_service(
            request,
            form,
            lambda: services.create_session(request.user, funding_round, **form.cleaned_data),
            _("The session is planned."),
        )
        if session:
            return redirect("office:staff_funding_session", pk=session.pk)
    return render(
        request,
        "office/funding/staff_round.html",
        {
            "round": funding_round,
            "applications": list(queries.round_applications(funding_round)),
            "sessions": list(funding_round.sessions.all()),
            "members": list(funding_round.committee.members.select_related("user")),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_committee_create(request):
    _manage(request)
    form = CommitteeForm(request.POST or None)
    if request.method == "POST":
        committee = run_service(
            request,
            form,
            lambda: services.create_committee(request.user, **form.cleaned_data),
            _("The committee is recorded."),
        )
        if committee:
            return redirect("office:staff_funding_committee", pk=committee.pk)
    return render(
        request,
        "office/funding/staff_form.html",
        {"form": form, "title": _("New committee")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_committee(request, pk):
    _manage(request)
    committee = get_object_or_404(Committee, pk=pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.add_committee_member(
            request.user,
            committee,
            form.member,
            is_chair=form.cleaned_data["is_chair"],
            is_external=form.cleaned_data["is_external"],
            affiliation=form.cleaned_data["affiliation"],
        ),
        _("The member is added."),
    ):
        return redirect("office:staff_funding_committee", pk=committee.pk)
    return render(
        request,
        "office/funding/staff_committee.html",
        {"committee": committee, "members": list(committee.members.select_related("user")), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_application(request, pk):
    _manage(request)
    application = queries.application_for_page(pk)
    if application is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    more_form = MoreInfoForm(request.POST if action == "more_info" else None, prefix="info")
    screen_form = ScreenForm(request.POST if action == "screen" else None, prefix="screen")
    instalment_form = InstalmentForm(request.POST if action == "instalment" else None, prefix="pay")
    review_form = ReviewForm(request.POST if action == "review" else None, prefix="review")
    root = site_root(request)
    done = None
    if action == "more_info":
        done = run_service(
            request,
            more_form,
            lambda: services.request_more_information(request.user, application, more_form.cleaned_data["note"], root),
            _("The application is sent back; the applicant is asked for the information."),
        )
    elif action == "screen":
        done = run_service(
            request,
            screen_form,
            lambda: services.screen_application(request.user, application, base_url=root, **screen_form.cleaned_data),
            _("The eligibility check is recorded."),
        )
    elif action == "instalment":
        done = run_service(
            request,
            instalment_form,
            lambda: services.add_instalment(request.user, application, **instalment_form.cleaned_data),
            _("The payment date is recorded."),
        )
    elif action == "paid":
        instalment_id = request.POST.get("instalment", "")
        if not (instalment_id.isdigit() and len(instalment_id) < 10):
            raise Http404
        instalment = get_object_or_404(Instalment, pk=int(instalment_id), application=application)
        done = run_service(
            request,
            _ok_form(),
            lambda: services.mark_paid(request.user, instalment),
            _("The payment is recorded."),
        )
    elif action == "review" and hasattr(application, "report"):
        done = run_service(
            request,
            review_form,
            lambda: services.review_report(request.user, application.report, base_url=root, **review_form.cleaned_data),
            _("The review of the report is recorded; the applicant is told."),
        )
    if done:
        return redirect("office:staff_funding_application", pk=application.pk)
    report = getattr(application, "report", None)
    return render(
        request,
        "office/funding/staff_application.html",
        {
            "application": application,
            "report": report,
            "documents": list(report.documents.all()) if report else [],
            "more_form": more_form,
            "screen_form": screen_form,
            "instalment_form": instalment_form,
            "review_form": review_form,
        },
        status=400 if action else 200,
    )


def _ok_form():
    """A form without fields, for an action that only confirms (its errors are the service's)."""
    return forms.Form({})


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_session(request, pk):
    _manage(request)
    session = queries.session_for_page(pk)
    if session is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    attendance_form = AttendanceForm(
        request.POST if action == "attendance" else None,
        session=session,
        initial={"present": [m.pk for m in session.present.all()]},
    )
    agenda_form = AgendaForm(request.POST if action == "agenda" else None, session=session)
    close_form = _ok_form()
    decision_forms = {}
    done = None
    if action == "attendance":
        done = run_service(
            request,
            attendance_form,
            lambda: services.set_attendance(request.user, session, list(attendance_form.cleaned_data["present"])),
            _("The attendance is recorded; the session is open."),
        )
    elif action == "agenda":
        done = run_service(
            request,
            agenda_form,
            lambda: services.put_on_agenda(request.user, session, agenda_form.cleaned_data["application"]),
            _("The application is on the agenda."),
        )
    elif action == "decide":
        item_id = request.POST.get("item", "")
        item = session.items.filter(pk=int(item_id)).first() if item_id.isdigit() and len(item_id) < 10 else None
        if item is None:
            raise Http404
        form = DecisionForm(request.POST, prefix=f"d{item.pk}")
        decision_forms[item.pk] = form
        done = run_service(
            request,
            form,
            lambda: services.decide(request.user, item, base_url=site_root(request), **form.cleaned_data),
            _("The decision is recorded; the applicant is told by e-mail."),
        )
    elif action == "close":
        done = run_service(
            request, close_form, lambda: services.close_session(request.user, session), _("The session is closed.")
        )
    if done:
        return redirect("office:staff_funding_session", pk=session.pk)
    present = list(session.present.all())
    quorum = session.round.committee.quorum
    rows = []
    for item in session.items.all():
        conflicted = {c.member_id for c in item.conflicts.all()}
        voting = [m for m in present if m.pk not in conflicted]
        votes = [v for v in item.votes.all() if v.member_id not in conflicted]
        rows.append(
            {
                "item": item,
                "has_quorum": len(voting) >= quorum,
                "voting": voting,
                "tally": {choice: sum(v.choice == choice for v in votes) for choice in ("yes", "no", "abstain")},
                "form": decision_forms.get(item.pk)
                or DecisionForm(
                    prefix=f"d{item.pk}",
                    initial={"amount": item.application.recommended_amount or item.application.requested_amount},
                ),
            }
        )
    return render(
        request,
        "office/funding/staff_session.html",
        {
            "session": session,
            "round": session.round,
            "rows": rows,
            "attendance_form": attendance_form,
            "agenda_form": agenda_form,
            "close_form": close_form,
            "quorum": quorum,
        },
        status=400 if action else 200,
    )


def _member_back_url(request, seat) -> str:
    """Back to the round's page the link came from (?runde=<pk> of a round of this committee), else the committee."""
    round_pk = request.GET.get("runde", "")
    # ASCII digits only and within a bigint: str.isdigit() also takes "²", which int() refuses
    if (
        re.fullmatch(r"[0-9]{1,18}", round_pk)
        and FundingRound.objects.filter(pk=int(round_pk), committee_id=seat.committee_id).exists()
    ):
        return reverse("office:staff_funding_round", args=[int(round_pk)])
    return reverse("office:staff_funding_committee", args=[seat.committee_id])


@login_required
@require_http_methods(["GET", "POST"])
def staff_funding_member_remove(request, pk):
    """Confirm, then take a member off the committee. Refused (and said so before the button) once the member took
    part in a session: the minutes and the decisions keep them."""
    _manage(request)
    seat = get_object_or_404(CommitteeMember.objects.select_related("user", "committee"), pk=pk)
    back_url = _member_back_url(request, seat)
    refusal = services.member_record_error(seat)
    if request.method == "POST" and not refusal:
        try:
            services.remove_committee_member(request.user, seat)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, _("%(name)s is no longer a member of the committee.") % {"name": seat.name})
            return redirect(back_url)
    return render(
        request,
        "office/funding/staff_member_remove.html",
        {"seat": seat, "committee": seat.committee, "refusal": refusal, "back_url": back_url},
        status=400 if request.method == "POST" else 200,
    )
