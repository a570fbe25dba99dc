"""Staff pages of the organisation (/verwaltung/organisation/): the OrgUnit tree, a unit, its form, move and
dissolution; the districts with their councils."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require

from . import queries, services
from .forms import (
    CouncilForm,
    DissolveForm,
    MoveForm,
    ParentChoice,
    UnitContactForm,
    UnitForm,
    council_initial,
    unit_initial,
)
from .models import OrgUnit

# --- The tree -----------------------------------------------------------------------------------------


@login_required
def units(request):
    require(request.user, "organisation.view_units")
    return render(
        request,
        "organisation/staff_units.html",
        {
            "tree": queries.unit_tree(lambda unit: request.user.has_perm("organisation.change_unit_contact", unit)),
            "dissolved": queries.dissolved_units(),
            "can_manage": request.user.has_perm("organisation.manage_units"),
        },
    )


@login_required
def unit_create(request):
    require(request.user, "organisation.manage_units")
    initial = {"kind": OrgUnit.Kind.DEPARTMENT}
    parent = queries.active_units().filter(pk=parse_query(request.GET, ParentChoice).get("unter") or 0).first()
    if parent is not None:
        initial["parent"] = parent.pk
    form = UnitForm(request.POST if request.method == "POST" else None, with_parent=True, initial=initial)
    unit = run_service(
        request,
        form,
        lambda: services.create_unit(request.user, **form.service_data()),
        _("The unit has been created."),
    )
    if unit:
        return redirect("organisation:unit", pk=unit.pk)
    return render(request, "organisation/staff_unit_form.html", {"form": form, "unit": None})


@login_required
def unit_detail(request, pk):
    unit = queries.unit_page(pk)
    require(request.user, "organisation.view_units")
    counts = queries.unit_counts([unit.pk]).get(unit.pk, [])
    return render(
        request,
        "organisation/staff_unit.html",
        {
            "unit": unit,
            "counts": counts,
            "can_edit": unit.dissolved_at is None and request.user.has_perm("organisation.change_unit_contact", unit),
            "can_manage": unit.dissolved_at is None and request.user.has_perm("organisation.manage_units"),
        },
    )


@login_required
def unit_edit(request, pk):
    unit = queries.unit_page(pk)
    require(request.user, "organisation.change_unit_contact", unit)
    if request.user.has_perm("organisation.manage_units"):
        form = UnitForm(request.POST if request.method == "POST" else None, initial=unit_initial(unit), version_of=unit)
        service = services.update_unit
    else:  # a unit lead: the contact data only
        form = UnitContactForm(
            request.POST if request.method == "POST" else None, initial=unit_initial(unit), version_of=unit
        )
        service = services.update_unit_contact
    if run_service(
        request,
        form,
        lambda: service(request.user, unit, version=form.version, **form.service_data()),
        _("The unit has been saved."),
    ):
        return redirect("organisation:unit", pk=unit.pk)
    return render(request, "organisation/staff_unit_form.html", {"form": form, "unit": unit})


@login_required
def unit_move(request, pk):
    unit = queries.unit_page(pk)
    require(request.user, "organisation.manage_units")
    form = MoveForm(
        request.POST if request.method == "POST" else None,
        unit=unit,
        initial={"parent": unit.parent_id},
        version_of=unit,
    )
    if run_service(
        request,
        form,
        lambda: services.move_unit(request.user, unit, parent=form.cleaned_data["parent"], version=form.version),
        _("The unit has been moved."),
    ):
        return redirect("organisation:unit", pk=unit.pk)
    return render(request, "organisation/staff_unit_move.html", {"form": form, "unit": unit})


@login_required
def unit_dissolve(request, pk):
    unit = queries.unit_page(pk)
    require(request.user, "organisation.manage_units")
    form = DissolveForm(request.POST if request.method == "POST" else None, unit=unit)
    if run_service(
        request,
        form,
        lambda: services.dissolve_unit(request.user, unit, successor=form.cleaned_data["successor"]),
        _("The unit has been dissolved; its successor has taken over."),
    ):
        return redirect("organisation:unit", pk=unit.pk)
    counts = queries.unit_counts([unit.pk], queries.relations_taken_over()).get(unit.pk, [])
    return render(request, "organisation/staff_unit_dissolve.html", {"form": form, "unit": unit, "counts": counts})


# --- Districts ----------------------------------------------------------------------------------------


@login_required
def districts(request):
    require(request.user, "organisation.manage_districts")
    return render(request, "organisation/staff_districts.html", {"districts": queries.districts_for_staff()})


@login_required
def district_detail(request, pk):
    district = queries.district_for_staff(pk)
    require(request.user, "organisation.manage_districts", district)
    return render(
        request,
        "organisation/staff_district.html",
        {"district": district, "council": queries.council_of(district)},
    )


@login_required
def council_edit(request, pk):
    district = queries.district_for_staff(pk)
    require(request.user, "organisation.manage_districts", district)
    form = CouncilForm(
        request.POST if request.method == "POST" else None,
        initial=council_initial(queries.council_of(district)),
        version_of=district,
    )
    if run_service(
        request,
        form,
        lambda: services.update_council(request.user, district, version=form.version, **form.service_data()),
        _("The district council has been saved."),
    ):
        return redirect("organisation:district", pk=district.pk)
    return render(request, "organisation/staff_council_form.html", {"form": form, "district": district})
