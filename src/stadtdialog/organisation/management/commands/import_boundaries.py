"""Import district or quarter boundaries from a GeoJSON FeatureCollection (the city's open data)."""

import json

from django.core.management.base import BaseCommand, CommandError

from stadtdialog.organisation import services


class Command(BaseCommand):
    help = "Importiert Grenzen der Stadtbezirke oder Stadtteile aus einer GeoJSON-Datei."

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON FeatureCollection")
        parser.add_argument("--level", choices=["district", "quarter"], required=True)
        parser.add_argument("--name-property", default="name", help="property holding the name")
        parser.add_argument("--number-property", help="property holding the district number (districts only)")

    def handle(self, path, level, name_property, number_property, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                collection = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Datei kann nicht gelesen werden: {error}") from error
        try:
            count = services.import_boundaries(collection, level, name_property, number_property)
        except services.BoundaryImportError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{count} Grenzen importiert."))
