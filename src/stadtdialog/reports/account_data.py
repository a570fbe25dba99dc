"""What the reports app holds about an account (comments on reports and on concepts): for the data export
and the account deletion. Found by stadtdialog.accounts.personal_data.
"""

from stadtdialog.accounts.personal_data import register_exporter, register_owned_objects

from .models import ConceptComment, ReportComment


def _when(value):
    return value.isoformat() if value else None


def _hidden(obj) -> dict:
    return {"hidden_at": _when(obj.hidden_at), "hidden_reason": obj.hidden_reason} if obj.is_hidden else {}


def export_report_comments(user) -> list[dict]:
    rows = ReportComment.objects.filter(author=user).select_related("report").order_by("created_at")
    return [
        {"id": c.pk, "report": c.report.title, "text": c.text, "created_at": _when(c.created_at), **_hidden(c)}
        for c in rows
    ]


def export_concept_comments(user) -> list[dict]:
    rows = ConceptComment.objects.filter(author=user).select_related("concept__process").order_by("created_at")
    return [
        {
            "id": c.pk,
            "process": c.concept.process.title,
            "concept_version": c.concept_version,
            "text": c.text,
            "status": c.status,
            "reason": c.reason,
            "created_at": _when(c.created_at),
            **_hidden(c),
        }
        for c in rows
    ]


register_exporter("report_comments", export_report_comments)
register_exporter("concept_comments", export_concept_comments)
register_owned_objects("report_comments", lambda user: ReportComment.objects.filter(author=user))
register_owned_objects("concept_comments", lambda user: ConceptComment.objects.filter(author=user))
