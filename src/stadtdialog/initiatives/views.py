"""Public pages of the initiatives: list, page with history, submission form (staff pages: views_staff)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.organisation.models import District

from . import queries, services
from .forms import InitiativeForm, InitiativeListQuery
from .models import Initiative

PER_PAGE = 20


def initiative_list(request):
    query = parse_query(request.GET, InitiativeListQuery)
    state, kind, district = (query.get(name, "") for name in ("stand", "art", "bezirk"))
    page = Paginator(queries.public_list(state, kind, district), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/list.html",
        {
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "states": Initiative.State.choices,
            "kinds": Initiative.Kind.choices,
            "districts": District.objects.order_by("number").only("number", "name"),
            "state": state,
            "kind": kind,
            "district": district,
        },
    )


def initiative_detail(request, pk):
    initiative = queries.initiative_for_page(pk)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "steps": initiative.steps.all(),
            "may_review": request.user.has_perm("initiatives.review", initiative),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    if not request.user.has_perm("initiatives.submit"):
        return render(request, "initiatives/not_verified.html", status=403)
    may_file_motion = request.user.has_perm("initiatives.file_council_motion")
    form = InitiativeForm(request.POST or None, may_file_motion=may_file_motion)
    initiative = run_service(
        request,
        form,
        lambda: services.submit_initiative(request.user, **form.service_data()),
        _("Thank you. Your initiative has been received; its state is shown here."),
    )
    if initiative:
        return redirect(initiative)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "may_file_motion": may_file_motion},
        status=400 if request.method == "POST" else 200,
    )
