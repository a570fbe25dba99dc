from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortitionConfig(AppConfig):
    name = "stadtdialog.sortition"
    verbose_name = _("Sortition")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            signals,  # noqa: F401  (the letters file goes with its record)
        )

        register_link("staff_home", _("Sortition"), "sortition:staff_list", "sortition.run_sortition", order=70)
