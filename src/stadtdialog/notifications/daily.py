"""The daily run (`manage.py send_notifications`): phases that start, deadlines in three days, digests.

Safe to run more than once a day and to catch up after a missed day: every notice has a key and is
recorded once per user (NotificationLog), so nothing is sent twice."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stadtdialog.processes.models import Phase
from stadtdialog.reports.models import Report

from .models import NotificationLog, NotificationSetting
from .receivers import absolute, report_url
from .services import notify_followers, reachable_users
from .tasks import send_digest

DEADLINE_DAYS = 3
CATCH_UP_DAYS = 2  # a phase that started while the command did not run is still announced


def _public_process(prefix=""):
    return Q(**{f"{prefix}process__published_at__isnull": False, f"{prefix}process__plan__published_at__isnull": False})


def phase_starts(today: datetime.date) -> int:
    phases = (
        Phase.objects.filter(
            _public_process(),
            start__lte=today,
            start__gte=today - datetime.timedelta(days=CATCH_UP_DAYS),
            end__gte=today,
        )
        .select_related("process", "process__plan")
        .prefetch_related("process__plan__districts", "process__plan__fields_of_action")
    )
    count = 0
    for phase in phases:
        process = phase.process
        subject = _("Now starting: %(phase)s – %(process)s") % {"phase": phase.title, "process": process.title}
        text = _("The phase “%(phase)s” of the participation process “%(process)s” runs from %(start)s to %(end)s.") % {
            "phase": phase.title,
            "process": process.title,
            "start": date_format(phase.start, "j. F Y"),
            "end": date_format(phase.end, "j. F Y"),
        }
        key = f"phase_start:{phase.pk}:{phase.start.isoformat()}"
        count += notify_followers(
            NotificationLog.Kind.PHASE_START, key, subject, text, absolute(process.get_absolute_url()), process=process
        )
    return count


def deadlines(today: datetime.date) -> int:
    """Deadlines that end within the next three days: dialog phases and interim reports open for comments."""
    horizon = today + datetime.timedelta(days=DEADLINE_DAYS)
    count = 0
    phases = (
        Phase.objects.filter(_public_process(), end__gte=today, end__lte=horizon)
        .filter(Q(kind=Phase.Kind.DIALOG) | Q(format=Phase.Format.ONLINE_DIALOG))
        .select_related("process", "process__plan")
        .prefetch_related("process__plan__districts", "process__plan__fields_of_action")
    )
    for phase in phases:
        process = phase.process
        subject = _("Deadline on %(date)s: %(process)s") % {
            "date": date_format(phase.end, "j. F"),
            "process": process.title,
        }
        text = _(
            "Contributions to “%(phase)s” of the participation process “%(process)s” are possible until %(date)s."
        ) % {
            "phase": phase.title,
            "process": process.title,
            "date": date_format(phase.end, "l, j. F Y"),
        }
        key = f"deadline:phase:{phase.pk}:{phase.end.isoformat()}"
        count += notify_followers(
            NotificationLog.Kind.DEADLINE, key, subject, text, absolute(process.get_absolute_url()), process=process
        )
    reports = (
        Report.objects.filter(
            _public_process(), published_at__isnull=False, comments_until__gte=today, comments_until__lte=horizon
        )
        .select_related("process", "process__plan")
        .prefetch_related("process__plan__districts", "process__plan__fields_of_action")
    )
    for report in reports:
        process = report.process
        subject = _("Deadline on %(date)s: %(title)s") % {
            "date": date_format(report.comments_until, "j. F"),
            "title": report.title,
        }
        text = _(
            "Comments on the report “%(title)s” of the participation process “%(process)s” are possible until %(date)s."
        ) % {
            "title": report.title,
            "process": process.title,
            "date": date_format(report.comments_until, "l, j. F Y"),
        }
        key = f"deadline:report:{report.pk}:{report.comments_until.isoformat()}"
        count += notify_followers(
            NotificationLog.Kind.DEADLINE, key, subject, text, report_url(report), process=process
        )
    return count


def digests() -> int:
    """Queue one digest mail for every user with the daily setting and pending notices."""
    user_ids = list(
        NotificationLog.objects.filter(
            sent_at__isnull=True,
            user__notification_setting__frequency=NotificationSetting.Frequency.DAILY,
            user__in=reachable_users(),
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in user_ids:
        send_digest.enqueue(user_id)
    return len(user_ids)


def run(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        result = {"phase_starts": phase_starts(today), "deadlines": deadlines(today)}
    result["digests"] = digests()
    return result
