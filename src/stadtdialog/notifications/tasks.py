"""Notification e-mail, sent by the task worker (`manage.py db_worker`); the request only queues it.

Every mail carries a one-click unsubscribe link in its text and in the List-Unsubscribe and
List-Unsubscribe-Post headers (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from stadtdialog.organisation.queries import current_city

from .models import NotificationLog
from .services import ALL, ANSWERS, reachable_users, unsubscribe_code


def _absolute(path: str) -> str:
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/") + path


def unsubscribe_url(user_id: int, scope: str) -> str:
    return _absolute(reverse("notifications:unsubscribe", args=[unsubscribe_code(user_id, scope)]))


def _message(user, subject: str, body: str, one_click_url: str) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{one_click_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def _scope_of(log: NotificationLog) -> str:
    if log.follow_id:
        return str(log.follow_id)
    return ANSWERS if log.kind == NotificationLog.Kind.ANSWER else ALL


@task()
def send_notification(log_id: int) -> bool:
    """One notice, one mail. Does nothing if it was sent already or the account cannot get mail (any more)."""
    with transaction.atomic():
        log = NotificationLog.objects.select_for_update().filter(pk=log_id, sent_at__isnull=True).first()
        if log is None:
            return False
        user = reachable_users().filter(pk=log.user_id).first()
        log.sent_at = timezone.now()
        log.save(update_fields=["sent_at"])
        if user is None:
            return False
        specific = unsubscribe_url(user.pk, _scope_of(log))
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "notifications/mail_notice.txt",
                {
                    "user": user,
                    "log": log,
                    "unsubscribe_url": specific,
                    "unsubscribe_all_url": unsubscribe_url(user.pk, ALL),
                    "settings_url": _absolute(reverse("notifications:settings")),
                    "site_name": current_city().site_name,
                    "follow_scope": bool(log.follow_id),
                },
            )
        _message(user, log.subject, body, specific).send()
    return True


@task()
def send_digest(user_id: int) -> int:
    """All pending notices of one user in one mail. Returns how many were bundled."""
    with transaction.atomic():
        user = reachable_users().filter(pk=user_id).first()
        logs = list(
            NotificationLog.objects.select_for_update()
            .filter(user_id=user_id, sent_at__isnull=True)
            .order_by("created_at", "id")
        )
        if not logs:
            return 0
        NotificationLog.objects.filter(pk__in=[log.pk for log in logs]).update(sent_at=timezone.now())
        if user is None:
            return 0
        everything = unsubscribe_url(user.pk, ALL)
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("%(site)s: your notices of the day (%(count)s)") % {
                "site": current_city().site_name,
                "count": len(logs),
            }
            body = render_to_string(
                "notifications/mail_digest.txt",
                {
                    "user": user,
                    "logs": logs,
                    "unsubscribe_all_url": everything,
                    "settings_url": _absolute(reverse("notifications:settings")),
                    "site_name": current_city().site_name,
                },
            )
        _message(user, subject, body, everything).send()
    return len(logs)
