from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "stadtdialog.events"
    verbose_name = _("Events")

    def ready(self):
        from stadtdialog.core import start_page
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
            queries,
        )
        from .models import Event

        register_section(
            "process_public",
            "events",
            "events/_process_events.html",
            queries.process_page_section,
            order=10,
            exists=queries.process_page_probe,
        )
        register_link("staff_home", _("Events"), "events:staff_list", "events.access_staff_events", order=45)
        start_page.watch(Event)
        register_section(
            "start_page",
            "events",
            "core/_start_section.html",
            home_sections.start_events_section,
            order=20,
            exists=home_sections.start_events_probe,
        )
