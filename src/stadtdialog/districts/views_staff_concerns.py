"""Staff pages of residents' concerns (/verwaltung/anliegen/…): the list, one concern with its triage forms, its
photo, the categories and the Open311 client applications. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require

from . import queries_concerns as queries
from . import services_concerns as services
from .forms_concerns import (
    CategoryForm,
    ClientChoice,
    ClientForm,
    CloseForm,
    InitiativeFromConcernForm,
    MoveForm,
    NoteForm,
    ReferForm,
    StaffListQuery,
    StepChoice,
    StepForm,
    SummaryForm,
    TakeCareForm,
    UpdateForm,
)
from .models.concerns import ConcernCategory, ConcernStep, Open311Client
from .views_concerns import _photo_response


@login_required
def staff_concerns(request):
    require(request.user, "districts.access_concerns")
    query = parse_query(request.GET, StaffListQuery)
    state = query.get("stand") or queries.OPEN
    page = Paginator(queries.staff_list(request.user, state), 50).get_page(query.get("page"))
    return render(
        request,
        "districts/concerns/staff_list.html",
        {
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "state": state,
            "filters": [
                (queries.OPEN, _("Open")),
                (queries.OVERDUE, _("Overdue")),
                (queries.CLOSED, _("Closed")),
                (queries.ALL, _("All")),
            ],
            "may_manage_categories": request.user.has_perm("districts.manage_concern_categories"),
        },
    )


def _forms(request, concern, action):
    """The triage forms of the page; only the one whose action was sent is bound."""
    data = request.POST if request.method == "POST" else None

    def bound(name):
        return data if action == name else None

    return {
        "review": None,
        "refer": ReferForm(bound("refer"), district=concern.district, prefix="refer"),
        "take_care": TakeCareForm(bound("take_care"), prefix="care"),
        "step": StepForm(bound("step"), prefix="step"),
        "update": UpdateForm(bound("update"), concern=concern, prefix="update"),
        "note": NoteForm(bound("note"), prefix="note"),
        "close": CloseForm(bound("close"), prefix="close"),
        "move": MoveForm(bound("move"), prefix="move"),
        "initiative": InitiativeFromConcernForm(
            bound("initiative"), prefix="initiative", initial={"title": concern.category.name}
        ),
        "summary": SummaryForm(bound("summary"), prefix="summary", initial={"summary": concern.public_summary}),
    }


def _run(request, concern, action, forms):
    user, base = request.user, request.build_absolute_uri("/")
    if action == "review":
        services.start_review(user, concern, base)
        return _("The concern is now in review; the resident has been told.")
    if action == "finish_step":
        step = get_object_or_404(ConcernStep, pk=_step_id(request), concern=concern)
        services.finish_step(user, step)
        return _("The step is done.")
    if action == "withdraw_summary":
        services.withdraw_summary(user, concern)
        return _("The public summary has been taken back.")
    form = forms.get(action)
    if form is None:
        raise Http404
    calls = {
        "refer": lambda d: services.refer(
            user, concern, unit=d["unit"], contact_point=d["contact_point"], note=d["note"], base_url=base
        ),
        "take_care": lambda d: services.take_care(user, concern, text=d["text"], base_url=base),
        "step": lambda d: services.add_step(
            user, concern, what=d["what"], unit=d["unit"], network=d["network"], due_on=d["due_on"]
        ),
        "update": lambda d: services.add_update(user, concern, text=d["text"], step=d["step"], base_url=base),
        "note": lambda d: services.add_note(user, concern, text=d["text"]),
        "close": lambda d: services.close(user, concern, outcome=d["outcome"], reason=d["reason"], base_url=base),
        "move": lambda d: services.move(user, concern, district=d["district"], note=d["note"], base_url=base),
        "initiative": lambda d: services.turn_into_initiative(
            user, concern, kind=d["kind"], title=d["title"], description=d["description"], base_url=base
        ),
        "summary": lambda d: services.publish_summary(user, concern, summary=d["summary"]),
    }
    done = {
        "refer": _("The concern has been referred and closed; the resident has been mailed the contact."),
        "take_care": _("You take care of the concern; the resident has been told."),
        "step": _("The step has been added."),
        "update": _("The status update has been mailed to the resident."),
        "note": _("The internal note has been saved."),
        "close": _("The concern is closed; the resident has been mailed the reason."),
        "move": _("The concern has been moved to the other district."),
        "initiative": _("The initiative has been submitted and linked; the concern is closed."),
        "summary": _("The anonymised summary is published."),
    }
    return run_service(request, form, lambda: calls[action](form.cleaned_data), done[action]) and None


def _step_id(request):
    step = parse_query(request.POST, StepChoice).get("step")
    if step is None:
        raise Http404
    return step


@login_required
@require_http_methods(["GET", "POST"])
def staff_concern(request, pk):
    concern = queries.concern_for_staff(pk)
    require(request.user, "districts.view_concern", concern)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _forms(request, concern, action)
    if request.method == "POST":
        try:
            message = _run(request, concern, action, forms)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("districts:staff_concern", pk=concern.pk)
        except PermissionDenied:
            # closed by a colleague at the same moment (the service re-reads the locked row): a message, no 403
            if not queries.concern_for_staff(pk).is_closed:
                raise
            messages.error(request, _("This concern was closed meanwhile; your change has not been saved."))
            return redirect("districts:staff_concern", pk=concern.pk)
        form = forms.get(action)
        if message:
            messages.success(request, message)
        if form is None or (form.is_bound and not form.errors):
            return redirect("districts:staff_concern", pk=concern.pk)
    user = request.user
    return render(
        request,
        "districts/concerns/staff_detail.html",
        {
            "concern": concern,
            "steps": list(concern.steps.all()),
            "updates": list(concern.updates.all()),
            "notes": list(concern.notes.all()),
            "forms": forms,
            "may_triage": user.has_perm("districts.triage_concern", concern),
            "may_update": user.has_perm("districts.add_concern_update", concern),
            "may_publish": user.has_perm("districts.publish_concern", concern) and concern.consent_publish,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def staff_concern_photo(request, pk):
    concern = queries.concern_for_staff(pk)
    require(request.user, "districts.view_concern", concern)
    if not concern.photo:
        raise Http404
    return _photo_response(concern)


@login_required
def staff_categories(request):
    require(request.user, "districts.manage_concern_categories")
    return render(
        request,
        "districts/concerns/staff_categories.html",
        {"categories": ConcernCategory.objects.select_related("department").order_by("position", "name")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_category_edit(request, pk=None):
    require(request.user, "districts.manage_concern_categories")
    category = get_object_or_404(ConcernCategory, pk=pk) if pk else None
    initial = {}
    if category is not None:
        initial = {name: getattr(category, name) for name in services.CATEGORY_FIELDS}
        initial["department"] = category.department_id
    form = CategoryForm(request.POST or None, initial=initial, version_of=category)
    if run_service(
        request,
        form,
        lambda: services.save_category(request.user, category, version=form.version, **form.cleaned_data),
        _("The category has been saved."),
    ):
        return redirect("districts:staff_concern_categories")
    return render(
        request,
        "districts/concerns/staff_category_form.html",
        {"form": form, "category": category},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_open311_clients(request):
    require(request.user, "districts.manage_open311_clients")
    form = ClientForm(request.POST if request.POST.get("action") == "create" else None)
    new_key = None
    if request.method == "POST" and request.POST.get("action") == "deactivate":
        client_id = parse_query(request.POST, ClientChoice).get("client")
        client = get_object_or_404(Open311Client, pk=client_id or 0)
        services.deactivate_open311_client(request.user, client)
        messages.success(request, _("The application's key no longer works."))
        return redirect("districts:staff_open311_clients")
    result = run_service(
        request,
        form,
        lambda: services.create_open311_client(request.user, name=form.cleaned_data["name"]),
        _("The application has been added. Copy its key now: it is shown only once."),
    )
    if result:
        new_key = result[1]
        form = ClientForm()
    return render(
        request,
        "districts/concerns/staff_open311_clients.html",
        {"form": form, "clients": Open311Client.objects.order_by("name"), "new_key": new_key},
    )
