"""What the moderation holds about an account (the reports it sent): for the data export and the account deletion.

Found by stadtdialog.accounts.personal_data.
"""

from stadtdialog.accounts.personal_data import register_exporter, register_owned_objects

from .models import Flag


def export_flags(user) -> list[dict]:
    rows = Flag.objects.filter(reporter=user).select_related("content_type").order_by("created_at")
    return [
        {
            "content": f.content_type.model,
            "content_id": f.object_id,
            "reason": f.reason,
            "decision": f.decision,
            "created_at": f.created_at.isoformat() if f.created_at else None,
        }
        for f in rows
    ]


register_exporter("reports_to_moderators", export_flags)
register_owned_objects("flags", lambda user: Flag.objects.filter(reporter=user))
