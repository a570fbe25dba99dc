"""Daily: delete the personal data of concerns closed longer than CONCERN_PURGE_MONTHS months ago."""

from django.core.management.base import BaseCommand

from stadtdialog.districts.services_concerns import purge_closed


class Command(BaseCommand):
    help = "Delete the personal data of concerns closed longer than CONCERN_PURGE_MONTHS months ago (daily)."

    def handle(self, *args, **options):
        count = purge_closed()
        self.stdout.write(f"{count} concern(s) purged")
