"""E-mail about residents' concerns.

The confirmation with the private status link is sent once the concern's transaction has committed, in the
request: its token exists only in that mail (the task queue would keep it in a table). Status mails carry no
secret and go through the task worker (`manage.py db_worker`). Reminders of overdue concerns and steps go to the
district's manager and deputy (`remind_concerns`, daily).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from stadtdialog.organisation.queries import current_city


def _site_name() -> str:
    return current_city().site_name


def send_concern_confirmation(concern_id: int, token: str, base_url: str) -> bool:
    """The confirmation of a new concern with its private status link."""
    from .models.concerns import Concern

    concern = Concern.objects.select_related("category", "district").filter(pk=concern_id).first()
    if concern is None or not concern.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "concern": concern,
            "status_url": base_url + reverse("districts:concern_status", args=[token]),
            "site_name": _site_name(),
            "needs_confirmation": concern.confirmed_at is None,
        }
        subject = _("Your concern to the district management %(district)s") % {"district": concern.district.name}
        body = render_to_string("districts/concerns/mail_confirmation.txt", context)
    EmailMessage(subject=subject, body=body, to=[concern.email]).send()
    return True


@task()
def send_concern_mail(concern_id: int, kind: str, base_url: str = "", update_id: int | None = None) -> bool:
    """A mail to the resident: the new status ("status"), the referral ("referred") or a status update ("update")."""
    from .models.concerns import Concern, ConcernUpdate

    concern = (
        Concern.objects.select_related("category", "district", "referral_unit", "referral_contact", "initiative")
        .filter(pk=concern_id)
        .first()
    )
    if concern is None or not concern.email or kind not in {"status", "referred", "update"}:
        return False
    update = ConcernUpdate.objects.filter(pk=update_id, concern=concern).first() if update_id else None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "concern": concern,
            "kind": kind,
            "update": update,
            "site_name": _site_name(),
            "initiative_url": (base_url + concern.initiative.get_absolute_url()) if concern.initiative_id else "",
        }
        subject = _("Your concern #%(number)s: %(status)s") % {
            "number": concern.pk,
            "status": concern.get_status_display(),
        }
        body = render_to_string("districts/concerns/mail_status.txt", context)
    EmailMessage(subject=subject, body=body, to=[concern.email]).send()
    return True


def send_reminder(recipients: list[str], district, concerns: list, steps: list, base_url: str) -> bool:
    """The daily reminder to a district's manager and deputy: overdue concerns and steps (no personal data)."""
    if not recipients or not (concerns or steps):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "district": district,
            "concerns": concerns,
            "steps": steps,
            "list_url": base_url + reverse("districts:staff_concerns") + "?stand=ueberfaellig",
            "base_url": base_url,
            "site_name": _site_name(),
        }
        subject = _("Overdue concerns in %(district)s") % {"district": district.name}
        body = render_to_string("districts/concerns/mail_reminder.txt", context)
    EmailMessage(subject=subject, body=body, to=recipients).send()
    return True
