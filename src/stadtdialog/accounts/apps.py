from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stadtdialog.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            signals,  # noqa: F401 (connects the receivers)
        )
