"""Staff pages for events: list, create and edit, publish, cancel, registrations, documentation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.confirm import confirm_and_run
from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.rules import require

from . import queries, services
from .forms import AttendanceForm, CancelEventForm, DocumentationForm, EventForm, EventListQuery, PhotoChoice, PhotoForm
from .models import Event, EventPhoto, Registration
from .views import site_root


def _event_for_staff(request, pk) -> Event:
    event = get_object_or_404(queries.with_counts(Event.objects.select_related(*queries.LIST_RELATED)), pk=pk)
    require(request.user, "events.change_event", event)
    return event


@login_required
def staff_list(request):
    require(request.user, "events.access_staff_events")
    events = list(queries.editable_events(request.user)[:300])
    return render(request, "events/staff_list.html", {"events": events, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request):
    require(request.user, "events.add_event")
    initial = {}
    process_id = parse_query(request.GET, EventListQuery).get("beteiligung")
    if process_id:
        initial["process"] = process_id
    if request.user.org_unit_id:
        initial["org_unit"] = request.user.org_unit_id
    form = EventForm(request.POST or None, user=request.user, initial=initial)
    event = run_service(
        request,
        form,
        lambda: services.create_event(request.user, form.service_data()),
        _("The event has been saved as a draft."),
    )
    if event:
        return redirect("events:staff_detail", pk=event.pk)
    return render(request, "events/staff_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    event = _event_for_staff(request, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if run_service(
        request,
        form,
        lambda: services.update_event(
            request.user, Event.objects.get(pk=event.pk), form.service_data(), site_root(request), version=form.version
        ),
        _("The event has been saved."),
    ):
        return redirect("events:staff_detail", pk=event.pk)
    return render(request, "events/staff_form.html", {"form": form, "event": event})


@login_required
def staff_detail(request, pk):
    event = _event_for_staff(request, pk)
    require(request.user, "events.view_registrations", event)
    registrations = queries.registrations_of(event)
    return render(
        request,
        "events/staff_detail.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
            "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_publish(request, pk):
    event = _event_for_staff(request, pk)
    return confirm_and_run(
        request,
        obj=event,
        service=lambda: services.publish_event(request.user, event),
        title=_("Publish event"),
        question=_("The event appears in the public list, on the process page and in the calendar feeds."),
        button=_("Publish"),
        done_message=_("The event is published."),
        back_url=reverse("events:staff_detail", args=[event.pk]),
        breadcrumbs="events/_staff_breadcrumbs.html",
        context={"event": event},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_cancel(request, pk):
    event = _event_for_staff(request, pk)
    form = CancelEventForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.cancel_event(request.user, event, form.cleaned_data["reason"], site_root(request)),
        _("The event is cancelled; everyone registered is told by e-mail."),
    ):
        return redirect("events:staff_detail", pk=event.pk)
    return render(request, "events/staff_cancel.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_documentation(request, pk):
    """Minutes and photos after the event. One page, three POST actions: minutes, add photo, remove photo."""
    event = _event_for_staff(request, pk)
    minutes_form = DocumentationForm(initial={"minutes": event.minutes}, version_of=event)
    photo_form = PhotoForm()
    action = request.POST.get("action") if request.method == "POST" else None
    done = False
    if action == "minutes":
        minutes_form = DocumentationForm(request.POST, version_of=event)
        done = run_service(
            request,
            minutes_form,
            lambda: services.save_documentation(
                request.user, event, minutes_form.cleaned_data["minutes"], version=minutes_form.version
            ),
            _("The minutes are published."),
        )
    elif action == "photo":
        photo_form = PhotoForm(request.POST, request.FILES)
        done = run_service(
            request,
            photo_form,
            lambda: services.add_photo(request.user, event, **photo_form.cleaned_data),
            _("The photo is published."),
        )
    elif action == "remove_photo":
        photo = get_object_or_404(EventPhoto, pk=parse_query(request.POST, PhotoChoice).get("photo"), event=event)
        services.remove_photo(request.user, event, photo)
        messages.success(request, _("The photo has been removed."))
        done = True
    if done:
        return redirect("events:staff_documentation", pk=event.pk)
    return render(
        request,
        "events/staff_documentation.html",
        {
            "event": event,
            "minutes_form": minutes_form,
            "photo_form": photo_form,
            "photos": list(event.photos.all()),
        },
        status=400 if action else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_attendance(request, pk):
    """Who took part (issue 15): the confirmed registrations ticked and people without registration by name;
    the certificates of participation of a training are linked beside each name."""
    event = _event_for_staff(request, pk)
    require(request.user, "events.view_registrations", event)
    confirmed = [r for r in queries.registrations_of(event) if r.status == Registration.Status.CONFIRMED]
    attendances = list(event.attendances.all())
    initial = {"registrations": [str(a.registration_id) for a in attendances if a.registration_id]}
    form = AttendanceForm(request.POST or None, registrations=confirmed, initial=initial)
    if run_service(
        request,
        form,
        lambda: services.record_attendance(request.user, event, **form.service_data()),
        _("The attendance is saved."),
    ):
        return redirect("events:staff_attendance", pk=event.pk)
    return render(
        request,
        "events/staff_attendance.html",
        {"event": event, "form": form, "attendances": attendances, "started": event.start <= timezone.now()},
    )
