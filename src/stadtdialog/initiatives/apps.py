from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "stadtdialog.initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
        )

        register_link("staff_home", _("Initiatives"), "initiatives:staff_list", "initiatives.access_staff", order=40)
        register_section(
            "staff_home",
            "initiatives_to_review",
            "core/_todo.html",
            home_sections.staff_reviews_section,
            order=30,
            exists=home_sections.staff_reviews_probe,
        )
