"""Who may do what with initiatives.

Residents with a confirmed e-mail address submit requests and plan ideas; council members file their
council's motion. The coordination office and admins see every initiative and assign the responsible
department; department staff review the initiatives of their unit (and the units below it).
"""

import rules

from stadtdialog.accounts.models import Role
from stadtdialog.accounts.rules import (
    is_city_wide_staff,
    is_council_member,
    is_department_staff,
    is_verified_participant,
    unit_ids_of,
)


@rules.predicate
def is_responsible_department(user, initiative):
    return (
        initiative is not None
        and initiative.department_id is not None
        and initiative.department_id in unit_ids_of(user)
    )


def council_district_ids(user) -> set[int]:
    """Districts named on the user's council-member roles (empty: not limited to a district)."""
    return {r.district_id for r in user.roles if r.kind == Role.Kind.COUNCIL_MEMBER and r.district_id}


rules.add_perm("initiatives.submit", is_verified_participant)
rules.add_perm("initiatives.file_council_motion", is_verified_participant & is_council_member)
rules.add_perm("initiatives.access_staff", is_city_wide_staff | is_department_staff)
rules.add_perm("initiatives.assign", is_city_wide_staff)
rules.add_perm("initiatives.review", is_city_wide_staff | (is_department_staff & is_responsible_department))
