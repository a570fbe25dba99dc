"""Per-account rate limits for posting, counted in the audit log (no IP addresses are involved).

A service calls `check_rate` before it writes::

    check_rate(user, "dialog.contribution.create", limit=10, period=timedelta(minutes=10))

It counts the user's own audit entries with that action (or any of several actions) in the period
and raises a ValidationError with a German message once the limit is reached. Anonymous users are
not counted (their forms are protected by core/antibot.py); staff are exempt by default, since
they enter contributions collected on site in bulk.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

DEFAULT_MESSAGE = _("You have written many contributions in a short time. Please wait a few minutes.")


def recent_count(user, action: str | tuple[str, ...] | list[str], period: timedelta, now=None) -> int:
    actions = [action] if isinstance(action, str) else list(action)
    since = (now or timezone.now()) - period
    return AuditEntry.objects.filter(actor_id=user.pk, action__in=actions, created_at__gte=since).count()


def check_rate(
    user, action, limit: int, period: timedelta, *, message=None, exempt_staff: bool = True, now=None
) -> None:
    """Raise ValidationError (code "rate_limited") if the user did `action` `limit` times within `period`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    if exempt_staff and getattr(user, "is_staff_member", False):
        return
    if recent_count(user, action, period, now=now) >= limit:
        raise ValidationError(message or DEFAULT_MESSAGE, code="rate_limited")
