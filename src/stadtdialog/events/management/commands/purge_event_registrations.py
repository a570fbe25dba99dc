from django.core.management.base import BaseCommand

from stadtdialog.events.services import PURGE_AFTER_DAYS, purge_registrations


class Command(BaseCommand):
    help = "Delete the personal data of registrations for events that ended more than 30 days ago (run daily)."

    def handle(self, *args, **options):
        count = purge_registrations()
        self.stdout.write(f"{count} registrations cleared (events ended more than {PURGE_AFTER_DAYS} days ago)")
