from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def process_dialog_section(request, process) -> dict | None:
    """The section "dialog" of the public process page: the dialog's state, the counts by answer and the newest
    contributions (dialog_tags.process_dialog), or None when the process has no dialog and no contributions."""
    from .templatetags.dialog_tags import process_dialog

    dialog = process_dialog(process)
    return {"dialog": dialog} if dialog and (dialog["window"].has_dialog or dialog["total"]) else None


def process_reports_section(request, process) -> dict:
    """The section "reports" of the public process page: always shown; its template loads the reports."""
    return {}


def concept_comments_section(request, process) -> dict | None:
    """The comments under the public concept page of a published process; the template loads them."""
    return {} if process.is_published else None


class DialogConfig(AppConfig):
    name = "stadtdialog.dialog"
    verbose_name = _("Dialog")

    def ready(self):
        from stadtdialog.core.extensions import register_link, register_section

        register_section("process_public", "dialog", "dialog/_process_dialog.html", process_dialog_section, order=20)
        register_section("process_public", "reports", "dialog/_process_reports.html", process_reports_section, order=30)
        register_section(
            "process_concept", "concept_comments", "dialog/_concept_comments.html", concept_comments_section
        )

        register_link(
            "staff_home", _("Contributions without an answer"), "dialog:unanswered", "dialog.view_unanswered", order=20
        )
        register_link("staff_home", _("Moderation"), "dialog:moderation_queue", "dialog.moderate", order=30)
        register_link("process_staff", _("Contributions"), "dialog:list", kwarg="pk", order=10)
        register_link(
            "process_staff",
            _("Enter contributions collected on site"),
            "dialog:enter_onsite",
            "dialog.enter_onsite_contribution",
            kwarg="pk",
            order=20,
        )
        register_link(
            "process_staff",
            _("Reports"),
            "dialog:staff_reports",
            "processes.change_process",
            kwarg="process_pk",
            order=30,
        )
        register_link(
            "process_staff",
            _("Comments on the concept"),
            "dialog:staff_concept_comments",
            "processes.change_process",
            kwarg="process_pk",
            order=40,
        )
