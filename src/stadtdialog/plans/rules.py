"""Permissions on plans. Department staff work on plans of their unit (and the units below it)."""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff, is_department_staff, unit_ids_of


@rules.predicate
def is_plan_unit_member(user, plan):
    if plan is None:
        return False
    return plan.lead_unit_id in unit_ids_of(user)


@rules.predicate
def is_published(user, plan):
    return plan is not None and plan.is_published


can_edit_plan = is_city_wide_staff | (is_department_staff & is_plan_unit_member)

rules.add_perm("plans.access_staff_plans", is_city_wide_staff | is_department_staff)
rules.add_perm("plans.add_plan", is_city_wide_staff | is_department_staff)
rules.add_perm("plans.change_plan", can_edit_plan)
rules.add_perm("plans.publish_plan", can_edit_plan)
rules.add_perm("plans.view_plan", is_published | can_edit_plan)
