"""Posting limits per account in the dialog, counted in the audit log by core.ratelimit (staff are exempt)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from stadtdialog.core import ratelimit

LIMITS = {
    # action: (audit action counted, how many, within)
    "contribution": ("dialog.contribution.create", 10, timedelta(hours=1)),
    "comment": ("dialog.comment.create", 30, timedelta(hours=1)),
    "contribution_edit": ("dialog.contribution.edit", 20, timedelta(hours=1)),
    "comment_edit": ("dialog.comment.edit", 30, timedelta(hours=1)),
}
MESSAGES = {
    "contribution": _(
        "You have written many contributions in a short time. Please wait a while before you write the next one."
    ),
    "comment": _("You have written many comments in a short time. Please wait a while before you write the next one."),
    "contribution_edit": _("You have changed contributions many times in a short time. Please wait a while."),
    "comment_edit": _("You have changed comments many times in a short time. Please wait a while."),
}


def check_rate(user, action: str, now=None) -> None:
    """Raise ValidationError (code "rate_limited") when the account has posted too often."""
    counted, limit, period = LIMITS[action]
    ratelimit.check_rate(user, counted, limit, period, message=MESSAGES[action], now=now)
