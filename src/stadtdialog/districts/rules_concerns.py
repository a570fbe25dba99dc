"""Who may do what with residents' concerns.

Personal data of a concern is seen only by the manager and the deputy of the concern's district and by the staff of
a department that one of its steps is handed to (they add status updates). City-wide staff keep the categories and
the Open311 client applications, but do not read concerns.
"""

import rules

from stadtdialog.accounts.rules import (
    district_ids_of,
    is_admin,
    is_city_wide_staff,
    is_department_staff,
    is_district_manager,
    unit_ids_of,
)


def step_unit_ids(concern) -> set[int]:
    """The departments the concern's steps are handed to (read once per concern object)."""
    cached = getattr(concern, "_step_unit_ids", None)
    if cached is None:
        prefetched = getattr(concern, "_prefetched_objects_cache", {}).get("steps")
        steps = prefetched if prefetched is not None else concern.steps.all()
        cached = {step.unit_id for step in steps if step.unit_id}
        concern._step_unit_ids = cached
    return cached


@rules.predicate
def manages_concern_district(user, concern):
    """The manager or deputy of the concern's district."""
    return concern is not None and concern.district_id in district_ids_of(user)


@rules.predicate
def handles_a_step(user, concern):
    """Staff of a department (or a unit below it) that a step of the concern is handed to."""
    return concern is not None and bool(step_unit_ids(concern) & unit_ids_of(user))


@rules.predicate
def is_open_concern(user, concern):
    return concern is not None and not concern.is_closed and concern.personal_data_deleted_at is None


rules.add_perm("districts.access_concerns", is_district_manager | is_department_staff)
rules.add_perm("districts.view_concern", manages_concern_district | handles_a_step)
rules.add_perm("districts.triage_concern", manages_concern_district & is_open_concern)
rules.add_perm("districts.publish_concern", manages_concern_district)
rules.add_perm("districts.add_concern_update", (manages_concern_district | handles_a_step) & is_open_concern)
rules.add_perm("districts.manage_concern_categories", is_city_wide_staff)
rules.add_perm("districts.manage_open311_clients", is_admin)
