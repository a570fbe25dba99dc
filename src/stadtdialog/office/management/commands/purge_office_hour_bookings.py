"""Remove names, e-mail addresses, topics and needs of office-hour bookings 30 days after their slot."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from stadtdialog.office import services


class Command(BaseCommand):
    help = "Remove the personal data of office-hour bookings whose slot ended 30 days ago."

    def handle(self, *args, **options):
        count = services.purge_slot_bookings()
        self.stdout.write(_("%(count)s office-hour bookings without personal data now.") % {"count": count})
