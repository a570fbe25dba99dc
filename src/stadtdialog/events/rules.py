"""Who may run events: city-wide staff, the staff of the event's process (who may edit its plan),
department staff of the organising unit, and the district manager of the event's district."""

import rules

from stadtdialog.accounts.rules import (
    district_ids_of,
    is_city_wide_staff,
    is_department_staff,
    is_district_manager,
    unit_ids_of,
)
from stadtdialog.plans.rules import can_edit_plan


@rules.predicate
def is_process_staff(user, event):
    return event is not None and event.process_id is not None and can_edit_plan(user, event.process.plan)


@rules.predicate
def is_organising_unit_member(user, event):
    return event is not None and event.org_unit_id is not None and event.org_unit_id in unit_ids_of(user)


@rules.predicate
def is_event_district_manager(user, event):
    return event is not None and event.district_id is not None and event.district_id in district_ids_of(user)


@rules.predicate
def is_public(user, event):
    return event is not None and event.is_published


can_run_events = is_city_wide_staff | is_department_staff | is_district_manager
can_edit_event = is_city_wide_staff | is_process_staff | is_organising_unit_member | is_event_district_manager

rules.add_perm("events.access_staff_events", can_run_events)
rules.add_perm("events.add_event", can_run_events)
rules.add_perm("events.change_event", can_edit_event)
rules.add_perm("events.view_registrations", can_edit_event)
rules.add_perm("events.view_event", is_public | can_edit_event)
