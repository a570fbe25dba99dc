from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "stadtdialog.reporting"
    verbose_name = _("Public reporting")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            cache,
            queries,
            rules,  # noqa: F401
            sections,
            sections_districts,
            sections_funding,
            sections_office,
        )

        sections.register_builtin()
        sections_districts.register_sections()
        sections_office.register_sections()
        sections_funding.register_sections()
        cache.watch()
        register_link(
            "staff_home", _("Annual reports"), "reporting:staff_annual", "reporting.make_annual_report", order=70
        )
        register_link(
            "staff_home",
            _("Annual plan of participation"),
            "reporting:staff_annual_plan",
            "reporting.view_annual_plan",
            order=71,
        )
        register_link(
            "process_staff",
            _("Notices (posters and flyers)"),
            "reporting:staff_notices",
            "processes.change_process",
            kwarg="process_pk",
            order=90,
        )
        register_link(
            "process_staff",
            _("Letters to the target groups"),
            "reporting:staff_letters",
            "processes.change_process",
            kwarg="process_pk",
            order=91,
        )
        register_section(
            "process_public",
            "notices",
            "reporting/_process_notices.html",
            queries.process_notice_section,
            order=90,
            exists=queries.notice_events,
            when_empty=queries.NOTICES_WITHOUT_EVENTS,
        )
