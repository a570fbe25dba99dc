"""Who may do what, as asked of an account: its roles and whether it is a verified participant.

Services call `stadtdialog.core.rules.require(user, permission, obj)`; templates ask `has_perm`.
"""

import rules

from .models import Role


@rules.predicate
def is_admin(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.Kind.ADMIN))


@rules.predicate
def is_coordination_office(user):
    return user.is_authenticated and user.has_role(Role.Kind.COORDINATION)


@rules.predicate
def is_department_staff(user):
    """Department staff of a unit; a unit's lead acts for their unit as its staff do."""
    return user.is_authenticated and user.has_role(*Role.UNIT_KINDS)


@rules.predicate
def is_unit_lead(user):
    return user.is_authenticated and user.has_role(Role.Kind.UNIT_LEAD)


@rules.predicate
def is_district_manager(user):
    """A district's manager or their deputy, who acts for the district too."""
    return user.is_authenticated and user.has_role(*Role.DISTRICT_KINDS)


@rules.predicate
def is_moderator(user):
    return user.is_authenticated and user.has_role(Role.Kind.MODERATOR)


@rules.predicate
def is_council_member(user):
    return user.is_authenticated and user.has_role(Role.Kind.COUNCIL_MEMBER)


@rules.predicate
def is_verified_participant(user):
    """A resident (or staff member) who may take part: logged in, active and with a confirmed e-mail address."""
    return user.is_authenticated and user.is_active and bool(getattr(user, "email_verified", False))


@rules.predicate
def is_staff_member(user):
    return user.is_authenticated and user.is_staff_member


def _subtree(user, kinds, cache_name) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, cache_name, None)
    if cached is None:
        from stadtdialog.organisation.models import OrgUnit

        direct = {r.org_unit_id for r in user.roles if r.kind in kinds and r.org_unit_id}
        cached = OrgUnit.descendant_ids(direct) if direct else set()
        setattr(user, cache_name, cached)
    return cached


def unit_ids_of(user) -> set[int]:
    """OrgUnits the user acts for as department staff or unit lead, with the units below them (cached per user)."""
    return _subtree(user, Role.UNIT_KINDS, "_unit_ids")


def lead_unit_ids_of(user) -> set[int]:
    """OrgUnits the user leads, with the units below them: where they manage staff (cached per user)."""
    return _subtree(user, (Role.Kind.UNIT_LEAD,), "_lead_unit_ids")


def district_ids_of(user) -> set[int]:
    """Districts the user acts for as their manager or deputy."""
    if not user.is_authenticated:
        return set()
    return {r.district_id for r in user.roles if r.kind in Role.DISTRICT_KINDS}


# -- staff administration ----------------------------------------------------------------------------


@rules.predicate
def may_grant_as_unit_lead(user, role):
    """A unit lead grants (or revokes) department staff and unit lead roles within the units they lead."""
    return (
        role is not None
        and role.kind in Role.UNIT_KINDS
        and role.org_unit_id is not None
        and role.org_unit_id in lead_unit_ids_of(user)
    )


def _member_unit_ids(member) -> set[int]:
    ids = {r.org_unit_id for r in member.roles if r.org_unit_id}
    if member.org_unit_id:
        ids.add(member.org_unit_id)
    return ids


@rules.predicate
def is_in_led_units(user, member):
    """The staff member belongs to (or holds a role in) a unit the user leads."""
    return member is not None and bool(_member_unit_ids(member) & lead_unit_ids_of(user))


@rules.predicate
def is_own_invitation_in_led_units(user, invitation):
    return invitation is not None and is_in_led_units(user, invitation.user)


is_city_wide_staff = is_admin | is_coordination_office

rules.add_perm("accounts.access_staff_area", is_staff_member)
# The staff list and its pages: the admin and the coordination office see everyone, a unit lead their units.
rules.add_perm("accounts.manage_staff", is_city_wide_staff | is_unit_lead)
rules.add_perm("accounts.view_staff_member", is_city_wide_staff | (is_unit_lead & is_in_led_units))
rules.add_perm("accounts.invite_staff", is_admin | is_unit_lead)
rules.add_perm("accounts.grant_role", is_admin | (is_unit_lead & may_grant_as_unit_lead))
rules.add_perm("accounts.change_staff_member", is_admin | (is_unit_lead & is_in_led_units))
rules.add_perm("accounts.manage_invitation", is_admin | (is_unit_lead & is_own_invitation_in_led_units))
rules.add_perm("accounts.deactivate_staff", is_admin)


# The organisation's permissions (organisation is below accounts, so they are registered here, as core's are):
# city-wide staff manage the OrgUnit tree and the districts; a unit lead sees the tree and edits the public
# contact data of their unit and the units below it.
@rules.predicate
def leads_unit(user, unit):
    return unit is not None and unit.pk in lead_unit_ids_of(user)


rules.add_perm("organisation.view_units", is_city_wide_staff | is_unit_lead)
rules.add_perm("organisation.manage_units", is_city_wide_staff)
rules.add_perm("organisation.change_unit_contact", is_city_wide_staff | leads_unit)
rules.add_perm("organisation.manage_districts", is_city_wide_staff)
rules.add_perm("core.edit_page", is_city_wide_staff)
# The barrier reports of the accessibility statement: answered by the coordination office (and the admin).
rules.add_perm("core.answer_barrier_reports", is_city_wide_staff)
rules.add_perm("core.view_audit_log", is_staff_member)
rules.add_perm("core.view_any_history", is_admin)  # the history of every object and the site-wide audit log
