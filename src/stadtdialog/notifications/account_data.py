"""The notifications part of a resident's data export (follows, settings, notices). Rows go with the account."""

from stadtdialog.accounts.personal_data import register_exporter, register_owned_objects

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
