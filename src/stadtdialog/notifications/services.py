"""Writes of the notifications app: follows, settings, unsubscribing, and the notices themselves.

`notify` records one notice per user and key (so nothing is sent twice) and either queues the
e-mail at once or leaves it for the daily digest, depending on the user's setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from stadtdialog.accounts.models import User
from stadtdialog.accounts.rules import is_verified_participant
from stadtdialog.core import audit

from . import targets
from .models import Follow, NotificationLog, NotificationSetting

if TYPE_CHECKING:
    from stadtdialog.plans.models import Plan
    from stadtdialog.processes.models import Process

UNSUBSCRIBE_SALT = "stadtdialog.notifications.unsubscribe"
ALL, ANSWERS = "all", "answers"


# --- who may receive mail --------------------------------------------------------------------------


def reachable_users() -> QuerySet[User]:
    """Accounts that may get mail: active, with a verified address, mail not switched off."""
    return User.objects.filter(is_active=True, email_verified=True).exclude(notification_setting__mail_enabled=False)


def setting_for(user: User) -> NotificationSetting:
    setting = NotificationSetting.objects.filter(user=user).first()
    return setting or NotificationSetting(user=user)


# --- follows ---------------------------------------------------------------------------------------


def _require_resident_account(user: User) -> None:
    """Verified participants follow; an unconfirmed address gets the hint, anyone else PermissionDenied."""
    if is_verified_participant(user):
        return
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    raise ValidationError(_("Please confirm your e-mail address first."))


def follow(user: User, obj: Model) -> Follow:
    """Follow a public plan, process or other followable object (once; following again changes nothing)."""
    _require_resident_account(user)
    if targets.type_name(obj) is None or not targets.is_public(obj):
        raise ValidationError(_("This cannot be followed."))
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        item, created = Follow.objects.get_or_create(user=user, content_type=content_type, object_id=obj.pk)
        if created:
            audit.record(user, "notifications.follow", item, {"target": [None, str(obj)]})
    return item


def unfollow(user: User, obj: Model) -> bool:
    """Stop following; False when the user did not follow it."""
    _require_resident_account(user)
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        item = Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).first()
        if item is None:
            return False
        audit.record(user, "notifications.unfollow", item, {"target": [str(obj), None]})
        item.delete()
    return True


def update_setting(user: User, data: dict) -> NotificationSetting:
    if not user.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        setting, _created = NotificationSetting.objects.select_for_update().get_or_create(user=user)
        fields = ["frequency", "answers", "mail_enabled"]
        before = audit.snapshot(setting, fields)
        for name in fields:
            if name in data:
                setattr(setting, name, data[name])
        setting.save()
        audit.record(user, "notifications.settings", setting, audit.diff(before, audit.snapshot(setting, fields)))
    return setting


# --- unsubscribing by link -------------------------------------------------------------------------


def unsubscribe_code(user_id: int, scope: str) -> str:
    """A signed code for the one-click link: scope is a follow id (as text), "answers" or "all"."""
    return signing.dumps({"u": user_id, "s": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_code(code: str) -> tuple[User, str] | None:
    try:
        data = signing.loads(code, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(data["u"]))
        scope = str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist):
        return None
    return user, scope


def unsubscribe(user: User, scope: str) -> str:
    """Carry out an unsubscribe link (no login needed). Returns what was done: "follow", "answers" or "all"."""
    with transaction.atomic():
        if scope.isdigit():
            item = Follow.objects.filter(pk=int(scope), user=user).first()
            if item is not None:
                audit.record(None, "notifications.unsubscribe_follow", item, {"follow": [item.pk, None]})
                item.delete()
            return "follow"
        setting, _created = NotificationSetting.objects.select_for_update().get_or_create(user=user)
        if scope == ANSWERS:
            setting.answers = False
        else:
            setting.mail_enabled = False
        setting.save()
        audit.record(None, f"notifications.unsubscribe_{'answers' if scope == ANSWERS else 'all'}", setting, {})
    return ANSWERS if scope == ANSWERS else ALL


# --- notices ---------------------------------------------------------------------------------------


def followers_of(process: Process | None = None, plan: Plan | None = None) -> dict[int, Follow]:
    """{user id: the closest follow} of reachable users who follow the process, its plan, one of the
    plan's districts or fields of action. One query (plus one for the plan's districts and fields)."""
    plan = plan or process.plan
    conditions = Q(content_type=targets.content_type_for("plan"), object_id=plan.pk)
    if process is not None:
        conditions |= Q(content_type=targets.content_type_for("process"), object_id=process.pk)
    district_ids = [d.pk for d in plan.districts.all()]
    field_ids = [f.pk for f in plan.fields_of_action.all()]
    if district_ids:
        conditions |= Q(content_type=targets.content_type_for("district"), object_id__in=district_ids)
    if field_ids:
        conditions |= Q(content_type=targets.content_type_for("field"), object_id__in=field_ids)
    order = {
        targets.content_type_for(name).pk: rank for rank, name in enumerate(["process", "plan", "district", "field"])
    }
    found: dict[int, Follow] = {}
    follows = Follow.objects.filter(conditions, user__in=reachable_users()).order_by("id")
    for item in sorted(follows, key=lambda f: order[f.content_type_id]):
        found.setdefault(item.user_id, item)
    return found


def notify(
    user_id: int,
    kind: str,
    key: str,
    subject: str,
    text: str,
    url: str,
    follow: Follow | None = None,
    setting: NotificationSetting | None = None,
) -> NotificationLog | None:
    """Record a notice once per user and key; queue its e-mail now or leave it for the daily digest."""
    from .tasks import send_notification

    try:
        with transaction.atomic():
            log = NotificationLog.objects.create(
                user_id=user_id,
                kind=kind,
                key=key[:120],
                follow=follow,
                subject=subject[:300],
                text=text[:2000],
                url=url[:500],
            )
    except IntegrityError:
        return None  # this user has been told already
    frequency = (
        setting or NotificationSetting.objects.filter(user_id=user_id).first() or NotificationSetting()
    ).frequency
    if frequency == NotificationSetting.Frequency.IMMEDIATE:
        transaction.on_commit(lambda: send_notification.enqueue(log.pk))
    return log


def notify_followers(
    kind: str, key: str, subject: str, text: str, url: str, process: Process | None = None, plan: Plan | None = None
) -> int:
    followers = followers_of(process=process, plan=plan)
    settings_by_user = {s.user_id: s for s in NotificationSetting.objects.filter(user_id__in=followers)}
    sent = 0
    for user_id, item in followers.items():
        if notify(user_id, kind, key, subject, text, url, follow=item, setting=settings_by_user.get(user_id)):
            sent += 1
    return sent
