"""Labels of the open-data app's audit actions (imported by ApiConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions

register_actions(
    {
        "api.key_create": _("API key created"),
        "api.key_revoke": _("API key revoked"),
    }
)
