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
    return user.is_authenticated and user.has_role(Role.Kind.DEPARTMENT)


@rules.predicate
def is_district_manager(user):
    return user.is_authenticated and user.has_role(Role.Kind.DISTRICT_MANAGER)


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


def unit_ids_of(user) -> set[int]:
    """OrgUnits the user acts for as department staff, including the units below them (cached per user)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_unit_ids", None)
    if cached is None:
        from stadtdialog.organisation.models import OrgUnit

        direct = {r.org_unit_id for r in user.roles if r.kind == Role.Kind.DEPARTMENT and r.org_unit_id}
        cached = OrgUnit.descendant_ids(direct) if direct else set()
        user._unit_ids = cached
    return cached


def district_ids_of(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {r.district_id for r in user.roles if r.kind == Role.Kind.DISTRICT_MANAGER}


is_city_wide_staff = is_admin | is_coordination_office

rules.add_perm("accounts.access_staff_area", is_staff_member)
rules.add_perm("core.edit_page", is_city_wide_staff)
# The barrier reports of the accessibility statement: answered by the coordination office (and the admin).
rules.add_perm("core.answer_barrier_reports", is_city_wide_staff)
rules.add_perm("core.view_audit_log", is_staff_member)
