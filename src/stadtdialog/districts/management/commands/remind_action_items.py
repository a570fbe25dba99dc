"""Daily: remind the responsible departments and the district managers of overdue action items."""

from django.conf import settings
from django.core.management.base import BaseCommand

from stadtdialog.districts.services_conferences import remind_overdue


class Command(BaseCommand):
    help = "Mail the responsible departments' staff and the district managers their overdue action items (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", ""))

    def handle(self, *args, **options):
        count = remind_overdue(options["base_url"])
        self.stdout.write(f"{count} reminder(s) sent")
