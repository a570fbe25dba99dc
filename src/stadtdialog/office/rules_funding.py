"""Who may do what with funding rounds, applications, committee sessions and use-of-funds reports.

The coordination office (and the admin) run the rounds, screen, keep the agenda, record decisions and accept
reports. Department staff apply for their unit, members of a district council for their council, verified
residents for an initiative or association where the round allows it. Those who filed an application, and
their colleagues of the same unit or council, see it. Committee members see their sessions and the documents of
every item on which they have not declared a conflict of interest."""

import rules

from stadtdialog.accounts.models import Role
from stadtdialog.accounts.rules import (
    is_city_wide_staff,
    is_department_staff,
    is_verified_participant,
    unit_ids_of,
)


def council_district_ids_of(user) -> set[int]:
    """Districts whose district council the user sits on (a council member's role with a district)."""
    if not user.is_authenticated:
        return set()
    return {r.district_id for r in user.roles if r.kind == Role.Kind.COUNCIL_MEMBER and r.district_id}


@rules.predicate
def is_district_council_member(user):
    return bool(council_district_ids_of(user))


@rules.predicate
def may_apply_to_round(user, funding_round):
    if funding_round is None or not user.is_authenticated or not user.is_active:
        return False
    if is_department_staff(user) or is_district_council_member(user):
        return True
    return funding_round.open_to_initiatives and is_verified_participant(user)


@rules.predicate
def is_applicant(user, application):
    """The person who filed it, or a colleague of the same unit or district council."""
    if application is None or not user.is_authenticated:
        return False
    if application.created_by_id == user.pk:
        return True
    if application.org_unit_id and application.org_unit_id in unit_ids_of(user):
        return True
    council = getattr(application, "district_council", None)
    return council is not None and council.district_id in council_district_ids_of(user)


def member_of(user, committee_id: int):
    """The user's seat on a committee, or None."""
    if not user.is_authenticated:
        return None
    from .models_funding import CommitteeMember

    return CommitteeMember.objects.filter(committee_id=committee_id, user=user).first()


@rules.predicate
def sits_on_session(user, session):
    return session is not None and member_of(user, session.round.committee_id) is not None


@rules.predicate
def may_see_item_documents(user, item):
    """A committee member (or the office) without a declared conflict on this item: a conflict excludes
    also an office member who sits on the committee."""
    if item is None or not user.is_authenticated:
        return False
    member = member_of(user, item.session.round.committee_id)
    if member is not None:
        return not item.conflicts.filter(member=member).exists()
    return is_city_wide_staff(user)


rules.add_perm("office.manage_funding", is_city_wide_staff)
rules.add_perm("office.apply_for_funding", may_apply_to_round)
rules.add_perm("office.view_funding_application", is_applicant | is_city_wide_staff)
rules.add_perm("office.change_funding_application", is_applicant)
rules.add_perm("office.attend_committee_session", sits_on_session | is_city_wide_staff)
rules.add_perm("office.see_agenda_item_documents", may_see_item_documents)
