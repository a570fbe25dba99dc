"""What initiatives hold about an account: the resident's own initiatives, for the data export and for
the deletion (the initiatives stay, shown as from a deleted account; their audit entries lose the name)."""

from stadtdialog.accounts.personal_data import register_exporter, register_owned_objects, register_profile_section

from .models import Initiative


def export_initiatives(user) -> list[dict]:
    rows = Initiative.objects.filter(author=user).select_related("district", "department").order_by("created_at", "id")
    return [
        {
            "id": i.pk,
            "kind": i.kind,
            "title": i.title,
            "description": i.description,
            "district": i.district.name if i.district else None,
            "state": i.state,
            "state_reason": i.state_reason,
            "department": str(i.department) if i.department else None,
            "created_at": i.created_at.isoformat(),
        }
        for i in rows
    ]


register_exporter("initiatives", export_initiatives)
register_owned_objects("initiatives", lambda user: Initiative.objects.filter(author=user))


def account_context(user) -> dict:
    """The account page's list (`/konto/`): the resident's initiatives with their state (one query)."""
    return {"initiatives": list(Initiative.objects.filter(author=user).order_by("-created_at", "-id")[:50])}


register_profile_section("initiatives", "initiatives/_account_initiatives.html", account_context)
