"""Delete personal data of sortition pools whose deletion date has passed (run daily)."""

import datetime

from django.core.management.base import BaseCommand

from stadtdialog.sortition.services import purge_due


class Command(BaseCommand):
    help = "Delete names, addresses and contact data of sortition pools past their deletion date."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="the date to compare with (YYYY-MM-DD)")

    def handle(self, *args, today=None, **options):
        purged = purge_due(today)
        for sortition in purged:
            self.stdout.write(f"Personenbezogene Daten gelöscht: {sortition.title} (#{sortition.pk})")
        if not purged:
            self.stdout.write("Nichts zu löschen.")
