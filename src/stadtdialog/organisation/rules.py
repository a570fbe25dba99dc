"""Who may manage the organisation: the OrgUnit tree, the units' contact data and the districts.

organisation sits below accounts in the layers, so it cannot import accounts' predicates. These read the
account by duck typing instead: `user.roles` is a list of objects with `.kind` (a string, as in
accounts.Role.Kind), `.org_unit_id` and `.district_id`. The kinds below must stay in step with
accounts.Role.Kind.

- city-wide staff (administrators, the coordination office) manage the tree and the districts;
- a unit lead edits the public contact data of their unit and of the units below it (not move, not dissolve).
"""

import rules

from .models import OrgUnit

ADMIN, COORDINATION, UNIT_LEAD = "admin", "coordination", "unit_lead"


def _roles(user) -> list:
    return list(getattr(user, "roles", ())) if user.is_authenticated else []


@rules.predicate
def is_city_wide_staff(user):
    """An administrator (or superuser) or a member of the coordination office."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(role.kind in (ADMIN, COORDINATION) for role in _roles(user))


@rules.predicate
def is_unit_lead(user):
    return any(role.kind == UNIT_LEAD and role.org_unit_id for role in _roles(user))


def led_unit_ids(user) -> set[int]:
    """The units a unit lead leads, with every unit below them (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_led_unit_ids", None)
    if cached is None:
        direct = {role.org_unit_id for role in _roles(user) if role.kind == UNIT_LEAD and role.org_unit_id}
        cached = OrgUnit.descendant_ids(direct) if direct else set()
        user._led_unit_ids = cached
    return cached


@rules.predicate
def leads_unit(user, unit):
    """The unit is the user's own as unit lead, or one below it."""
    return unit is not None and unit.pk in led_unit_ids(user)


rules.add_perm("organisation.view_units", is_city_wide_staff | is_unit_lead)
rules.add_perm("organisation.manage_units", is_city_wide_staff)
rules.add_perm("organisation.change_unit_contact", is_city_wide_staff | leads_unit)
rules.add_perm("organisation.manage_districts", is_city_wide_staff)
