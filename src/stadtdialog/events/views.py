"""Public pages of events: the list, an event page with registration, cancellation by link, iCalendar."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import add_service_errors, parse_query
from stadtdialog.organisation.models import District
from stadtdialog.processes.models import Process

from . import queries, services
from .calendar import ics_response
from .certificate import certificate_filename, certificate_pdf
from .forms import EventListQuery, RegistrationForm
from .models import Attendance, Event


def site_root(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _visible_or_404(request, event):
    """Published events (of a public process, if any) are public; their staff also see drafts."""
    process = event.process
    public = event.is_published and (process is None or (process.is_published and process.plan.is_published))
    if not public and not request.user.has_perm("events.change_event", event):
        raise Http404


def event_list(request):
    districts = list(District.objects.order_by("number"))
    district = next((d for d in districts if d.slug == request.GET.get("stadtbezirk")), None)
    process = None
    process_id = parse_query(request.GET, EventListQuery).get("beteiligung")
    if process_id:
        process = Process.objects.filter(pk=process_id, published_at__isnull=False).first()
    past = request.GET.get("zeit") == "vergangen"
    events = list(queries.public_events(district=district, process=process, past=past)[:200])
    return render(
        request,
        "events/list.html",
        {
            "events": events,
            "districts": districts,
            "district": district,
            "process": process,
            "past": past,
        },
    )


def _registration_form(request, event):
    """Anonymous visitors meet the bot protection (honeypot, proof of work); logged-in accounts do not."""
    return RegistrationForm(request.POST or None, antibot=not request.user.is_authenticated)


@require_http_methods(["GET", "POST"])
def event_detail(request, pk):
    event = queries.event_for_page(pk)
    _visible_or_404(request, event)
    form = _registration_form(request, event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(event, form.cleaned_data, site_root(request), user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "events/registered.html", {"event": event, "registration": registration})
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "form": form,
            "now": timezone.now(),
            "can_edit": request.user.has_perm("events.change_event", event),
            "registration_open": event.registration_open(),
            "places_left": None if event.capacity is None else max(event.capacity - event.confirmed_count, 0),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def cancel_registration(request, code):
    """The link from the e-mail shows a confirmation page; the button (POST) cancels. No login, no JavaScript."""
    registration = services.registration_for_code(code)
    if registration is None:
        return render(request, "events/cancel_invalid.html", status=404)
    if request.method == "POST" and registration.status != registration.Status.CANCELLED:
        services.cancel_registration(registration, site_root(request))
        return render(request, "events/cancel_done.html", {"event": registration.event})
    return render(request, "events/cancel_confirm.html", {"registration": registration, "event": registration.event})


def event_ics(request, pk):
    event = get_object_or_404(queries.Event.objects.select_related("process", "process__plan"), pk=pk)
    _visible_or_404(request, event)
    return ics_response([event], event.title, site_root(request), f"veranstaltung-{event.pk}.ics")


def process_ics(request, pk):
    process = get_object_or_404(Process.objects.select_related("plan"), pk=pk)
    if not (process.is_published and process.plan.is_published):
        raise Http404
    events = queries.feed_events(process=process)
    name = _("Events: %(title)s") % {"title": process.title}
    return ics_response(events, name, site_root(request), f"beteiligung-{process.pk}.ics")


def district_ics(request, slug):
    district = get_object_or_404(District, slug=slug)
    events = queries.feed_events(district=district)
    name = _("Events in the district %(name)s") % {"name": district.name}
    return ics_response(events, name, site_root(request), f"stadtbezirk-{district.slug}.ics")


def all_ics(request):
    return ics_response(
        queries.feed_events(), _("Events of the participation platform"), site_root(request), "veranstaltungen.ics"
    )


@login_required
def certificate(request, pk):
    """The certificate of participation in a training (PDF): for the attendee's own account and for the event's
    staff (the coordination office among them); nobody else learns that it exists."""
    attendance = get_object_or_404(
        Attendance.objects.select_related("event__org_unit"), pk=pk, event__format=Event.Format.TRAINING
    )
    if attendance.user_id != request.user.pk and not request.user.has_perm("events.change_event", attendance.event):
        raise Http404
    response = HttpResponse(certificate_pdf(attendance), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(attendance)}"'
    return response
