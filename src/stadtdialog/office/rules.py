"""Who may do what with rooms, equipment and office hours.

Verified residents and staff request bookings; the coordination office and the admin decide them, hand
equipment over, set blackout periods and see the whole staff area; district managers (and deputies) publish and
run their own office hours, the coordination office runs its own and sees all."""

import rules

from stadtdialog.accounts.rules import (
    district_ids_of,
    is_city_wide_staff,
    is_district_manager,
    is_verified_participant,
)


@rules.predicate
def is_booker(user, booking):
    # a booking without booker (the account is deleted) is nobody's own
    return (
        booking is not None and user.is_authenticated and booking.booker_id is not None and booking.booker_id == user.pk
    )


@rules.predicate
def is_host(user, office_hour):
    return office_hour is not None and user.is_authenticated and office_hour.host_id == user.pk


@rules.predicate
def is_office_hour_district_manager(user, office_hour):
    return (
        office_hour is not None
        and office_hour.district_id is not None
        and office_hour.district_id in district_ids_of(user)
    )


may_request_booking = is_verified_participant
may_run_office_hours = is_city_wide_staff | is_district_manager

rules.add_perm("office.request_booking", may_request_booking)
rules.add_perm("office.view_booking", is_booker | is_city_wide_staff)
rules.add_perm("office.cancel_booking", is_booker | is_city_wide_staff)
rules.add_perm("office.manage_bookings", is_city_wide_staff)  # decide, hand over, blackouts, calendar, export
rules.add_perm("office.access_office_hours", may_run_office_hours)
rules.add_perm("office.add_office_hour", may_run_office_hours)
rules.add_perm("office.change_office_hour", is_city_wide_staff | is_host | is_office_hour_district_manager)

from . import rules_funding  # noqa: E402, F401  (funding rounds, applications, committee sessions: issue 15)
