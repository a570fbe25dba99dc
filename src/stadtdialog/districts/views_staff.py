"""Staff pages of the district management: the work area of a district with its profile, networks, monitoring
notes and indicator upload; the directory of contact points; the city-wide indicator upload."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff
from stadtdialog.core.confirm import confirm_and_run
from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import District

from . import queries, services
from .forms import ContactPointForm, DirectoryQuery, IndicatorImportForm, NetworkForm, NoteForm, ProfileForm
from .models import ContactPoint, DistrictProfile, MonitoringNote, Network

BREADCRUMBS = "districts/_staff_breadcrumbs.html"


def _district(request, slug, permission="districts.change_district") -> District:
    district = get_object_or_404(District.objects.select_related("council"), slug=slug)
    require(request.user, permission, district)
    return district


def _work_area_url(district) -> str:
    return reverse("districts:staff_district", args=[district.slug])


@login_required
def staff_districts(request):
    require(request.user, "districts.access_district_area")
    from . import queries_conferences  # the conferences' overview (issue 13)

    overview = queries_conferences.overview() if request.user.has_perm("districts.view_conference_overview") else None
    return render(
        request,
        "districts/staff_districts.html",
        {"districts": queries.districts_for_staff(request.user), "conference_overview": overview},
    )


@login_required
def staff_district(request, slug):
    """The work area; the district council's members see its public part."""
    district = _district(request, slug, "districts.view_work_area")
    return render(
        request,
        "districts/staff_district.html",
        {"district": district, **queries.work_area(district, request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_profile(request, slug):
    district = _district(request, slug)
    profile = DistrictProfile.objects.filter(district=district).first()
    initial = {}
    if profile:
        initial = {name: getattr(profile, name) for name in services.PROFILE_FIELDS if name != "photo"}
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial, version_of=district)
    if run_service(
        request,
        form,
        lambda: services.save_profile(request.user, district, form.service_data(), version=form.version),
        _("The district page has been saved."),
    ):
        return redirect(_work_area_url(district))
    return render(
        request,
        "districts/staff_form.html",
        {
            "district": district,
            "form": form,
            "title": _("District page: office hours and concerns"),
            "multipart": True,
            "profile": profile,
            "history_object": profile,
        },
    )


# -- networks -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_network_create(request, slug):
    district = _district(request, slug)
    form = NetworkForm(request.POST or None, district=district)
    if run_service(
        request,
        form,
        lambda: services.create_network(request.user, district, form.service_data()),
        _("The network has been saved."),
    ):
        return redirect(_work_area_url(district))
    return render(request, "districts/staff_form.html", {"district": district, "form": form, "title": _("New network")})


def _network(request, slug, pk) -> tuple[District, Network]:
    district = _district(request, slug)
    return district, get_object_or_404(Network, pk=pk, district=district)


@login_required
@require_http_methods(["GET", "POST"])
def staff_network_edit(request, slug, pk):
    district, network = _network(request, slug, pk)
    form = NetworkForm(request.POST or None, instance=network, district=district)
    if run_service(
        request,
        form,
        lambda: services.update_network(request.user, network, form.service_data(), version=form.version),
        _("The network has been saved."),
    ):
        return redirect(_work_area_url(district))
    return render(
        request,
        "districts/staff_form.html",
        {
            "district": district,
            "form": form,
            "title": _("Edit network"),
            "history_object": network,
            "delete_url": reverse("districts:staff_network_delete", args=[district.slug, network.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_network_delete(request, slug, pk):
    district, network = _network(request, slug, pk)
    return confirm_and_run(
        request,
        obj=network,
        service=lambda: services.delete_network(request.user, network),
        title=_("Remove network"),
        question=_("The network leaves the district page and the work area."),
        button=_("Remove"),
        done_message=_("The network has been removed."),
        back_url=_work_area_url(district),
        breadcrumbs=BREADCRUMBS,
        context={"district": district},
    )


# -- monitoring notes -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_note_create(request, slug):
    district = _district(request, slug)
    form = NoteForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.create_note(request.user, district, form.service_data()),
        _("The note has been saved."),
    ):
        return redirect(_work_area_url(district))
    return render(
        request, "districts/staff_form.html", {"district": district, "form": form, "title": _("New monitoring note")}
    )


def _note(request, slug, pk) -> tuple[District, MonitoringNote]:
    district = _district(request, slug)
    return district, get_object_or_404(MonitoringNote, pk=pk, district=district)


@login_required
@require_http_methods(["GET", "POST"])
def staff_note_edit(request, slug, pk):
    district, note = _note(request, slug, pk)
    form = NoteForm(request.POST or None, instance=note)
    if run_service(
        request,
        form,
        lambda: services.update_note(request.user, note, form.service_data(), version=form.version),
        _("The note has been saved."),
    ):
        return redirect(_work_area_url(district))
    return render(
        request,
        "districts/staff_form.html",
        {
            "district": district,
            "form": form,
            "title": _("Edit monitoring note"),
            "history_object": note,
            "delete_url": reverse("districts:staff_note_delete", args=[district.slug, note.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_note_delete(request, slug, pk):
    district, note = _note(request, slug, pk)
    return confirm_and_run(
        request,
        obj=note,
        service=lambda: services.delete_note(request.user, note),
        title=_("Remove monitoring note"),
        question=_("The note is removed; its history stays."),
        button=_("Remove"),
        done_message=_("The note has been removed."),
        back_url=_work_area_url(district),
        breadcrumbs=BREADCRUMBS,
        context={"district": district},
    )


# -- indicators -----------------------------------------------------------------------------------------


def _import_page(request, district):
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    count = run_service(
        request,
        form,
        lambda: services.import_indicators(request.user, form.cleaned_data["file"], district=district),
        _("The indicator values have been imported."),
    )
    if count:
        return redirect(_work_area_url(district) if district else reverse("districts:staff_indicator_import"))
    return render(request, "districts/staff_import.html", {"district": district, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_district_import(request, slug):
    return _import_page(request, _district(request, slug))


@login_required
@require_http_methods(["GET", "POST"])
def staff_indicator_import(request):
    require(request.user, "districts.import_indicators")
    return _import_page(request, None)


# -- the directory --------------------------------------------------------------------------------------


def _contact_point_form(request, **kwargs) -> ContactPointForm:
    """The form with the districts the user keeps entries for (and the whole city for city-wide staff)."""
    city_wide = is_city_wide_staff(request.user)
    districts = District.objects.order_by("number")
    if not city_wide:
        districts = districts.filter(pk__in=district_ids_of(request.user))
    return ContactPointForm(request.POST or None, districts=districts, city_wide=city_wide, **kwargs)


@login_required
def staff_directory(request):
    require(request.user, "districts.access_directory")
    district = None
    slug = parse_query(request.GET, DirectoryQuery).get("bezirk")
    if slug:
        district = get_object_or_404(District, slug=slug)
    points = list(queries.editable_contact_points(request.user, district))
    return render(
        request,
        "districts/staff_directory.html",
        {"groups": queries.directory_groups(points), "district": district},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_contact_point_create(request):
    require(request.user, "districts.access_directory")
    slug = parse_query(request.GET, DirectoryQuery).get("bezirk")
    district = District.objects.filter(slug=slug).first() if slug else None
    form = _contact_point_form(request, initial={"district": district})
    if run_service(
        request,
        form,
        lambda: services.create_contact_point(request.user, form.service_data()),
        _("The entry has been saved."),
    ):
        return redirect("districts:staff_directory")
    return render(
        request,
        "districts/staff_form.html",
        {"form": form, "title": _("New entry of the directory"), "area": "directory"},
    )


def _contact_point(request, pk) -> ContactPoint:
    point = get_object_or_404(ContactPoint.objects.select_related("district"), pk=pk)
    if not request.user.has_perm("districts.change_contact_point", point):
        raise PermissionDenied
    return point


@login_required
@require_http_methods(["GET", "POST"])
def staff_contact_point_edit(request, pk):
    point = _contact_point(request, pk)
    form = _contact_point_form(request, instance=point)
    if run_service(
        request,
        form,
        lambda: services.update_contact_point(request.user, point, form.service_data(), version=form.version),
        _("The entry has been saved."),
    ):
        return redirect("districts:staff_directory")
    return render(
        request,
        "districts/staff_form.html",
        {
            "form": form,
            "title": _("Edit entry of the directory"),
            "area": "directory",
            "history_object": point,
            "delete_url": reverse("districts:staff_contact_point_delete", args=[point.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_contact_point_delete(request, pk):
    point = _contact_point(request, pk)
    return confirm_and_run(
        request,
        obj=point,
        service=lambda: services.delete_contact_point(request.user, point),
        title=_("Remove entry"),
        question=_("The entry leaves the public directory and its booklets."),
        button=_("Remove"),
        done_message=_("The entry has been removed."),
        back_url=reverse("districts:staff_directory"),
        breadcrumbs=BREADCRUMBS,
        context={"area": "directory"},
    )
