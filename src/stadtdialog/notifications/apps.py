from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "stadtdialog.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from stadtdialog.core.extensions import register_section

        from . import (  # noqa: F401  (receivers connects the listeners to the dialog's signals)
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            queries,
            receivers,
        )

        follow_button = "notifications/_follow_button.html"
        register_section("plan_header", "follow", follow_button, queries.plan_follow_section, order=10)
        register_section("process_header", "follow", follow_button, queries.process_follow_section, order=10)
        register_section("district_header", "follow", follow_button, queries.district_follow_section, order=10)
