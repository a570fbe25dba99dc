"""Writes of the moderation: anyone reports content, moderators hide or keep it and block accounts.

Content that can be reported is registered in stadtdialog.core.moderated (contributions, comments,
comments on reports and comments on the concept; all `Hideable`). Hiding writes the content's
hidden fields here, in this module. Every step writes an audit entry on the content (or the
account): ``dialog.flag.create``, ``dialog.moderation.hide``, ``dialog.moderation.keep``,
``dialog.moderation.unhide``, ``account.block``, ``account.unblock``.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import User
from stadtdialog.core import audit
from stadtdialog.core.moderated import kind_for_model, moderated_kinds
from stadtdialog.core.ratelimit import check_rate
from stadtdialog.core.rules import require
from stadtdialog.dialog.models import Hideable

from . import signals
from .models import Flag

FLAG_LIMIT = (10, timedelta(hours=1))  # reports per account and period


def kind_of(obj: Model) -> str:
    """The registered kind of the content ("comment"); ValueError for content that cannot be reported."""
    found = kind_for_model(type(obj))
    if found is None:
        raise ValueError(f"{type(obj).__name__} cannot be reported")
    return found.kind


def context_url(obj: Hideable) -> str:
    """Where the content is shown in public, with an anchor to it."""
    return moderated_kinds()[kind_of(obj)].url_of(obj)


def _flags_of(obj: Model) -> QuerySet[Flag]:
    return Flag.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def _hidden_state(obj: Hideable) -> dict:
    return {"hidden_at": audit._plain(obj.hidden_at), "hidden_reason": obj.hidden_reason, "hidden_by": obj.hidden_by_id}


def flag(reporter: User | None, obj: Hideable, reason: str) -> Flag:
    """Report content to the moderators (`reason` comes checked from FlagForm). Anyone may do this;
    accounts are rate-limited."""
    kind_of(obj)
    if reporter is not None and reporter.is_authenticated:
        limit, period = FLAG_LIMIT
        check_rate(
            reporter,
            "dialog.flag.create",
            limit,
            period,
            message=_("You have sent many reports in a short time. Please wait a while."),
        )
    else:
        reporter = None
    with transaction.atomic():
        created = Flag.objects.create(target=obj, reason=reason, reporter=reporter)
        audit.record(reporter, "dialog.flag.create", obj, {"flag": [None, created.pk], "reason": [None, reason]})
    return created


def _close_flags(moderator: User, obj: Hideable, decision: str) -> list[int]:
    open_flags = _flags_of(obj).filter(decision=Flag.Decision.OPEN)
    ids = list(open_flags.values_list("pk", flat=True))
    open_flags.update(decision=decision, decided_by=moderator, decided_at=timezone.now())
    return ids


def hide(moderator: User, obj: Hideable, reason: str) -> None:
    """Hide the content with a reason the public sees (checked by HideForm); open reports on it are closed
    as "hidden". Its author is told, with the reason (signals.content_hidden, after the commit)."""
    require(moderator, "moderation.moderate")
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        before = _hidden_state(obj)
        obj.hidden_at, obj.hidden_reason, obj.hidden_by = timezone.now(), reason, moderator
        obj.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        closed = _close_flags(moderator, obj, Flag.Decision.HIDDEN)
        audit.record(
            moderator,
            "dialog.moderation.hide",
            obj,
            {**audit.diff(before, _hidden_state(obj)), "flags_closed": [None, closed]},
        )
        # the author is told, with the reason (notifications listens)
        transaction.on_commit(lambda: signals.content_hidden.send(sender=type(obj), content=obj, kind=kind_of(obj)))


def keep(moderator: User, obj: Hideable) -> None:
    """Keep the content as it is; open reports on it are closed as "kept"."""
    require(moderator, "moderation.moderate")
    with transaction.atomic():
        closed = _close_flags(moderator, obj, Flag.Decision.KEPT)
        if not closed:
            raise ValidationError(_("There are no open reports on this content."))
        audit.record(moderator, "dialog.moderation.keep", obj, {"flags_closed": [None, closed]})


def unhide(moderator: User, obj: Hideable) -> None:
    """Show hidden content again."""
    require(moderator, "moderation.moderate")
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        if not obj.is_hidden:
            raise ValidationError(_("This content is not hidden."))
        before = _hidden_state(obj)
        obj.hidden_at, obj.hidden_reason, obj.hidden_by = None, "", None
        obj.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        audit.record(moderator, "dialog.moderation.unhide", obj, audit.diff(before, _hidden_state(obj)))


def block_account(moderator: User, user: User, reason: str) -> None:
    """Block an account: it can no longer log in (`reason` comes checked from BlockForm). Staff accounts are
    managed by the administrators."""
    require(moderator, "accounts.block_account")
    if user.pk == moderator.pk:
        raise ValidationError(_("You cannot block your own account."))
    if user.is_superuser or user.is_staff_member:
        raise ValidationError(_("Staff accounts cannot be blocked here; please ask the administrators."))
    if not user.is_active:
        raise ValidationError(_("This account is blocked already."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        # Log the account out everywhere: its sessions no longer validate (see the login form's message).
        audit.record(moderator, "account.block", user, {"is_active": [True, False], "reason": [None, reason]})


def unblock_account(moderator: User, user: User) -> None:
    """Let a blocked account log in again."""
    require(moderator, "accounts.block_account")
    if user.is_active:
        raise ValidationError(_("This account is not blocked."))
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(moderator, "account.unblock", user, {"is_active": [False, True]})
