"""Pages of the funding rounds for the public, the applicants and the committee members (/foerderung/…).

Public: the rounds with their remaining budget and the approved projects (title, district, amount, purpose –
no personal data). Applicants: drafts, submission, the office's questions, the decision, the use-of-funds
report. Committee members: their sessions, the documents of each item (not of an item on which they declared a
conflict of interest), their vote, the minutes as PDF."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import run_service
from stadtdialog.core.pdf import render_pdf
from stadtdialog.core.rules import require

from . import queries_funding as queries
from .forms_funding import ApplicationForm, ConflictForm, ReportForm, VoteForm, application_initial
from .models_funding import AgendaItem, ReportDocument
from .rules_funding import member_of
from .services import funding as services
from .views import site_root


def funding_home(request):
    return render(
        request,
        "office/funding/home.html",
        {"rounds": list(queries.public_rounds()), "projects": queries.funded_projects()},
    )


def funding_round(request, slug):
    funding_round = get_object_or_404(queries.public_rounds().select_related("committee"), slug=slug)
    return render(
        request,
        "office/funding/round.html",
        {
            "round": funding_round,
            "projects": queries.funded_projects(funding_round),
            "may_apply": request.user.has_perm("office.apply_for_funding", funding_round),
        },
    )


def _choices(user, funding_round):
    labels = {
        "department": _("Department"),
        "district_council": _("District council"),
        "initiative": _("Initiative or association"),
    }
    return [
        (f"{kind}-{getattr(obj, 'pk', 0)}", f"{labels[kind]}{f': {obj}' if obj is not None else ''}", (kind, obj))
        for kind, obj in services.applicant_choices(user, funding_round)
    ]


def _save(request, form, funding_round, application=None):
    submit = request.POST.get("action") == "submit"
    message = (
        _("The application is submitted; the coordination office checks it.")
        if submit
        else _("The draft is saved. It is submitted only when you choose “Submit”.")
    )
    return run_service(
        request,
        form,
        lambda: services.save_application(
            request.user,
            funding_round,
            application=application,
            submit=submit,
            base_url=site_root(request),
            **form.service_data(),
        ),
        message,
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_apply(request, slug):
    funding_round = get_object_or_404(queries.public_rounds(), slug=slug)
    require(request.user, "office.apply_for_funding", funding_round)
    choices = _choices(request.user, funding_round)
    if not choices:
        raise PermissionDenied(_("You cannot apply in this round."))
    form = ApplicationForm(request.POST or None, choices=choices)
    if request.method == "POST":
        application = _save(request, form, funding_round)
        if application:
            return redirect("office:funding_application", pk=application.pk)
    return render(
        request,
        "office/funding/application_form.html",
        {"form": form, "round": funding_round},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_applications(request):
    return render(
        request, "office/funding/my_applications.html", {"applications": list(queries.applications_of(request.user))}
    )


def _application(request, pk, permission="office.view_funding_application"):
    application = queries.application_for_page(pk)
    if application is None:
        raise Http404
    require(request.user, permission, application)
    return application


@login_required
def funding_application(request, pk):
    application = _application(request, pk)
    report = getattr(application, "report", None)
    return render(
        request,
        "office/funding/application.html",
        {
            "application": application,
            "report": report,
            "documents": list(report.documents.all()) if report else [],
            "decision": application.agenda_items.exclude(outcome="").order_by("-decided_at").first(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_application_edit(request, pk):
    application = _application(request, pk, "office.change_funding_application")
    if not application.is_editable:
        return redirect("office:funding_application", pk=application.pk)
    form = ApplicationForm(request.POST or None, initial=application_initial(application))
    if request.method == "POST" and _save(request, form, application.round, application):
        return redirect("office:funding_application", pk=application.pk)
    return render(
        request,
        "office/funding/application_form.html",
        {"form": form, "round": application.round, "application": application},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_report(request, pk):
    application = _application(request, pk, "office.change_funding_application")
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        done = run_service(
            request,
            form,
            lambda: services.submit_report(
                request.user,
                application,
                summary=form.cleaned_data["summary"],
                spent_amount=form.cleaned_data["spent_amount"],
                documents=[(form.cleaned_data["document_title"], form.cleaned_data["file"])]
                if form.cleaned_data.get("file")
                else [],
                base_url=site_root(request),
            ),
            _("The use-of-funds report is submitted; the coordination office checks it."),
        )
        if done:
            return redirect("office:funding_application", pk=application.pk)
    return render(
        request,
        "office/funding/report_form.html",
        {"form": form, "application": application},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def funding_document(request, pk, document_pk):
    application = queries.application_for_page(pk)
    if application is None:
        raise Http404
    if not (
        request.user.has_perm("office.view_funding_application", application)
        or request.user.has_perm("office.manage_funding")
    ):
        raise PermissionDenied
    document = get_object_or_404(ReportDocument, pk=document_pk, report__application=application)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:  # the file is gone from the storage
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


# --- the committee ---------------------------------------------------------------------------------------


@login_required
def committee_sessions(request):
    return render(
        request, "office/funding/committee_sessions.html", {"sessions": list(queries.sessions_of_member(request.user))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_session(request, pk):
    session = queries.session_for_page(pk)
    if session is None:
        raise Http404
    require(request.user, "office.attend_committee_session", session)
    member = member_of(request.user, session.round.committee_id)
    forms_of = {}
    status = 200
    if request.method == "POST" and member is not None:
        item_form = forms.Form(request.POST)
        item_id = request.POST.get("item", "")
        item = session.items.filter(pk=int(item_id)).first() if item_id.isdigit() and len(item_id) < 10 else None
        action = request.POST.get("action")
        if item is None:
            raise Http404
        if action == "conflict":
            form = ConflictForm(request.POST, prefix=f"c{item.pk}")
            done = run_service(
                request,
                form,
                lambda: services.declare_conflict(request.user, item, form.cleaned_data["reason"]),
                _("Your conflict of interest is recorded; you take no part in this item."),
            )
        elif action == "vote":
            form = VoteForm(request.POST, prefix=f"v{item.pk}")
            done = run_service(
                request,
                form,
                lambda: services.cast_vote(request.user, item, form.cleaned_data["choice"]),
                _("Your vote is recorded."),
            )
        else:
            form, done = item_form, False
        if done:
            return redirect("office:committee_session", pk=session.pk)
        forms_of[(item.pk, action)] = form
        status = 400
    rows = []
    for item in session.items.all():
        conflicted = member is not None and any(c.member_id == member.pk for c in item.conflicts.all())
        my_vote = next((v for v in item.votes.all() if member is not None and v.member_id == member.pk), None)
        rows.append(
            {
                "item": item,
                "conflicted": conflicted,
                "my_vote": my_vote,
                "conflict_form": forms_of.get((item.pk, "conflict")) or ConflictForm(prefix=f"c{item.pk}"),
                "vote_form": forms_of.get((item.pk, "vote"))
                or VoteForm(prefix=f"v{item.pk}", initial={"choice": my_vote.choice if my_vote else None}),
            }
        )
    return render(
        request,
        "office/funding/committee_session.html",
        {"session": session, "member": member, "rows": rows},
        status=status,
    )


@login_required
def committee_item(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("session__round"), pk=pk)
    if not request.user.has_perm("office.see_agenda_item_documents", item):
        if member_of(request.user, item.session.round.committee_id) is not None:
            raise PermissionDenied(
                _("You have declared a conflict of interest on this item; its documents are closed to you.")
            )
        raise PermissionDenied
    application = queries.application_for_page(item.application_id)
    return render(request, "office/funding/committee_item.html", {"item": item, "application": application})


@login_required
def committee_minutes(request, pk):
    session = queries.session_for_page(pk)
    if session is None:
        raise Http404
    require(request.user, "office.attend_committee_session", session)
    rows = []
    for item in session.items.all():
        conflicted = {c.member_id for c in item.conflicts.all()}
        rows.append(
            {
                "item": item,
                "conflicts": list(item.conflicts.all()),
                "voting": [m for m in session.present.all() if m.pk not in conflicted],
            }
        )
    pdf = render_pdf(
        "office/funding/minutes_pdf.html",
        {"session": session, "rows": rows, "round": session.round, "committee": session.round.committee},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokoll-{session.pk}.pdf"'
    return response
