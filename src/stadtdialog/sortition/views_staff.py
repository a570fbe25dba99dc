"""Staff pages of the sortition under /verwaltung/losverfahren/ (public pages: views)."""

from functools import wraps

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stadtdialog.core.forms import add_service_errors

from . import queries
from .forms import (
    DrawForm,
    FeatureForm,
    InvitationForm,
    ProposeQuotasForm,
    QuotaForm,
    RegisterImportError,
    RegisterImportForm,
    ReplacementForm,
    RunForm,
    SignUpForm,
    SortitionForm,
)
from .models import LEGACY_DRAWS, Feature, Quota, SelectionRun, Sortition
from .services import register
from .services.letters import letters_of, open_letters, request_letters
from .services.runs import request_run
from .services.selection import (
    draw_panel,
    end_sortition,
    feasibility,
    proposed_quotas,
    publish_lottery,
    replace_member,
    set_quotas,
)

RUN = register.RUN


def staff_only(view):
    """Coordination office and administrators only; others log in or get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.has_perm(RUN, request.user):
            raise PermissionDenied(RUN)
        return view(request, *args, **kwargs)

    return wrapper


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def _step(request, pk, action, success: str):
    """Run a POSTed state step; show its errors as messages; back to the overview."""
    sortition = get_object_or_404(Sortition, pk=pk)
    try:
        action(sortition)
    except ValidationError as error:
        for text in _errors(error):
            messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect("sortition:staff_detail", pk=pk)


# Staff: setup and stage one -----------------------------------------------------------------


@staff_only
def staff_list(request):
    return render(request, "sortition/staff_list.html", {"sortitions": queries.staff_sortitions()})


@staff_only
def staff_create(request):
    form = SortitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sortition = register.create_sortition(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The sortition has been created."))
            return redirect("sortition:staff_detail", pk=sortition.pk)
    return render(request, "sortition/staff_form.html", {"form": form})


@staff_only
def staff_edit(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    form = SortitionForm(request.POST or None, instance=Sortition.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            register.update_sortition(request.user, sortition, version=form.version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("sortition:staff_detail", pk=pk)
    return render(request, "sortition/staff_form.html", {"form": form, "sortition": sortition})


@staff_only
def staff_detail(request, pk, import_form=None, invitation_form=None, feature_form=None, import_issues=None):
    sortition = queries.staff_sortition(pk)
    context = {
        "sortition": sortition,
        "letters": letters_of(sortition),
        "features": queries.features_with_values(sortition),
        "import_form": import_form or RegisterImportForm(),
        "import_issues": import_issues,
        "invitation_form": invitation_form or InvitationForm(initial={"count": sortition.panel_size * 10}),
        "feature_form": feature_form or FeatureForm(sortition=sortition),
        "states": Sortition.ORDER,
        "current": "overview",
    }
    return render(request, "sortition/staff_detail.html", context, status=400 if import_issues else 200)


@staff_only
@require_POST
def import_register(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    form = RegisterImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = register.import_register(request.user, sortition, form.cleaned_data["file"].read())
        except RegisterImportError as error:
            form.add_error("file", _("The file has %(n)s errors; nothing was imported.") % {"n": len(error.issues)})
            return staff_detail(request, pk, import_form=form, import_issues=error.issues)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(n)s people imported from the register extract.") % {"n": count})
            return redirect("sortition:staff_detail", pk=pk)
    return staff_detail(request, pk, import_form=form)


@staff_only
@require_POST
def invitations(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invited = register.draw_invitations(
                request.user, sortition, data["count"], data["stratify_by_district"], data["seed"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(n)s people drawn for an invitation.") % {"n": len(invited)})
            return redirect("sortition:staff_detail", pk=pk)
    return staff_detail(request, pk, invitation_form=form)


@staff_only
def letters(request, pk):
    """GET: download the letters made by the task worker; POST: make them (again) in the background."""
    sortition = get_object_or_404(Sortition, pk=pk)
    if not sortition.reached(Sortition.State.INVITATIONS_SENT):
        raise Http404
    if request.method == "POST":
        return _step(
            request,
            pk,
            lambda s: request_letters(request.user, s, request.build_absolute_uri("/")),
            _("The letters are being made. Refresh this page in a few minutes to download them."),
        )
    handle, made = open_letters(request.user, sortition)
    if handle is None:
        messages.error(request, _("There are no letters to download yet. Please make them first."))
        return redirect("sortition:staff_detail", pk=pk)
    response = FileResponse(
        handle, as_attachment=True, filename=f"einladungen-{sortition.pk}.pdf", content_type="application/pdf"
    )
    add_never_cache_headers(response)  # personal data: no proxy or browser cache keeps a copy
    return response


@staff_only
@require_POST
def add_feature(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    form = FeatureForm(request.POST, sortition=sortition)
    if form.is_valid():
        data = form.cleaned_data
        try:
            register.add_feature(request.user, sortition, data["key"], data["name"], data["values"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The feature has been added."))
            return redirect("sortition:staff_detail", pk=pk)
    return staff_detail(request, pk, feature_form=form)


@staff_only
@require_POST
def delete_feature(request, pk, feature_pk):
    feature = get_object_or_404(Feature, pk=feature_pk, sortition_id=pk)
    return _step(
        request, pk, lambda s: register.delete_feature(request.user, feature), _("The feature has been deleted.")
    )


@staff_only
@require_POST
def open_signup(request, pk):
    return _step(request, pk, lambda s: register.open_signup(request.user, s), _("Sign-up is open."))


@staff_only
@require_POST
def end(request, pk):
    return _step(request, pk, lambda s: end_sortition(request.user, s), _("The sortition has ended."))


# Staff: stage two, quotas, selection ---------------------------------------------------------


@staff_only
def respondents(request, pk):
    sortition = queries.staff_sortition(pk)
    runs = queries.latest_runs(sortition)
    leximin, legacy = runs.get(SelectionRun.Algorithm.LEXIMIN), runs.get(SelectionRun.Algorithm.LEGACY)
    rows = [
        {
            "respondent": r,
            "leximin": leximin.probabilities.get(r.pseudonym) if leximin else None,
            "legacy": legacy.probabilities.get(r.pseudonym) if legacy else None,
        }
        for r in queries.respondents(sortition)
    ]
    context = {
        "sortition": sortition,
        "rows": rows,
        "features": queries.features_with_values(sortition),
        "leximin": leximin,
        "legacy": legacy,
        "current": "respondents",
    }
    return render(request, "sortition/staff_respondents.html", context)


@staff_only
def paper_reply(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    features = queries.features_with_values(sortition)
    form = SignUpForm(request.POST or None, features=features, with_consent=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            register.sign_up(
                sortition,
                data["code"],
                form.answers(),
                email=data["email"],
                phone=data["phone"],
                actor=request.user,
                paper=True,
            )
        except ValidationError as error:
            form.add_error("code" if error.code in ("code", "household") else None, error)
        else:
            messages.success(request, _("The paper reply has been entered."))
            return redirect("sortition:paper_reply", pk=pk)
    return render(
        request, "sortition/staff_paper.html", {"sortition": sortition, "form": form, "current": "respondents"}
    )


@staff_only
def quotas(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    propose_form = ProposeQuotasForm(request.GET or None)
    values = queries.quota_rows(sortition)
    initial = None
    if propose_form.is_valid():
        proposal = proposed_quotas(sortition, propose_form.cleaned_data["tolerance"])
        initial = {f"{b}_{pk_}": bounds[i] for pk_, bounds in proposal.items() for i, b in enumerate(("min", "max"))}
    form = QuotaForm(request.POST or None, values=values, initial=initial, version_of=sortition)
    if request.method == "POST" and form.is_valid():
        try:
            set_quotas(request.user, sortition, form.bounds(), version=form.version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The quotas have been saved."))
            return redirect("sortition:quotas", pk=pk)
    has_quotas = any(_has_quota(v) for v in values)
    context = {
        "sortition": sortition,
        "form": form,
        "propose_form": propose_form,
        "values": values,
        "problem": feasibility(sortition) if has_quotas else None,
        "has_quotas": has_quotas,
        "current": "quotas",
    }
    return render(request, "sortition/staff_quotas.html", context)


def _has_quota(value) -> bool:
    try:
        return value.quota is not None
    except Quota.DoesNotExist:
        return False


@staff_only
def selection(request, pk, run_form=None, draw_form=None, replacement_form=None):
    sortition = queries.staff_sortition(pk)
    runs, more_runs = queries.recent_runs(sortition)
    latest = queries.latest_runs(sortition, summary_only=True)
    context = {
        "sortition": sortition,
        "runs": runs,
        "more_runs": more_runs,
        "pending": any(run.pending for run in runs),
        "leximin": latest.get(SelectionRun.Algorithm.LEXIMIN),
        "legacy": latest.get(SelectionRun.Algorithm.LEGACY),
        "run_form": run_form or RunForm(),
        "draw_form": draw_form or DrawForm(),
        "replacement_form": replacement_form or ReplacementForm(sortition=sortition),
        "members": queries.panel_members(sortition),
        "replacements": queries.replacements(sortition),
        "current": "selection",
    }
    return render(request, "sortition/staff_selection.html", context)


def _selection_step(request, pk, form, action, success, form_name):
    sortition = get_object_or_404(Sortition, pk=pk)
    if form.is_valid():
        try:
            action(sortition, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect("sortition:selection", pk=pk)
    return selection(request, pk, **{form_name: form})


@staff_only
@require_POST
def run(request, pk):
    return _selection_step(
        request,
        pk,
        RunForm(request.POST),
        lambda s, data: request_run(
            request.user, s, data["algorithm"], seed=data["seed"], draws=data["draws"] or LEGACY_DRAWS
        ),
        _("The computation has been queued. Refresh this page to see its result."),
        "run_form",
    )


@staff_only
@require_POST
def publish(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    run = sortition.runs.filter(algorithm=SelectionRun.Algorithm.LEXIMIN, status=SelectionRun.Status.DONE).first()
    try:
        if run is None:
            raise ValidationError(_("Compute the LEXIMIN probabilities first."))
        publish_lottery(request.user, sortition, run)
    except ValidationError as error:
        for text in _errors(error):
            messages.error(request, text)
    else:
        messages.success(request, _("The lottery has been published."))
    return redirect("sortition:selection", pk=pk)


@staff_only
@require_POST
def draw(request, pk):
    return _selection_step(
        request,
        pk,
        DrawForm(request.POST),
        lambda s, data: draw_panel(request.user, s, data["public_number"]),
        _("The panel has been drawn."),
        "draw_form",
    )


@staff_only
@require_POST
def replace(request, pk):
    sortition = get_object_or_404(Sortition, pk=pk)
    return _selection_step(
        request,
        pk,
        ReplacementForm(request.POST, sortition=sortition),
        lambda s, data: replace_member(request.user, s, data["member"], data["reason"]),
        _("A replacement has been drawn."),
        "replacement_form",
    )
