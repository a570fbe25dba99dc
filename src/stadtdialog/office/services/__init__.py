"""Writes of the office app: bookings of rooms and equipment (`bookings`) and office hours (`office_hours`)."""

from . import funding  # noqa: F401, E402  (funding rounds, applications, committee sessions: issue 15)
from .bookings import (  # noqa: F401
    Conflict,
    ConflictError,
    approve_booking,
    cancel_booking,
    conflicts_for,
    create_blackout,
    decline_booking,
    delete_blackout,
    late_returns,
    peak_in_use,
    record_handover,
    record_return,
    remind_late_returns,
    request_booking,
    series,
    span_text,
)
from .catalogue import (  # noqa: F401
    add_room_photo,
    create_equipment,
    create_room,
    remove_equipment,
    remove_room,
    remove_room_photo,
    stock_shortage,
    update_equipment,
    update_room,
)
from .office_hours import (  # noqa: F401
    add_exception,
    book_slot,
    booking_for_token,
    cancel_slot_booking,
    confirm_slot_booking,
    create_office_hour,
    extend_slots,
    link_token,
    make_slots,
    purge_slot_bookings,
    send_reminders,
    update_office_hour,
)
