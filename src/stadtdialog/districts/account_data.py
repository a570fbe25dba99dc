"""A resident's part in the action programmes, in their data export and at the deletion of their account (found by
accounts.personal_data.discover). Points are personal, as a contribution's support is: they go with the account and
the needs' totals go down; proposed needs stay, shown as from a deleted account (the author is set to null)."""

from django.db.models import F, OuterRef, Subquery

from stadtdialog.accounts.personal_data import register_deletion_hook, register_exporter, register_owned_objects

from .models.programmes import Allocation, Ballot, Need


def export_needs(user) -> list[dict]:
    needs = Need.objects.filter(author=user).select_related("programme__district", "field_of_action", "round")
    return [
        {
            "district": need.programme.district.name,
            "round": need.round.title if need.round else None,
            "field_of_action": need.field_of_action.name,
            "title": need.title,
            "text": need.text,
            "proposed_at": need.created_at.isoformat(),
        }
        for need in needs.order_by("created_at", "id")
    ]


def export_points(user) -> list[dict]:
    rows = Allocation.objects.filter(resident=user).select_related("round", "need")
    return [
        {"round": row.round.title, "need": row.need.title, "points": row.points}
        for row in rows.order_by("round_id", "need_id")
    ]


def withdraw_points(user) -> None:
    """The person's ballots are locked and their points taken off the needs' totals in one UPDATE; the ballots and
    points themselves go with the account row in the same transaction (their foreign keys cascade). Two queries,
    however many points."""
    list(Ballot.objects.select_for_update().filter(resident=user).values_list("pk", flat=True))
    given = Allocation.objects.filter(need=OuterRef("pk"), resident=user).values("points")[:1]
    Need.objects.filter(allocations__resident=user).update(points_total=F("points_total") - Subquery(given))


register_exporter("district_needs", export_needs)
register_exporter("district_points", export_points)
register_deletion_hook("district_points", withdraw_points)
register_owned_objects("district_needs", lambda user: Need.objects.filter(author=user))
