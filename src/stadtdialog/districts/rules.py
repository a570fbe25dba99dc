"""Who may do what in the district management (pages, networks, directory, indicators; the concerns have their
own rules in rules_concerns.py).

The objects asked about are a District, or an object of one district (a Network, a MonitoringNote, a ContactPoint
whose district is empty for the whole city)."""

import rules

from stadtdialog.accounts.models import Role
from stadtdialog.accounts.rules import (
    district_ids_of,
    is_admin,
    is_city_wide_staff,
    is_coordination_office,
    is_district_manager,
)


def district_id_of(obj) -> int | None:
    """The district an object belongs to: the district itself, or the object's district (None: the whole city)."""
    if obj is None:
        return None
    if hasattr(obj, "district_id"):
        return obj.district_id
    return obj.pk


def council_district_ids_of(user) -> set[int]:
    """Districts on whose district council the user sits."""
    if not user.is_authenticated:
        return set()
    return {r.district_id for r in user.roles if r.kind == Role.Kind.COUNCIL_MEMBER and r.district_id}


@rules.predicate
def manages_the_district(user, obj):
    """The district manager or deputy of this district (of the object's district)."""
    district_id = district_id_of(obj)
    return district_id is not None and district_id in district_ids_of(user)


@rules.predicate
def sits_on_the_district_council(user, obj):
    """A member of this district's district council."""
    district_id = district_id_of(obj)
    return district_id is not None and district_id in council_district_ids_of(user)


@rules.predicate
def is_district_council_member(user):
    return bool(council_district_ids_of(user))


@rules.predicate
def is_city_wide_entry(user, contact_point):
    """A directory entry for the whole city (no district), or a new entry not yet given a district."""
    return contact_point is None or getattr(contact_point, "district_id", None) is None


may_keep_district = is_admin | manages_the_district
may_keep_directory_entry = is_city_wide_staff | manages_the_district

# The overview of the district work areas: the staff who may open at least one of them, or the directory.
rules.add_perm("districts.access_district_area", is_city_wide_staff | is_district_manager | is_district_council_member)
# A district's work area: its managers and the admins; council members of its district council see its public part.
rules.add_perm("districts.view_work_area", may_keep_district | sits_on_the_district_council)
# The profile, networks, monitoring notes and the indicator upload of one district.
rules.add_perm("districts.change_district", may_keep_district)
rules.add_perm("districts.view_internal_notes", may_keep_district)
# The directory: city-wide entries for the admins and the coordination office, a district's entries also for its
# managers.
rules.add_perm("districts.access_directory", is_city_wide_staff | is_district_manager)
rules.add_perm("districts.change_contact_point", is_city_wide_staff | (~is_city_wide_entry & manages_the_district))
# The city-wide indicator upload (every district and the city's values).
rules.add_perm("districts.import_indicators", is_admin | is_coordination_office)
