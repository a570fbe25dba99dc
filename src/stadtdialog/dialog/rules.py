"""Who may take part in the dialog and who answers: one predicate per question.

- "May this account take part at all?" is accounts.rules.is_verified_participant (registered, active,
  confirmed e-mail address), permission "dialog.participate".
- "May the user contribute to this process now?" is `may_contribute`: a verified participant, the
  process public and its online dialog open; permission "dialog.contribute" (checked against the
  process). It covers contributions, comments and support. `participation_hint` names the part that
  fails, so that pages show the matching hint and services raise the matching error.
- "Is this the user's own contribution?" is `is_own_contribution`: nobody supports their own contribution.
- "Did the user write this contribution or comment?" is `is_author`: only the author edits it (until it is
  answered, while the dialog is open: `edit_refusal` names what stands in the way) and withdraws it (any time);
  permissions "dialog.edit_own" and "dialog.withdraw_own".
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
def is_author(user, item) -> bool:
    """The user wrote the contribution or comment (online, under their account)."""
    return item is not None and user.is_authenticated and item.author_id is not None and item.author_id == user.pk


def is_answered(item) -> bool:
    """A contribution with the administration's answer, or a comment on one or with replies: no longer editable
    (people have responded to what it says). Uses the prefetched replies of a comment when there are."""
    from .models import Comment

    if isinstance(item, Comment):
        # a reply has no replies of its own (replies to it are attached to the top comment)
        return bool(item.contribution.answer_status) or (item.parent_id is None and item.replies.exists())
    return bool(item.answer_status)


def edit_refusal(user, item) -> str:
    """Why the author may not edit it now: "withdrawn", "hidden", "answered", or a participation hint of the
    process ("login", "confirm", "closed", "not_public"); "" when they may. Callers check `is_author` first."""
    if item.is_withdrawn:
        return "withdrawn"
    if item.is_hidden:
        return "hidden"
    if is_answered(item):
        return "answered"
    process = item.contribution.process if hasattr(item, "contribution") else item.process
    return participation_hint(user, process)


@rules.predicate
def may_edit_own(user, item) -> bool:
    return is_author(user, item) and not edit_refusal(user, item)


@rules.predicate
def may_answer_contribution(user, contribution):
    return contribution is not None and can_edit_process(user, contribution.process)


rules.add_perm("dialog.participate", is_verified_participant)
rules.add_perm("dialog.contribute", may_contribute)
rules.add_perm("dialog.answer_contribution", may_answer_contribution)
rules.add_perm("dialog.enter_onsite_contribution", can_edit_process)
rules.add_perm("dialog.edit_own", may_edit_own)
rules.add_perm("dialog.withdraw_own", is_author)
rules.add_perm("dialog.view_unanswered", is_city_wide_staff | is_department_staff)
