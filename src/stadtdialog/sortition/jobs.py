"""Background work of the sortition (selection runs, invitation letters): claimed once, given up when lost.

A request writes the work as queued and queues a task after the commit. The task `claim`s it (queued ->
running under a row lock), so a task delivered twice does nothing the second time. Work still queued
or running after STALE_AFTER was lost (a worker stopped mid-task): it no longer blocks a new request,
is marked failed when one comes, and a late worker finds it no longer running and drops its result.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PENDING, JobStatus

STALE_AFTER = datetime.timedelta(hours=2)


def lost_message() -> str:
    return _("The work was not finished (the task worker may have been stopped). Please request it again.")


def still_pending(queryset, since_field: str):
    """Work of the queryset that is queued or running and younger than STALE_AFTER."""
    return queryset.filter(status__in=PENDING, **{f"{since_field}__gte": timezone.now() - STALE_AFTER})


def give_up_lost(queryset, since_field: str) -> int:
    """Mark work queued or running for longer than STALE_AFTER as failed."""
    return queryset.filter(status__in=PENDING, **{f"{since_field}__lt": timezone.now() - STALE_AFTER}).update(
        status=JobStatus.FAILED, message=lost_message()
    )


def claim(queryset, pk: int):
    """The work with this key, set from queued to running under a row lock; None if it is gone or
    was taken already."""
    with transaction.atomic():
        work = queryset.select_for_update(of=("self",)).filter(pk=pk, status=JobStatus.QUEUED).first()
        if work is None:
            return None
        work.status, work.started_at = JobStatus.RUNNING, timezone.now()
        work.save(update_fields=["status", "started_at"])
    return work
