"""Labels of the reports' audit actions and who sees the history of a report or a comment (imported by ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import ConceptComment, Report, ReportComment

register_actions(
    {
        "report.create": _("Report created"),
        "report.update": _("Report changed"),
        "report.publish": _("Report published"),
        "report.unpublish": _("Report taken back to draft"),
        "report.attachment_add": _("Attachment added"),
        "report.attachment_remove": _("Attachment removed"),
        "report.comment": _("Comment on a report written"),
        "concept_comment.create": _("Comment on the concept written"),
        # f"concept_comment.{status}" in services._handle, one per ConceptComment.Status
        "concept_comment.open": _("Comment on the concept reopened"),
        "concept_comment.adopted": _("Comment on the concept adopted"),
        "concept_comment.declined": _("Comment on the concept declined"),
    }
)
register_history(
    Report,
    "reports.manage_reports",
    via=lambda report: report.process,
    url=lambda report: reverse("reports:staff_report_edit", args=[report.process_id, report.pk]),
    labels={"published_at": _("Published"), "attachments": _("Attachments")},
)
register_history(
    ConceptComment,
    "reports.handle_concept_comments",
    via=lambda comment: comment.concept.process,
    url=lambda comment: reverse("reports:staff_concept_comment", args=[comment.concept.process_id, comment.pk]),
)
register_history(ReportComment, "moderation.moderate")
