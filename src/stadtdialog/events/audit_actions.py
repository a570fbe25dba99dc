"""Labels of the events' audit actions and who sees an event's history (imported by EventsConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.audit import register_actions, register_history

from .models import Event

register_actions(
    {
        "event.create": _("Event created"),
        "event.attendance": _("Attendance recorded"),
        "event.update": _("Event changed"),
        "event.publish": _("Event published"),
        "event.cancel": _("Event cancelled"),
        "event.register": _("Registration received"),
        "event.registration_cancel": _("Registration cancelled"),
        "event.registration_promote": _("Moved up from the waiting list"),
        "event.document": _("Documentation saved"),
        "event.photo_add": _("Photo added"),
        "event.photo_remove": _("Photo removed"),
    }
)
register_history(
    Event,
    "events.change_event",
    url=lambda event: reverse("events:staff_detail", args=[event.pk]),
    labels={"registration": _("Registration"), "photo": _("Photo"), "attendance": _("Attendees")},
)
