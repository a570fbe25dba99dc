"""E-mail of the consultation requests (issue 15): the coordination office's shared address hears of every new
request, and the person who asked is told of every change of the status.

The tasks get the request's id only."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from stadtdialog.organisation.queries import current_city

from .tasks import root_of

SUBJECT = _("Your consultation request %(number)s: %(status)s")
NEW_SUBJECT = _("New consultation request %(number)s: %(title)s")


@task()
def send_consultation_mail(request_id: int, base_url: str = "") -> bool:
    from .models_advice import ConsultationRequest

    consultation = (
        ConsultationRequest.objects.select_related("requester", "advisor", "org_unit").filter(pk=request_id).first()
    )
    if consultation is None or consultation.requester is None:
        return False
    to = consultation.requester.email
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "consultation": consultation,
            "link": root_of(base_url) + reverse("office:advice_detail", args=[consultation.pk]),
            "site_name": current_city().site_name,
        }
        subject = str(SUBJECT) % {"number": consultation.pk, "status": consultation.get_status_display()}
        body = render_to_string("office/advice/mail_status.txt", context)
    EmailMessage(subject=subject, body=body, to=[to]).send()
    return True


@task()
def send_new_consultation_mail(request_id: int, base_url: str = "") -> bool:
    """The coordination office's shared address (its org unit's e-mail) hears of a new request, with the link
    to the handling page. No office or no address: nothing is sent, the request waits in the office's list."""
    from stadtdialog.organisation.queries import active_units

    from .models_advice import ConsultationRequest

    consultation = ConsultationRequest.objects.select_related("requester", "org_unit").filter(pk=request_id).first()
    office = active_units().filter(is_coordination_office=True).exclude(email="").only("email").first()
    if consultation is None or office is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "consultation": consultation,
            "link": root_of(base_url) + reverse("office:advice_handle", args=[consultation.pk]),
            "site_name": current_city().site_name,
        }
        subject = str(NEW_SUBJECT) % {"number": consultation.pk, "title": consultation.title}
        body = render_to_string("office/advice/mail_new.txt", context)
    EmailMessage(subject=subject, body=body, to=[office.email]).send()
    return True
