"""E-mail about registrations, sent by the task worker (`manage.py db_worker`), never in the request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from stadtdialog.organisation.queries import current_city

SUBJECTS = {
    "confirmed": _("Your registration for “%(title)s” is confirmed"),
    "waiting": _("You are on the waiting list for “%(title)s”"),
    "promoted": _("A place has become free: you can come to “%(title)s”"),
    "cancelled": _("Your registration for “%(title)s” is cancelled"),
    "event_cancelled": _("Cancelled: “%(title)s”"),
}


def base_url_or_default(base_url: str) -> str:
    return (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


@task()
def send_registration_mail(registration_id: int, kind: str, base_url: str = "") -> bool:
    """One mail to the person registered: confirmation, waiting list, moved up, cancelled, event called off."""
    from .models import Registration
    from .services import cancellation_code

    registration = Registration.objects.select_related("event", "event__district").filter(pk=registration_id).first()
    if registration is None or kind not in SUBJECTS:
        return False
    event, root = registration.event, base_url_or_default(base_url)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "event_url": root + event.get_absolute_url(),
            "ics_url": root + reverse("events:ics", args=[event.pk]),
            "cancel_url": root + reverse("events:cancel_registration", args=[cancellation_code(registration)]),
            "site_name": current_city().site_name,
        }
        subject = str(SUBJECTS[kind]) % {"title": event.title}
        body = render_to_string("events/mail_registration.txt", context)
    EmailMessage(subject=subject, body=body, to=[registration.email]).send()
    return True
