from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "stadtdialog.office"
    verbose_name = _("Coordination office")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            audit_actions_advice,  # noqa: F401  (consultation requests and work aids, issue 15)
            home_sections,
            queries,
            rules_advice,  # noqa: F401  (permissions of consultation requests and work aids)
        )

        # The district page (districts app) renders {% extension_sections "district_public" district %}.
        register_section(
            "district_public", "office_hours", "office/_district_office_hours.html", queries.district_section, order=40
        )
        register_link("staff_home", _("Rooms and equipment"), "office:staff_home", "office.manage_bookings", order=55)
        register_link(
            "staff_home", _("Office hours"), "office:staff_office_hours", "office.access_office_hours", order=56
        )
        register_link("staff_home", _("Consultation requests"), "office:advice_list", "office.access_advice", order=57)
        register_link("staff_home", _("Work aids"), "office:staff_work_aids", "office.manage_work_aids", order=58)

        register_link("staff_home", _("Funding rounds"), "office:staff_funding", "office.manage_funding", order=59)

        register_section(
            "staff_home",
            "booking_requests",
            "core/_todo.html",
            home_sections.staff_requests_section,
            order=70,
            exists=home_sections.staff_requests_probe,
        )
