from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "stadtdialog.plans"
    verbose_name = _("Plans")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        from . import (  # noqa: F401  connect the invalidation of the cached counts and filter choices
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            counts,
            filters,
        )

        register_link("staff_home", _("Plans and processes"), "plans:staff_list", "plans.access_staff_plans", order=10)
