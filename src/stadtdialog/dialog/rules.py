"""Who may take part in the dialog and who answers: one predicate per question.

- "May this account take part at all?" is accounts.rules.is_verified_participant (registered, active,
  confirmed e-mail address), permission "dialog.participate".
- "May the user contribute to this process now?" is `may_contribute`: a verified participant, the
  process public and its online dialog open; permission "dialog.contribute" (checked against the
  process). It covers contributions, comments and support. `participation_hint` names the part that
  fails, so that pages show the matching hint and services raise the matching error.
- "Is this the user's own contribution?" is `is_own_contribution`: nobody supports their own contribution.
- The staff of a process (whoever may edit its plan) answer contributions and enter contributions
  collected on site.
"""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff, is_department_staff, is_verified_participant
from stadtdialog.processes.rules import can_edit_process, is_public

from .phases import window_of


@rules.predicate
def is_dialog_open(user, process) -> bool:
    """The process's online dialog is open today (a phase of format "online dialog" runs)."""
    return process is not None and window_of(process).is_open


may_contribute = is_verified_participant & is_public & is_dialog_open


def participation_hint(user, process) -> str:
    """Why `may_contribute` fails, in the order pages explain it: "login", "confirm" (the e-mail address or a
    blocked account), "closed" (the dialog is not open), "not_public"; "" when the user may contribute."""
    if not user.is_authenticated:
        return "login"
    if not is_verified_participant(user):
        return "confirm"
    if not is_dialog_open(user, process):
        return "closed"
    if not is_public(user, process):
        return "not_public"
    return ""


@rules.predicate
def is_own_contribution(user, contribution) -> bool:
    """The user wrote the contribution: they may not support it themselves (services.support refuses it)."""
    return contribution is not None and user.is_authenticated and contribution.author_id == user.pk


@rules.predicate
def may_answer_contribution(user, contribution):
    return contribution is not None and can_edit_process(user, contribution.process)


rules.add_perm("dialog.participate", is_verified_participant)
rules.add_perm("dialog.contribute", may_contribute)
rules.add_perm("dialog.answer_contribution", may_answer_contribution)
rules.add_perm("dialog.enter_onsite_contribution", can_edit_process)
rules.add_perm("dialog.view_unanswered", is_city_wide_staff | is_department_staff)
