from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "stadtdialog.outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from stadtdialog.core.extensions import register_link

        register_link(
            "staff_home", _("Overdue milestones"), "outcomes:staff_overdue", "outcomes.view_overdue", order=50
        )
        register_link(
            "process_staff",
            _("Results, decision and implementation"),
            "outcomes:staff_results",
            "outcomes.change_outcomes",
            kwarg="process_pk",
            order=50,
        )
