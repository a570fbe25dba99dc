from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def process_dialog_section(request, process) -> dict | None:
    """The section "dialog" of the public process page: the dialog's state, the counts by answer and the newest
    contributions (dialog_tags.process_dialog), or None when the process has no dialog and no contributions."""
    from .templatetags.dialog_tags import process_dialog

    dialog = process_dialog(process)
    return {"dialog": dialog} if dialog and (dialog["window"].has_dialog or dialog["total"]) else None


class DialogConfig(AppConfig):
    name = "stadtdialog.dialog"
    verbose_name = _("Dialog")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
        )

        register_section("process_public", "dialog", "dialog/_process_dialog.html", process_dialog_section, order=20)

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
        register_section(
            "staff_home",
            "unanswered",
            "core/_todo.html",
            home_sections.staff_unanswered_section,
            order=20,
            exists=home_sections.staff_unanswered_probe,
        )
