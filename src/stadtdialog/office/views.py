"""Public pages of the office: the catalogue of rooms and equipment, week views and busy-time feeds (times
only, never a name), booking requests and one's own bookings, office hours booked without an account."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.accounts.rules import is_verified_participant
from stadtdialog.core.forms import add_service_errors, parse_query, run_service

from . import calendar, queries, services
from .forms import BookingRequestForm, RoomQuery, SlotBookingForm, WeekQuery, within_years
from .models import Equipment, Room, SlotBooking


def site_root(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def catalogue(request):
    return render(
        request,
        "office/catalogue.html",
        {"rooms": list(queries.rooms()), "equipment": list(queries.equipment_list())},
    )


def _week(request) -> tuple[datetime.date, dict]:
    day = within_years(parse_query(request.GET, WeekQuery).get("ab")) or timezone.localdate()
    monday = queries.monday_of(day)
    return monday, {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
        "this_week": queries.monday_of(timezone.localdate()),
    }


def room_detail(request, slug):
    room = get_object_or_404(queries.rooms(), slug=slug)
    monday, week = _week(request)
    return render(request, "office/room.html", {"room": room, "days": queries.room_week(room, monday), **week})


def equipment_detail(request, slug):
    equipment = get_object_or_404(Equipment, slug=slug, is_active=True)
    monday, week = _week(request)
    return render(
        request,
        "office/equipment.html",
        {"equipment": equipment, "days": queries.equipment_week(equipment, monday), **week},
    )


def room_ics(request, slug):
    room = get_object_or_404(Room, slug=slug, is_active=True)
    name = _("Busy times: %(name)s") % {"name": room.name}
    return calendar.ics_response(
        calendar.busy_calendar(name, queries.room_feed(room), room.address), f"raum-{room.slug}.ics"
    )


def equipment_ics(request, slug):
    equipment = get_object_or_404(Equipment, slug=slug, is_active=True)
    name = _("Lent: %(name)s") % {"name": equipment.name}
    return calendar.ics_response(
        calendar.busy_calendar(name, queries.equipment_feed(equipment)), f"material-{equipment.slug}.ics"
    )


# --- booking requests --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_booking(request):
    if not is_verified_participant(request.user):
        return render(request, "office/request_unverified.html", status=403)
    equipment = list(queries.equipment_list())
    initial = {}
    wanted = parse_query(request.GET, RoomQuery)
    if wanted.get("raum"):
        initial["room"] = Room.objects.filter(slug=wanted["raum"], is_active=True).first()
    if wanted.get("material"):
        chosen = next((e for e in equipment if e.slug == wanted["material"]), None)
        if chosen:
            initial[f"quantity_{chosen.pk}"] = 1
    form = BookingRequestForm(request.POST or None, equipment=equipment, initial=initial)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.request_booking(request.user, **form.service_data(), base_url=site_root(request))
        except services.ConflictError as error:
            conflicts = error.conflicts
            form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("office:my_booking", pk=booking.pk)
    if form.is_bound:
        # The dates to leave out: those already ticked and those that conflict now, each named.
        labels = {
            day: date_format(day, "D, j.n.Y") for day in (getattr(form, "cleaned_data", {}).get("leave_out") or [])
        }
        labels.update({c.date: c.message for c in conflicts})
        form.fields["leave_out"].choices = [(day.isoformat(), labels[day]) for day in sorted(labels)]
    return render(
        request,
        "office/request.html",
        {"form": form, "conflicts": conflicts},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_bookings(request):
    return render(request, "office/my_bookings.html", {"bookings": list(queries.bookings_of(request.user)[:200])})


@login_required
def my_booking(request, pk):
    booking = queries.booking_for_page(pk)
    if booking is None or not request.user.has_perm("office.view_booking", booking):
        raise Http404
    return render(request, "office/my_booking.html", {"booking": booking})


@login_required
@require_http_methods(["GET", "POST"])
def cancel_my_booking(request, pk):
    booking = queries.booking_for_page(pk)
    if booking is None or booking.booker_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        form = forms.Form(request.POST)
        if run_service(
            request,
            form,
            lambda: services.cancel_booking(request.user, booking, site_root(request)),
            _("Your booking is cancelled; the room and the equipment are free again."),
        ):
            return redirect("office:my_booking", pk=booking.pk)
    return render(request, "office/cancel_booking.html", {"booking": booking})


# --- office hours ------------------------------------------------------------------------------------


def office_hours(request):
    return render(request, "office/office_hours.html", {"office_hours": queries.public_office_hours()})


@require_http_methods(["GET", "POST"])
def book_slot(request, pk):
    slot = queries.slot_for_booking(pk)
    if slot is None:
        raise Http404
    form = SlotBookingForm(request.POST or None, antibot=True)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.book_slot(slot, form.cleaned_data, site_root(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "office/slot_booked.html", {"slot": slot, "email": booking.email})
    available = not slot.taken and not slot.is_cancelled and slot.start > timezone.now()
    return render(
        request,
        "office/slot_book.html",
        {"slot": slot, "office_hour": slot.office_hour, "form": form, "available": available},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def slot_booking(request, token):
    """The link from the e-mails: confirm (POST action=confirm) or cancel (action=cancel). No login, no JavaScript."""
    booking = services.booking_for_token(token)
    if booking is None or booking.purged_at:
        return render(request, "office/slot_invalid.html", status=404)
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.confirm_slot_booking(booking, site_root(request))
            elif action == "cancel":
                services.cancel_slot_booking(booking, site_root(request))
            else:
                raise PermissionDenied
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect(reverse("office:slot_booking", args=[token]))
        booking.refresh_from_db()
    return render(
        request,
        "office/slot_booking.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "office_hour": booking.slot.office_hour,
            "error": error,
            "states": SlotBooking.State,
        },
        status=400 if error else 200,
    )
