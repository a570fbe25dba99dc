"""Who may do what in reporting: the public report is public; the coordination office (and administrators)
make the annual report."""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff, is_department_staff, is_unit_lead, unit_ids_of

rules.add_perm("reporting.make_annual_report", is_city_wide_staff)


@rules.predicate
def acts_for_entry_unit(user, entry):
    return entry is not None and entry.org_unit_id in unit_ids_of(user)


may_plan = is_city_wide_staff | is_department_staff | is_unit_lead
rules.add_perm("reporting.view_annual_plan", may_plan)
rules.add_perm("reporting.add_annual_plan_entry", may_plan)
rules.add_perm("reporting.change_annual_plan_entry", is_city_wide_staff | acts_for_entry_unit)
