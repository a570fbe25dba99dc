"""Load a city's master data from its data folder: `manage.py load_city hannover` or `load_city /path/to/folder`."""

from django.core.management.base import BaseCommand, CommandError

from stadtdialog.organisation import services
from stadtdialog.organisation.city_data import CITIES_DIR, CityDataError

KINDS = {
    "city": "Stadt",
    "districts": "Stadtbezirke",
    "councils": "Stadtbezirksräte",
    "quarters": "Stadtteile",
    "fields_of_action": "Handlungsfelder",
}


class Command(BaseCommand):
    help = (
        "Lädt die Stammdaten der Stadt (Namen, Kartenausschnitt, Logo, Stadtbezirke, Stadtteile, Handlungsfelder) "
        f"aus ihrem Datenordner: ein Name aus {CITIES_DIR} oder ein Pfad. Mehrfach ausführbar; ändert nur, was "
        "sich im Ordner geändert hat, und löscht nichts, woran Daten hängen."
    )

    def add_arguments(self, parser):
        parser.add_argument("city", help="Name eines mitgelieferten Ordners (z. B. hannover) oder Pfad zu einem Ordner")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Eine andere Stadt ersetzen – nur solange an ihren Stammdaten noch keine Inhalte hängen.",
        )

    def handle(self, city, replace, **options):
        try:
            result = services.load_city(source=city, replace=replace)
        except CityDataError as error:
            raise CommandError(
                "Nichts wurde geladen:\n" + "\n".join(f"- {message}" for message in error.messages)
            ) from error
        name = result.city.name
        if not result.changed:
            self.stdout.write(self.style.SUCCESS(f"{name}: Die Datenbank entspricht schon dem Datenordner."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{name} geladen."))
            for what, label in (("created", "neu"), ("updated", "geändert"), ("removed", "entfernt")):
                counts = getattr(result, what)
                parts = [f"{counts[kind]} {KINDS[kind]}" for kind in KINDS if counts[kind]]
                if parts:
                    self.stdout.write(f"{label}: {', '.join(parts)}")
        if result.boundaries:
            self.stdout.write(f"Grenzen abgeglichen: {result.boundaries}")
        for line in result.kept:
            self.stdout.write(self.style.WARNING(line))
