"""Who may take part in the dialog and who answers.

Registered residents with a confirmed e-mail address contribute, comment and support; the staff of a
process (whoever may edit its plan) answer contributions and enter contributions collected on site.
"""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff, is_department_staff
from stadtdialog.processes.rules import can_edit_process


@rules.predicate
def is_verified_participant(user):
    return user.is_authenticated and user.is_active and bool(getattr(user, "email_verified", False))


@rules.predicate
def may_answer_contribution(user, contribution):
    return contribution is not None and can_edit_process(user, contribution.process)


rules.add_perm("dialog.participate", is_verified_participant)
rules.add_perm("dialog.answer_contribution", may_answer_contribution)
rules.add_perm("dialog.enter_onsite_contribution", can_edit_process)
rules.add_perm("dialog.view_unanswered", is_city_wide_staff | is_department_staff)
