"""What the dialog holds about an account: for the data export, the account deletion and the profile.

Found by stadtdialog.accounts.personal_data (accounts must not import the dialog).
"""

from django.db.models import F

from stadtdialog.accounts.personal_data import (
    register_deletion_hook,
    register_exporter,
    register_owned_objects,
    register_profile_section,
)

from .models import Comment, ConceptComment, Contribution, Flag, ReportComment, Support

PROFILE_ITEMS = 50  # the newest contributions and comments on the profile page


def _when(value):
    return value.isoformat() if value else None


def _hidden(obj) -> dict:
    return {"hidden_at": _when(obj.hidden_at), "hidden_reason": obj.hidden_reason} if obj.is_hidden else {}


def export_contributions(user) -> list[dict]:
    rows = (
        Contribution.objects.filter(author=user).select_related("process", "quarter", "response").order_by("created_at")
    )
    result = []
    for c in rows:
        response = getattr(c, "response", None)
        result.append(
            {
                "id": c.pk,
                "process": c.process.title,
                "kind": c.kind,
                "title": c.title,
                "text": c.text,
                "latitude": str(c.latitude) if c.latitude is not None else None,
                "longitude": str(c.longitude) if c.longitude is not None else None,
                "quarter": c.quarter.name if c.quarter else None,
                "image": c.image.name or None,
                "image_alt": c.image_alt,
                "source": c.source,
                "created_at": _when(c.created_at),
                "updated_at": _when(c.updated_at),
                "answer": {"status": response.status, "text": response.text} if response else None,
                **_hidden(c),
            }
        )
    return result


def export_comments(user) -> list[dict]:
    rows = Comment.objects.filter(author=user).select_related("contribution").order_by("created_at")
    return [
        {
            "id": c.pk,
            "contribution": c.contribution.title,
            "contribution_id": c.contribution_id,
            "reply_to": c.parent_id,
            "text": c.text,
            "created_at": _when(c.created_at),
            **_hidden(c),
        }
        for c in rows
    ]


def export_supports(user) -> list[dict]:
    rows = Support.objects.filter(user=user).select_related("contribution").order_by("created_at")
    return [
        {"contribution": s.contribution.title, "contribution_id": s.contribution_id, "created_at": _when(s.created_at)}
        for s in rows
    ]


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


def export_flags(user) -> list[dict]:
    rows = Flag.objects.filter(reporter=user).select_related("content_type").order_by("created_at")
    return [
        {
            "content": f.content_type.model,
            "content_id": f.object_id,
            "reason": f.reason,
            "decision": f.decision,
            "created_at": _when(f.created_at),
        }
        for f in rows
    ]


def withdraw_supports(user) -> None:
    """Support is personal: it goes with the account, and the counts go down."""
    supported = Support.objects.filter(user=user).values("contribution_id")
    Contribution.objects.filter(pk__in=supported).update(support_count=F("support_count") - 1)
    Support.objects.filter(user=user).delete()


def profile_context(user) -> dict:
    contributions = Contribution.objects.filter(author=user).select_related("process").order_by("-created_at", "-id")
    comments = Comment.objects.filter(author=user).select_related("contribution").order_by("-created_at", "-id")
    return {
        "contributions": list(contributions[:PROFILE_ITEMS]),
        "contribution_total": contributions.count(),
        "comments": list(comments[:PROFILE_ITEMS]),
        "comment_total": comments.count(),
    }


register_exporter("contributions", export_contributions)
register_exporter("comments", export_comments)
register_exporter("supports", export_supports)
register_exporter("report_comments", export_report_comments)
register_exporter("concept_comments", export_concept_comments)
register_exporter("reports_to_moderators", export_flags)
register_deletion_hook("dialog_supports", withdraw_supports)
register_profile_section("dialog", "dialog/account_profile.html", profile_context)
register_owned_objects("contributions", lambda user: Contribution.objects.filter(author=user))
register_owned_objects("comments", lambda user: Comment.objects.filter(author=user))
register_owned_objects("report_comments", lambda user: ReportComment.objects.filter(author=user))
register_owned_objects("concept_comments", lambda user: ConceptComment.objects.filter(author=user))
register_owned_objects("flags", lambda user: Flag.objects.filter(reporter=user))
