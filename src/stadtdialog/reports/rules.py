"""Who writes reports and handles comments on the concept, and who comments.

The process's staff (whoever may edit the process, its lead contact and deputy) manage its reports
and decide on comments on its concept; verified participants (accounts.rules) comment.
"""

import rules

from stadtdialog.accounts.rules import is_verified_participant
from stadtdialog.processes.rules import can_edit_process


@rules.predicate
def is_lead_or_deputy(user, process):
    return process is not None and user.is_authenticated and user.pk in (process.lead_contact_id, process.deputy_id)


can_manage_process_dialog = can_edit_process | is_lead_or_deputy

rules.add_perm("reports.manage_reports", can_manage_process_dialog)  # checked against the process
rules.add_perm("reports.handle_concept_comments", can_manage_process_dialog)  # checked against the process
rules.add_perm("reports.comment", is_verified_participant)  # comment on a report or on the concept
