"""Staff pages of the office (/verwaltung/raeume/…, /verwaltung/sprechstunden/…): requests to decide, today's
hand-overs and returns, the month calendar of all rooms, the CSV export, utilisation, blackout periods, and the
office hours with their day."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.confirm import confirm_and_run
from stadtdialog.core.csv import safe_writer
from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require

from . import queries, services
from .forms import (
    BlackoutForm,
    DayQuery,
    DeclineForm,
    EquipmentForm,
    ExceptionForm,
    ExportQuery,
    MonthQuery,
    OfficeHourForm,
    PhotoChoice,
    RoomForm,
    RoomPhotoForm,
    YearQuery,
    within_years,
)
from .models import Blackout, Equipment, Occurrence, OfficeHour, Room, RoomPhoto
from .views import site_root


def _manage(request):
    require(request.user, "office.manage_bookings")


@login_required
def staff_home(request):
    _manage(request)
    today, now = timezone.localdate(), timezone.now()
    return render(
        request,
        "office/staff_home.html",
        {
            "requests": list(queries.open_requests()[:200]),
            "handovers": list(queries.handovers_on(today)),
            "returns": list(queries.returns_due(today)),
            "today": today,
            "now": now,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_booking(request, pk):
    _manage(request)
    booking = queries.booking_for_page(pk)
    if booking is None:
        raise Http404
    decline_form = DeclineForm()
    action = request.POST.get("action") if request.method == "POST" else None
    done = False
    error_messages = []
    if action == "approve":
        form = forms.Form(request.POST)
        done = run_service(
            request,
            form,
            lambda: services.approve_booking(request.user, booking, site_root(request)),
            _("The booking is approved; the booker gets the confirmation with the calendar file."),
        )
        error_messages = [str(e) for e in form.non_field_errors()]
    elif action == "decline":
        decline_form = DeclineForm(request.POST)
        done = run_service(
            request,
            decline_form,
            lambda: services.decline_booking(
                request.user, booking, decline_form.cleaned_data["reason"], site_root(request)
            ),
            _("The request is declined; the booker is told the reason."),
        )
    if done:
        return redirect("office:staff_booking", pk=booking.pk)
    return render(
        request,
        "office/staff_booking.html",
        {"booking": booking, "decline_form": decline_form, "error_messages": error_messages},
        status=400 if action else 200,
    )


def _lending_action(request, pk, service, title, question, button, done_message):
    _manage(request)
    occurrence = get_object_or_404(Occurrence.objects.select_related("booking"), pk=pk)
    return confirm_and_run(
        request,
        obj=occurrence.booking,
        service=lambda: service(request.user, occurrence),
        title=title,
        question=question,
        button=button,
        done_message=done_message,
        back_url=reverse("office:staff_home"),
        breadcrumbs="office/_staff_breadcrumbs.html",
        context={"occurrence": occurrence},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_handover(request, pk):
    return _lending_action(
        request,
        pk,
        services.record_handover,
        _("Record the hand-over"),
        _("The equipment of this booking has been handed over to the booker."),
        _("Record the hand-over"),
        _("The hand-over is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_return(request, pk):
    return _lending_action(
        request,
        pk,
        services.record_return,
        _("Record the return"),
        _("The equipment of this booking is back, complete."),
        _("Record the return"),
        _("The return is recorded."),
    )


@login_required
def staff_calendar(request):
    _manage(request)
    day = within_years(parse_query(request.GET, MonthQuery).get("monat")) or timezone.localdate()
    first = day.replace(day=1)
    rooms, rows = queries.month_calendar(first)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "office/staff_calendar.html",
        {"first": first, "rooms": rooms, "rows": rows, "previous": previous, "next": following},
    )


@login_required
def staff_export(request):
    _manage(request)
    query = parse_query(request.GET, ExportQuery)
    today = timezone.localdate()
    first = within_years(query.get("von")) or today.replace(day=1)
    last = within_years(query.get("bis")) or first + datetime.timedelta(days=92)
    writer = safe_writer(delimiter=";")
    header = [
        _("Booking"),
        _("State"),
        _("Start"),
        _("End"),
        _("Room"),
        _("Equipment"),
        _("Purpose"),
        _("For"),
        _("Expected number of people"),
        _("Booked by"),
        _("Handed over"),
        _("Returned"),
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)
        for occurrence in queries.export_rows(first, last).iterator(chunk_size=500):
            booking = occurrence.booking
            yield writer.writerow(
                [
                    booking.pk,
                    occurrence.get_state_display(),
                    timezone.localtime(occurrence.start).strftime("%d.%m.%Y %H:%M"),
                    timezone.localtime(occurrence.end).strftime("%d.%m.%Y %H:%M"),
                    occurrence.room.name if occurrence.room else "",
                    ", ".join(str(item) for item in booking.items.all()),
                    booking.purpose,
                    booking.organisation,
                    booking.expected_people,
                    (booking.booker.display_name or booking.booker.email) if booking.booker else _("Account deleted"),
                    timezone.localtime(occurrence.handed_over_at).strftime("%d.%m.%Y %H:%M")
                    if occurrence.handed_over_at
                    else "",
                    timezone.localtime(occurrence.returned_at).strftime("%d.%m.%Y %H:%M")
                    if occurrence.returned_at
                    else "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="buchungen-{first:%Y-%m-%d}-{last:%Y-%m-%d}.csv"'
    return response


@login_required
def staff_utilisation(request):
    _manage(request)
    year = parse_query(request.GET, YearQuery).get("jahr") or timezone.localdate().year
    return render(
        request,
        "office/staff_utilisation.html",
        {"year": year, "table": queries.utilisation(year), "months": range(1, 13)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_blackouts(request):
    _manage(request)
    form = BlackoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            request,
            form,
            lambda: services.create_blackout(request.user, **form.cleaned_data, base_url=site_root(request)),
            _("The blackout period is saved; holders of bookings it touches are told by e-mail."),
        )
        if result:
            return redirect("office:staff_blackouts")
    blackouts = list(
        Blackout.objects.filter(end__gte=timezone.now()).select_related("room", "equipment").order_by("start")
    )
    return render(
        request,
        "office/staff_blackouts.html",
        {"form": form, "blackouts": blackouts},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_blackout_delete(request, pk):
    _manage(request)
    blackout = get_object_or_404(Blackout, pk=pk)
    return confirm_and_run(
        request,
        obj=blackout,
        service=lambda: services.delete_blackout(request.user, blackout),
        title=_("Remove the blackout period"),
        question=_("Rooms and equipment can be booked in this period again."),
        button=_("Remove"),
        done_message=_("The blackout period is removed."),
        back_url=reverse("office:staff_blackouts"),
        breadcrumbs="office/_staff_breadcrumbs.html",
        context={},
    )


# --- office hours ------------------------------------------------------------------------------------


@login_required
def staff_office_hours(request):
    require(request.user, "office.access_office_hours")
    day = within_years(parse_query(request.GET, DayQuery).get("tag")) or timezone.localdate()
    return render(
        request,
        "office/staff_office_hours.html",
        {
            "day": day,
            "previous": day - datetime.timedelta(days=1),
            "next": day + datetime.timedelta(days=1),
            "slots": queries.staff_day(request.user, day),
            "office_hours": list(queries.staff_office_hours(request.user)),
            "booked": list(queries.booked_slots(request.user)[:200]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_office_hour_create(request):
    require(request.user, "office.add_office_hour")
    initial = {"valid_from": timezone.localdate()}
    districts = request.user.roles and [r.district_id for r in request.user.roles if r.district_id]
    if districts:
        initial["district"] = districts[0]
    form = OfficeHourForm(request.POST or None, user=request.user, initial=initial)
    office_hour = run_service(
        request,
        form,
        lambda: services.create_office_hour(request.user, form.service_data()),
        _("The office hour is saved; its slots can be booked."),
    )
    if office_hour:
        return redirect("office:staff_office_hour", pk=office_hour.pk)
    return render(request, "office/staff_office_hour_form.html", {"form": form, "office_hour": None})


def _office_hour_for_staff(request, pk) -> OfficeHour:
    office_hour = get_object_or_404(OfficeHour.objects.select_related("district", "host"), pk=pk)
    require(request.user, "office.change_office_hour", office_hour)
    return office_hour


@login_required
@require_http_methods(["GET", "POST"])
def staff_office_hour(request, pk):
    """An office hour: change it, leave out a day."""
    office_hour = _office_hour_for_staff(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = OfficeHourForm(request.POST if action == "edit" else None, instance=office_hour, user=request.user)
    exception_form = ExceptionForm(request.POST if action == "exception" else None)
    done = False
    if action == "edit":
        done = run_service(
            request,
            form,
            lambda: services.update_office_hour(
                request.user,
                OfficeHour.objects.get(pk=office_hour.pk),
                form.service_data(),
                site_root(request),
                version=form.version,
            ),
            _("The office hour is saved."),
        )
    elif action == "exception":
        done = run_service(
            request,
            exception_form,
            lambda: services.add_exception(
                request.user,
                office_hour,
                exception_form.cleaned_data["date"],
                exception_form.cleaned_data["reason"],
                site_root(request),
            ),
            _("The day is left out; people who had booked it are told by e-mail."),
        )
    if done:
        return redirect("office:staff_office_hour", pk=office_hour.pk)
    return render(
        request,
        "office/staff_office_hour_form.html",
        {
            "form": form,
            "office_hour": office_hour,
            "exception_form": exception_form,
            "exceptions": list(office_hour.exceptions.all()),
        },
        status=400 if action else 200,
    )


# --- the catalogue: rooms, equipment, photos ---------------------------------------------------------


@login_required
def staff_catalogue(request):
    _manage(request)
    return render(
        request,
        "office/staff_catalogue.html",
        {
            "rooms": list(Room.objects.select_related("district").order_by("position", "name")),
            "equipment": list(Equipment.objects.order_by("position", "name")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_room_create(request):
    _manage(request)
    form = RoomForm(request.POST or None)
    room = run_service(
        request,
        form,
        lambda: services.create_room(request.user, **form.service_data()),
        _("The room is saved. You can add photos now."),
    )
    if room:
        return redirect("office:staff_room_photos", pk=room.pk)
    return render(request, "office/staff_room_form.html", {"form": form, "room": None})


@login_required
@require_http_methods(["GET", "POST"])
def staff_room_edit(request, pk):
    _manage(request)
    room = get_object_or_404(Room, pk=pk)
    form = RoomForm(request.POST or None, instance=room)
    if run_service(
        request,
        form,
        lambda: services.update_room(
            request.user, Room.objects.get(pk=room.pk), version=form.version, **form.service_data()
        ),
        _("The room is saved."),
    ):
        return redirect("office:staff_catalogue")
    return render(request, "office/staff_room_form.html", {"form": form, "room": room})


@login_required
@require_http_methods(["GET", "POST"])
def staff_room_photos(request, pk):
    """The photos of a room: add one (with its description), remove one."""
    _manage(request)
    room = get_object_or_404(Room, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = RoomPhotoForm(request.POST if action == "add" else None, request.FILES if action == "add" else None)
    if action == "add" and run_service(
        request,
        form,
        lambda: services.add_room_photo(
            request.user, room, image=form.cleaned_data["image"], alt_text=form.cleaned_data["alt_text"]
        ),
        _("The photo is published."),
    ):
        return redirect("office:staff_room_photos", pk=room.pk)
    if action == "remove":
        photo = get_object_or_404(RoomPhoto, pk=parse_query(request.POST, PhotoChoice).get("photo"), room=room)
        services.remove_room_photo(request.user, room, photo)
        messages.success(request, _("The photo is removed."))
        return redirect("office:staff_room_photos", pk=room.pk)
    return render(
        request,
        "office/staff_room_photos.html",
        {"room": room, "form": form, "photos": list(room.photos.all())},
        status=400 if action else 200,
    )


def _remove(request, obj, service, kind_title, back):
    has_bookings = (
        obj.bookings.exists() or obj.occurrences.exists() if isinstance(obj, Room) else obj.booking_items.exists()
    )
    if has_bookings:
        question = _("It has bookings, so it is not deleted: it is deactivated and can no longer be booked.")
        button, done = _("Deactivate"), _("It is deactivated and can no longer be booked.")
    else:
        question = _("It has never been booked and is deleted, with its photos.")
        button, done = _("Delete"), _("It is deleted.")
    return confirm_and_run(
        request,
        obj=obj,
        service=lambda: service(request.user, obj),
        title=kind_title,
        question=question,
        button=button,
        done_message=done,
        back_url=reverse(back, args=[obj.pk]),
        breadcrumbs="office/_staff_breadcrumbs.html",
        context={},
        done_url=reverse("office:staff_catalogue"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_room_remove(request, pk):
    _manage(request)
    room = get_object_or_404(Room, pk=pk)
    return _remove(request, room, services.remove_room, _("Remove the room"), "office:staff_room_edit")


@login_required
@require_http_methods(["GET", "POST"])
def staff_equipment_create(request):
    _manage(request)
    form = EquipmentForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.create_equipment(request.user, **form.service_data()),
        _("The equipment is saved."),
    ):
        return redirect("office:staff_catalogue")
    return render(request, "office/staff_equipment_form.html", {"form": form, "equipment": None})


@login_required
@require_http_methods(["GET", "POST"])
def staff_equipment_edit(request, pk):
    _manage(request)
    equipment = get_object_or_404(Equipment, pk=pk)
    form = EquipmentForm(request.POST or None, instance=equipment)
    if run_service(
        request,
        form,
        lambda: services.update_equipment(
            request.user, Equipment.objects.get(pk=equipment.pk), version=form.version, **form.service_data()
        ),
        _("The equipment is saved."),
    ):
        return redirect("office:staff_catalogue")
    return render(request, "office/staff_equipment_form.html", {"form": form, "equipment": equipment})


@login_required
@require_http_methods(["GET", "POST"])
def staff_equipment_remove(request, pk):
    _manage(request)
    equipment = get_object_or_404(Equipment, pk=pk)
    return _remove(
        request, equipment, services.remove_equipment, _("Remove the equipment"), "office:staff_equipment_edit"
    )
