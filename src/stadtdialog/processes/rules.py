"""Permissions on processes: whoever may edit a plan may edit its processes and their concepts."""

import rules

from stadtdialog.plans.rules import can_edit_plan


@rules.predicate
def may_edit_process_plan(user, process):
    return process is not None and can_edit_plan(user, process.plan)


@rules.predicate
def is_public(user, process):
    return process is not None and process.is_published and process.plan.is_published


can_edit_process = may_edit_process_plan

# "add_process" is checked against the plan; the others against the process.
rules.add_perm("processes.add_process", can_edit_plan)
rules.add_perm("processes.change_process", can_edit_process)
rules.add_perm("processes.publish_process", can_edit_process)
rules.add_perm("processes.view_process", is_public | can_edit_process)
