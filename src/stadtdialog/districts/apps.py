from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "stadtdialog.districts"
    verbose_name = _("District management")

    def ready(self):
        # concerns: audit labels, permissions, the sections on the district page and the work area, staff links
        from stadtdialog.core.extensions import register_link, register_section

        from . import audit_actions_concerns, queries_concerns, rules_concerns  # noqa: F401

        register_section(
            "district_public",
            "concerns",
            "districts/concerns/_district_public.html",
            queries_concerns.district_public_section,
            order=60,
        )
        register_section(
            "district_work",
            "concerns",
            "districts/concerns/_district_work.html",
            queries_concerns.district_work_section,
            order=10,
        )
        register_link("staff_home", _("Concerns"), "districts:staff_concerns", "districts.access_concerns", order=45)
        register_link(
            "staff_home",
            _("Concern categories"),
            "districts:staff_concern_categories",
            "districts.manage_concern_categories",
            order=46,
        )
        # end concerns
