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
        "accounts.oidc.login_created": _("Account created at the first sign-on with the work account"),
        "accounts.oidc.roles_synced": _("Roles taken over from the work account's groups"),
        "accounts.oidc.linked": _("Account linked to the work account"),
        "accounts.invitation.create": _("Invited to a staff account"),
        "accounts.invitation.resend": _("Invitation sent again (new link)"),
        "accounts.invitation.withdraw": _("Invitation withdrawn"),
        "accounts.invitation.accept": _("Invitation accepted, account activated"),
        "accounts.role.grant": _("Role granted"),
        "accounts.role.change": _("Role changed"),
        "accounts.role.revoke": _("Role revoked"),
        "accounts.user.deactivate": _("Account deactivated"),
        "accounts.user.reactivate": _("Account reactivated"),
    }
)
