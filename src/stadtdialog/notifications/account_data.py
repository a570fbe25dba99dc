"""The notifications part of a resident's data export (follows, settings, notices). Rows go with the account."""

from stadtdialog.accounts.personal_data import register_exporter, register_owned_objects, register_profile_section

from . import queries
from .models import Follow, NotificationLog, NotificationSetting


def export_notifications(user) -> dict:
    setting = NotificationSetting.objects.filter(user=user).first()
    return {
        "settings": None
        if setting is None
        else {
            "frequency": setting.frequency,
            "answers": setting.answers,
            "mail_enabled": setting.mail_enabled,
        },
        "follows": [
            {"kind": row["type"], "name": str(row["object"]), "since": row["follow"].created_at.isoformat()}
            for row in queries.follows_of(user)
        ],
        "notices": [
            {
                "kind": log.kind,
                "subject": log.subject,
                "created_at": log.created_at.isoformat(),
                "sent_at": log.sent_at.isoformat() if log.sent_at else None,
            }
            for log in NotificationLog.objects.filter(user=user).order_by("created_at", "id")
        ],
    }


register_exporter("notifications", export_notifications)
register_owned_objects("follows", lambda user: Follow.objects.filter(user=user))
register_owned_objects("notification_settings", lambda user: NotificationSetting.objects.filter(user=user))


def account_context(user) -> dict:
    """The account page's lists (`/konto/`): what the resident follows (one query per kind of object, at most five)
    and their newest notices, e.g. that the moderators hid a post, with the reason (one query)."""
    return {
        "follows": queries.follows_of(user),
        "notices": list(NotificationLog.objects.filter(user=user).order_by("-created_at", "-id")[:20]),
    }


register_profile_section("notifications", "notifications/_account_lists.html", account_context)
