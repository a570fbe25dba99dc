from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "stadtdialog.evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            queries,
        )

        register_section(
            "process_public",
            "evaluation",
            "evaluation/_process_evaluation.html",
            queries.process_page_section,
            order=50,
            exists=queries.process_page_probe,
        )
        register_link(
            "staff_home",
            _("Evaluation of the processes"),
            "evaluation:staff_overview",
            "evaluation.view_overview",
            order=60,
        )
        register_link(
            "process_staff",
            _("Evaluation of the process"),
            "evaluation:staff_detail",
            "evaluation.manage_evaluation",
            kwarg="process_pk",
            order=60,
        )
