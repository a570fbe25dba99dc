from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "stadtdialog.events"
    verbose_name = _("Events")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            queries,
        )

        register_section(
            "process_public",
            "events",
            "events/_process_events.html",
            queries.process_page_section,
            order=10,
            exists=queries.process_page_probe,
        )
        register_section(
            "staff_home", "certificates", "events/_account_certificates.html", queries.account_certificates
        )
        register_link("staff_home", _("Events"), "events:staff_list", "events.access_staff_events", order=45)
