"""Who may do what with district conferences, agreements, action items, escalations and district projects.

- The district's manager and deputy (and the admins) plan conferences, write minutes, make agreements and items,
  confirm completion, escalate and keep the district projects.
- The coordination office and the admins see every district's conferences, the overview and the escalations, and
  record the decision of an escalation; the district's manager records it too.
- Staff of a department (or a unit below it) see and update their unit's items, in every district (the admins may
  update any item), and open the
  conferences their unit is invited to; the minutes, once published, are for the participants: the district's
  managers and the invited departments.
- Members of the district council see the agreements of their district and the state of their items (no internal
  notes, no escalations).
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

from .rules import council_district_ids_of


def _district_id(obj) -> int | None:
    """The district of a district, conference, agreement, item, escalation or project."""
    if obj is None:
        return None
    if hasattr(obj, "agreement_id") and hasattr(obj, "unit_id"):  # an action item
        return obj.agreement.district_id
    if hasattr(obj, "district_id"):
        return obj.district_id
    if hasattr(obj, "agreement") and hasattr(obj, "body"):  # an escalation
        return obj.agreement.district_id
    return obj.pk


def _unit_ids_of_conference(conference) -> set[int]:
    cached = getattr(conference, "_invited_unit_ids", None)
    if cached is None:
        cached = {unit.pk for unit in conference.units.all()}
        conference._invited_unit_ids = cached
    return cached


@rules.predicate
def manages_its_district(user, obj):
    district_id = _district_id(obj)
    return district_id is not None and district_id in district_ids_of(user)


@rules.predicate
def sits_on_its_council(user, obj):
    district_id = _district_id(obj)
    return district_id is not None and district_id in council_district_ids_of(user)


@rules.predicate
def is_invited_unit(user, conference):
    """Staff of a department invited to the conference (or of a unit below it)."""
    return conference is not None and bool(_unit_ids_of_conference(conference) & unit_ids_of(user))


@rules.predicate
def minutes_published(user, conference):
    return conference is not None and conference.minutes_published_at is not None


@rules.predicate
def is_responsible_unit(user, item):
    """Staff of the item's responsible department (or of a unit above it they act for)."""
    return item is not None and item.unit_id in unit_ids_of(user)


@rules.predicate
def has_a_unit_item(user, agreement):
    """Staff of a department that an item of the agreement is handed to."""
    if agreement is None:
        return False
    units = unit_ids_of(user)
    return bool(units) and any(item.unit_id in units for item in agreement.items.all())


@rules.predicate
def item_is_open(user, item):
    return item is not None and item.status != "confirmed"


@rules.predicate
def item_is_reported_done(user, item):
    return item is not None and item.status == "done"


@rules.predicate
def escalation_is_open(user, escalation):
    return escalation is not None and escalation.decided_on is None


may_keep = is_admin | manages_its_district

rules.add_perm("districts.view_conference_overview", is_city_wide_staff)
rules.add_perm("districts.view_conferences", may_keep | is_city_wide_staff)
rules.add_perm("districts.keep_conferences", may_keep)
rules.add_perm("districts.view_conference", may_keep | is_city_wide_staff | is_invited_unit)
rules.add_perm("districts.view_minutes", may_keep | (minutes_published & is_invited_unit))
rules.add_perm("districts.view_agreements", may_keep | is_city_wide_staff | sits_on_its_council)
rules.add_perm("districts.view_agreement", may_keep | is_city_wide_staff | sits_on_its_council | has_a_unit_item)
rules.add_perm("districts.view_agreement_internals", may_keep | is_city_wide_staff | has_a_unit_item)
rules.add_perm("districts.access_action_items", is_department_staff | is_district_manager | is_city_wide_staff)
rules.add_perm("districts.view_action_item", may_keep | is_city_wide_staff | is_responsible_unit)
rules.add_perm("districts.update_action_item", (is_responsible_unit | is_admin) & item_is_open)
rules.add_perm("districts.confirm_action_item", may_keep & item_is_reported_done)
rules.add_perm("districts.dispute_action_item", (may_keep | is_responsible_unit) & item_is_open)
rules.add_perm("districts.escalate", may_keep)
rules.add_perm("districts.view_escalations", is_city_wide_staff | is_district_manager)
rules.add_perm("districts.view_escalation", may_keep | is_city_wide_staff)
rules.add_perm("districts.decide_escalation", (may_keep | is_city_wide_staff) & escalation_is_open)
rules.add_perm("districts.keep_projects", may_keep)
