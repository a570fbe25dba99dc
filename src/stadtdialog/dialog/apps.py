from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogConfig(AppConfig):
    name = "stadtdialog.dialog"
    verbose_name = _("Dialog")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        register_link(
            "staff_home", _("Contributions without an answer"), "dialog:unanswered", "dialog.view_unanswered", order=20
        )
        register_link("process_staff", _("Contributions"), "dialog:list", kwarg="pk", order=10)
        register_link(
            "process_staff",
            _("Enter contributions collected on site"),
            "dialog:enter_onsite",
            "dialog.enter_onsite_contribution",
            kwarg="pk",
            order=20,
        )
