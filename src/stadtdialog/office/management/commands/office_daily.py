"""The office's daily work: slots for the coming weeks, reminders of tomorrow's office hours, reminders of late
returns of equipment, and the removal of personal data of office-hour bookings 30 days after the slot."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from stadtdialog.office import services


class Command(BaseCommand):
    help = (
        "Daily: make office-hour slots, send reminders (appointments tomorrow, late returns, use-of-funds reports "
        "due), purge old bookings."
    )

    def handle(self, *args, **options):
        base_url = getattr(settings, "SITE_URL", "")
        slots = services.extend_slots()
        reminders = services.send_reminders(base_url)
        late = services.remind_late_returns(base_url)
        purged = services.purge_slot_bookings()
        funding_reminders = services.funding.remind_reports(base_url)
        self.stdout.write(
            _(
                "Office: %(slots)s new slots, %(reminders)s appointment reminders, %(late)s late-return reminders, "
                "%(purged)s bookings without personal data now, %(funding)s use-of-funds report reminders."
            )
            % {"slots": slots, "reminders": reminders, "late": late, "purged": purged, "funding": funding_reminders}
        )
