"""Who may do what with consultation requests and work aids (issue 15, items 6 and 7).

Department staff (and unit leads) ask for support for their unit and see their unit's requests (and those of the
units below it); the coordination office and the admins handle every request and keep the work aids. A public
work aid is for everyone, a staff-only one for people with a staff role."""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff, is_department_staff, is_staff_member, unit_ids_of


@rules.predicate
def is_requesting_unit_member(user, consultation):
    return consultation is not None and consultation.org_unit_id in unit_ids_of(user)


@rules.predicate
def is_public_work_aid(user, aid):
    return aid is not None and aid.is_public


rules.add_perm("office.access_advice", is_department_staff | is_city_wide_staff)
rules.add_perm("office.request_consultation", is_department_staff)
rules.add_perm("office.view_consultation", is_city_wide_staff | is_requesting_unit_member)
rules.add_perm("office.manage_consultations", is_city_wide_staff)
rules.add_perm("office.manage_work_aids", is_city_wide_staff)
rules.add_perm("office.view_work_aid", is_public_work_aid | is_staff_member)
