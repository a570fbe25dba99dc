from django.core.management.base import BaseCommand

from stadtdialog.organisation.queries import locate


class Command(BaseCommand):
    help = "Nennt Stadtbezirk und Stadtteil eines Kartenpunkts (Breite, Länge)."

    def add_arguments(self, parser):
        parser.add_argument("lat", type=float)
        parser.add_argument("lon", type=float)

    def handle(self, lat, lon, **options):
        district, quarter = locate(lat, lon)
        self.stdout.write(f"Stadtbezirk: {district or '–'}\nStadtteil: {quarter or '–'}")
