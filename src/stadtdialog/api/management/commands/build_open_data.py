from django.core.management.base import BaseCommand

from stadtdialog.api import opendata
from stadtdialog.api.tasks import build_open_data


class Command(BaseCommand):
    help = (
        "Build the open-data download (a ZIP of CSV files with a manifest) now, or with --enqueue hand it to the "
        "task worker. Run nightly, e.g. from cron at 02:30: `manage.py build_open_data --enqueue`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the task instead of building here.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = build_open_data.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        manifest = opendata.build()
        rows = sum(item["rows"] for item in manifest["files"])
        self.stdout.write(f"{opendata.FILE_NAME}: {len(manifest['files'])} files, {rows} rows")
