"""Reads of the accounts app: the start page after login, the staff list, the district's staff section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from stadtdialog.core.extensions import links_for

from .models import Role, StaffInvitation, User
from .rules import is_city_wide_staff, lead_unit_ids_of
from .tokens import hash_token

if TYPE_CHECKING:
    from django.http import HttpRequest

    from stadtdialog.organisation.models import District, OrgUnit


def home_context(user: User) -> dict:
    """What the start page after login shows: the user's roles and the sections open to them."""
    return {"roles": user.roles, "links": links_for("staff_home", user)}


# -- the staff list ------------------------------------------------------------------------------------

ACTIVE, INACTIVE, INVITED = "aktiv", "inaktiv", "eingeladen"


def _open_invitations() -> QuerySet[StaffInvitation]:
    return StaffInvitation.objects.filter(used_at__isnull=True, withdrawn_at__isnull=True)


def _in_units(unit_ids: set[int]) -> Q:
    """Members of the units, or holders of a role for one of them."""
    return Q(org_unit_id__in=unit_ids) | Q(Exists(Role.objects.filter(user=OuterRef("pk"), org_unit_id__in=unit_ids)))


def staff_members(viewer: User, *, unit: OrgUnit | None = None, kind: str = "", status: str = "") -> QuerySet[User]:
    """Staff accounts (everyone with a role or an invitation) the viewer may see, filtered: by unit (and the
    units below it), by role kind, by state (active, inactive, invited). Roles, units and open invitations
    come in a fixed number of queries."""
    from stadtdialog.organisation.models import OrgUnit

    members = User.objects.filter(
        Exists(Role.objects.filter(user=OuterRef("pk"))) | Exists(StaffInvitation.objects.filter(user=OuterRef("pk")))
    ).annotate(invited=Exists(_open_invitations().filter(user=OuterRef("pk"))))
    if not is_city_wide_staff(viewer):
        members = members.filter(_in_units(lead_unit_ids_of(viewer)))
    if unit is not None:
        members = members.filter(_in_units(OrgUnit.descendant_ids({unit.pk})))
    if kind:
        members = members.filter(Exists(Role.objects.filter(user=OuterRef("pk"), kind=kind)))
    if status == ACTIVE:
        members = members.filter(is_active=True)
    elif status == INACTIVE:
        members = members.filter(is_active=False, invited=False)
    elif status == INVITED:
        members = members.filter(invited=True)
    return (
        members.select_related("org_unit")
        .prefetch_related(
            Prefetch("role_set", queryset=Role.objects.select_related("org_unit", "district").order_by("kind", "pk")),
            Prefetch("staff_invitations", queryset=_open_invitations(), to_attr="open_invitations"),
        )
        .order_by("full_name", "email", "pk")
    )


def staff_member(pk: int) -> User:
    """One staff account for its page, with roles and invitations."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        User.objects.select_related("org_unit").prefetch_related(
            Prefetch("role_set", queryset=Role.objects.select_related("org_unit", "district").order_by("kind", "pk")),
            Prefetch(
                "staff_invitations",
                queryset=StaffInvitation.objects.select_related("created_by"),
                to_attr="invitations",
            ),
        ),
        pk=pk,
    )


def invitation_for_token(token: str) -> StaffInvitation | None:
    return StaffInvitation.objects.select_related("user").filter(token_hash=hash_token(token)).first()


# -- the district's staff, on the district page of the organisation app ---------------------------------


def district_staff_section(request: HttpRequest | None, district: District) -> dict | None:
    """The district's managers and deputies (active accounts), or None when it has none."""
    roles = list(
        Role.objects.filter(district=district, kind__in=Role.DISTRICT_KINDS, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    if not roles:
        return None
    return {
        "district_managers": [r.user for r in roles if r.kind == Role.Kind.DISTRICT_MANAGER],
        "district_deputies": [r.user for r in roles if r.kind == Role.Kind.DISTRICT_DEPUTY],
    }
