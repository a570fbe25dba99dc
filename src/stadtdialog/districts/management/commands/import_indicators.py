"""manage.py import_indicators FILE: import indicator values from a CSV file (format: districts/indicator_import.py).

Every bad line is named with its number and nothing is imported until all lines are good."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from stadtdialog.districts import services


class Command(BaseCommand):
    help = "Import indicator values (district or quarter, indicator, year, value, unit, source) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file (UTF-8, separator ; or ,).")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file “%(file)s”.") % {"file": file})
        try:
            count = services.import_indicators(None, path.read_bytes())
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(_("%(count)s values imported.") % {"count": count})
