"""Who may do what with evaluations.

The process's staff (whoever may edit its plan) run the evaluation; the coordination office (and
administrators) mark processes for accompanied evaluation and see the overview of all of them.
"""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff
from stadtdialog.processes.rules import can_edit_process, is_public


@rules.predicate
def is_published_evaluation(user, process):
    evaluation = getattr(process, "evaluation", None) if process is not None else None
    return evaluation is not None and evaluation.is_published


rules.add_perm("evaluation.manage_evaluation", can_edit_process)
rules.add_perm("evaluation.mark_accompanied", is_city_wide_staff)
rules.add_perm("evaluation.view_overview", is_city_wide_staff)
rules.add_perm("evaluation.view_evaluation", (is_public & is_published_evaluation) | can_edit_process)
