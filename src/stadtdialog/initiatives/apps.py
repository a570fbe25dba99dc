from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "stadtdialog.initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        from . import audit_actions  # noqa: F401  (labels of the audit actions, who sees the histories)

        register_link("staff_home", _("Initiatives"), "initiatives:staff_list", "initiatives.access_staff", order=40)
