from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "stadtdialog.core"
    verbose_name = _("Core")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        from . import audit_actions  # noqa: F401  (labels of the audit actions, who sees the histories)

        register_link("staff_home", _("Site pages"), "core:pages", "core.edit_page", order=90)
        register_link("staff_home", _("Audit log"), "core:audit_log", "core.view_any_history", order=95)
