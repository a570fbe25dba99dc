"""Labels of the moderation's audit actions (imported by ModerationConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions

register_actions(
    {
        "dialog.flag.create": _("Reported to the moderators"),
        "dialog.moderation.hide": _("Hidden"),
        "dialog.moderation.keep": _("Kept, reports closed"),
        "dialog.moderation.unhide": _("Shown again"),
        "account.block": _("Account blocked"),
        "account.unblock": _("Account unblocked"),
    }
)
