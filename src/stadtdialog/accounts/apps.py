from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stadtdialog.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            queries,
            signals,  # noqa: F401 (connects the receivers)
        )

        register_link("staff_home", _("Staff and roles"), "accounts:staff_list", "accounts.manage_staff", order=85)
        register_section(
            "district_staff", "accounts", "accounts/_district_staff.html", queries.district_staff_section, order=10
        )
