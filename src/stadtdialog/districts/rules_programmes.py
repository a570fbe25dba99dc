"""Who may do what with action programmes.

A district's programme (its rounds, needs, priorities and the directors' decision) is kept by the district's
manager and deputy and the admins (`districts.manage_programme`, asked of the programme or the district). Residents
take part while a round is open: any verified participant (logged in, active, e-mail address confirmed:
`accounts.rules.is_verified_participant`) proposes needs and distributes points. The moderators hide needs as they
hide contributions (`moderation.moderate`)."""

import rules

from stadtdialog.accounts.rules import is_verified_participant

from .rules import may_keep_district


@rules.predicate
def is_published_programme(user, programme):
    return programme is not None and programme.is_published


rules.add_perm("districts.manage_programme", may_keep_district)
rules.add_perm("districts.view_programme", is_published_programme | may_keep_district)
rules.add_perm("districts.take_part_in_round", is_verified_participant)
