"""Labels of the accounts' audit actions (imported by AccountsConfig.ready). An account's own history is for
the admins only (no register_history): it holds a person's names."""

from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions

register_actions(
    {
        "account.register": _("Account registered"),
        "account.verify_email": _("E-mail address confirmed"),
        "account.display_name": _("Display name changed"),
        "account.password_reset": _("Password reset"),
        "account.delete": _("Account deleted"),
    }
)
