"""Labels of the notifications' audit actions (imported by NotificationsConfig.ready). Follows and settings
belong to a person: their history is for the admins only (no register_history)."""

from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions

register_actions(
    {
        "notifications.follow": _("Following started"),
        "notifications.unfollow": _("Following ended"),
        "notifications.settings": _("Notification settings changed"),
        "notifications.unsubscribe_follow": _("Unsubscribed from one item by the e-mail link"),
        "notifications.unsubscribe_answers": _("Unsubscribed from answers by the e-mail link"),
        "notifications.unsubscribe_all": _("Unsubscribed from all e-mails by the e-mail link"),
    }
)
