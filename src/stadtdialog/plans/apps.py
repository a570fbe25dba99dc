from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "stadtdialog.plans"
    verbose_name = _("Plans")

    def ready(self):
        from stadtdialog.core import start_page
        from stadtdialog.core.extensions import register_link, register_section

        from . import (  # noqa: F401  connect the invalidation of the cached counts and filter choices
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            counts,
            filters,
            home_sections,
        )
        from .models import Plan

        register_link("staff_home", _("Plans and processes"), "plans:staff_list", "plans.access_staff_plans", order=10)
        start_page.watch(Plan)  # a plan taken back takes its processes off the start page
        register_section(
            "staff_home",
            "draft_plans",
            "core/_todo.html",
            home_sections.staff_drafts_section,
            order=35,
            exists=home_sections.staff_drafts_probe,
        )
