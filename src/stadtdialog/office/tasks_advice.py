"""E-mail of the consultation requests (issue 15): the person who asked is told of every change of the status.

The task gets the request's id only."""

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
