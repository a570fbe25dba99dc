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

from .models import Comment, Contribution, Support

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


def withdraw_supports(user) -> None:
    """Support is personal: it goes with the account, and the counts go down."""
    supported = Support.objects.filter(user=user).values("contribution_id")
    # a withdrawn contribution's count is 0 already (its supports no longer count)
    Contribution.objects.filter(pk__in=supported, support_count__gt=0).update(support_count=F("support_count") - 1)
    Support.objects.filter(user=user).delete()


def profile_context(user) -> dict:
    """The account page's lists (`/konto/`): own contributions, comments and supports, each the newest
    PROFILE_ITEMS with the total; six queries however many there are."""
    contributions = Contribution.objects.filter(author=user).select_related("process").order_by("-created_at", "-id")
    comments = Comment.objects.filter(author=user).select_related("contribution").order_by("-created_at", "-id")
    supports = Support.objects.filter(user=user).select_related("contribution__process").order_by("-created_at", "-id")
    return {
        "contributions": list(contributions[:PROFILE_ITEMS]),
        "contribution_total": contributions.count(),
        "comments": list(comments[:PROFILE_ITEMS]),
        "comment_total": comments.count(),
        "supports": list(supports[:PROFILE_ITEMS]),
        "support_total": supports.count(),
    }


register_exporter("contributions", export_contributions)
register_exporter("comments", export_comments)
register_exporter("supports", export_supports)
register_deletion_hook("dialog_supports", withdraw_supports)
register_profile_section("dialog", "dialog/_account_profile.html", profile_context)
register_owned_objects("contributions", lambda user: Contribution.objects.filter(author=user))
register_owned_objects("comments", lambda user: Comment.objects.filter(author=user))
