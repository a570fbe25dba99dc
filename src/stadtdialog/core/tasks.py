"""E-mail of the core app, sent by the task worker (`manage.py db_worker`): the answer to a barrier report."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .sanitize import html_to_text


@task()
def send_barrier_answer(report_id: int, base_url: str = "") -> bool:
    """Mail the coordination office's answer to the person who reported the barrier."""
    from .models import BarrierReport, Page

    report = BarrierReport.objects.filter(pk=report_id).first()
    if report is None or not report.email or not report.answer:
        return False
    root = (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")
    statement = Page.objects.filter(slug=Page.Slug.ACCESSIBILITY).first()
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "statement_url": root + reverse("core:page", args=[Page.Slug.ACCESSIBILITY]),
            "arbitration_body": html_to_text(statement.arbitration_body) if statement else "",
            "site_name": settings.SITE_NAME,
        }
        subject = _("Your report of a barrier on %(site)s") % {"site": settings.SITE_NAME}
        body = render_to_string("core/mail_barrier_answer.txt", context)
    EmailMessage(subject=subject, body=body, to=[report.email]).send()
    return True
