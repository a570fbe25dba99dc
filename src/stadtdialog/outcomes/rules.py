"""Permissions on results, decisions and implementation: the process's staff write; the public reads what is
published."""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff, is_department_staff
from stadtdialog.processes.rules import can_edit_process, is_public

rules.add_perm("outcomes.change_outcomes", can_edit_process)
rules.add_perm("outcomes.view_overdue", is_city_wide_staff | is_department_staff)
rules.add_perm("outcomes.view_public", is_public | can_edit_process)
