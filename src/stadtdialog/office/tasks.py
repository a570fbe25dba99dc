"""E-mail of the office, sent by the task worker: booking requests and decisions (the approval with an iCalendar
file), late returns, blackouts; office hours: the confirmation link, the confirmation, the reminder, cancellations.

The tasks get ids only: no address or link secret lands in the task queue's table."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from stadtdialog.organisation.queries import current_city

BOOKING_SUBJECTS = {
    "requested": _("Your booking request %(number)s has been received"),
    "approved": _("Your booking %(number)s is approved"),
    "declined": _("Your booking request %(number)s is declined"),
    "cancelled": _("Your booking %(number)s is cancelled"),
    "late_return": _("Please return the equipment of booking %(number)s"),
    "blackout": _("Booking %(number)s: the room or equipment is not available"),
}
SLOT_SUBJECTS = {
    "confirm": _("Please confirm your office hour appointment"),
    "confirmed": _("Your office hour appointment is confirmed"),
    "reminder": _("Reminder: your office hour appointment tomorrow"),
    "cancelled": _("Your office hour appointment is cancelled"),
    "called_off": _("Your office hour appointment has been called off"),
}


def root_of(base_url: str) -> str:
    return (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


@task()
def send_booking_mail(booking_id: int, kind: str, base_url: str = "") -> bool:
    from .calendar import booking_calendar
    from .models import Booking, Occurrence

    booking = Booking.objects.select_related("booker", "room").filter(pk=booking_id).first()
    if booking is None or kind not in BOOKING_SUBJECTS or booking.booker is None or not booking.booker.email:
        return False  # no mail for a booking whose account is deleted
    root = root_of(base_url)
    with translation.override(settings.LANGUAGE_CODE):
        occurrences = list(booking.occurrences.order_by("start"))
        context = {
            "booking": booking,
            "kind": kind,
            "occurrences": occurrences,
            "items": list(booking.items.select_related("equipment")),
            "booking_url": root + reverse("office:my_booking", args=[booking.pk]),
            "site_name": current_city().site_name,
        }
        message = EmailMessage(
            subject=str(BOOKING_SUBJECTS[kind]) % {"number": booking.pk},
            body=render_to_string("office/mail_booking.txt", context),
            to=[booking.booker.email],
        )
        if kind == "approved":
            approved = [o for o in occurrences if o.state == Occurrence.State.APPROVED]
            message.attach(f"buchung-{booking.pk}.ics", booking_calendar(booking, approved), "text/calendar")
    message.send()
    return True


@task()
def send_slot_mail(booking_id: int, kind: str, base_url: str = "") -> bool:
    from .models import SlotBooking
    from .services.office_hours import link_token

    booking = SlotBooking.objects.select_related("slot__office_hour__district").filter(pk=booking_id).first()
    if booking is None or kind not in SLOT_SUBJECTS or not booking.email:
        return False
    root = root_of(base_url)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "booking": booking,
            "slot": booking.slot,
            "office_hour": booking.slot.office_hour,
            "kind": kind,
            "link": root + reverse("office:slot_booking", args=[link_token(booking)]),
            "site_name": current_city().site_name,
        }
        body = render_to_string("office/mail_slot.txt", context)
    EmailMessage(subject=str(SLOT_SUBJECTS[kind]), body=body, to=[booking.email]).send()
    return True


FUNDING_SUBJECTS = {
    "submitted": _("Your funding application “%(title)s” has been received"),
    "more_info": _("Your funding application “%(title)s”: please add information"),
    "ineligible": _("Your funding application “%(title)s” cannot be funded"),
    "decided": _("The committee has decided on your funding application “%(title)s”"),
    "report_reminder": _("Your use-of-funds report for “%(title)s” is due"),
    "report_submitted": _("Your use-of-funds report for “%(title)s” has been received"),
    "report_accepted": _("Your use-of-funds report for “%(title)s” is accepted"),
    "report_returned": _("Your use-of-funds report for “%(title)s”: please revise it"),
}


@task()
def send_funding_mail(application_id: int, kind: str, base_url: str = "") -> bool:
    """Tell the applicant (the contact and the person who filed it) about their application."""
    from .models_funding import FundingApplication

    application = (
        FundingApplication.objects.select_related("created_by", "round", "district").filter(pk=application_id).first()
    )
    if application is None or kind not in FUNDING_SUBJECTS:
        return False
    recipients = list(dict.fromkeys(e for e in (application.contact_email, application.created_by.email) if e))
    if not recipients:
        return False
    root = root_of(base_url)
    with translation.override(settings.LANGUAGE_CODE):
        item = application.agenda_items.exclude(outcome="").order_by("-decided_at").first()
        context = {
            "application": application,
            "kind": kind,
            "item": item,
            "url": root + reverse("office:funding_application", args=[application.pk]),
            "site_name": current_city().site_name,
        }
        body = render_to_string("office/funding/mail.txt", context)
        subject = str(FUNDING_SUBJECTS[kind]) % {"title": application.title}
    EmailMessage(subject=subject, body=body, to=recipients).send()
    return True
