"""Data of the district management's tests (helper "dista")."""

from stadtdialog.accounts.models import Role
from stadtdialog.districts.models import ContactPoint, MonitoringNote, Network
from stadtdialog.organisation.models import District
from tests.factories import staff_user


def linden() -> District:
    return District.objects.get(slug="linden-limmer")


def manager_of(district: District, kind=Role.Kind.DISTRICT_MANAGER, **kwargs):
    return staff_user(
        kind=kind,
        district=district,
        full_name=kwargs.pop("full_name", "Sabine Lindemann"),
        office_email=kwargs.pop("office_email", "stadtbezirksmanagement.linden@hannover-stadt.example"),
        **kwargs,
    )


def network(district: District, **kwargs) -> Network:
    values = {
        "name": "Runder Tisch Linden-Süd",
        "topics": "Nachbarschaft, Spielplätze",
        "contact": "Stadtteiltreff, lindensued@example.org",
        "meeting_rhythm": "jeden zweiten Dienstag, 18 Uhr",
    }
    values.update(kwargs)
    return Network.objects.create(district=district, **values)


def contact_point(district: District | None, **kwargs) -> ContactPoint:
    values = {
        "kind": ContactPoint.Kind.INFORMATION,
        "name": "Seniorenberatung Linden",
        "topics": "Pflege, Rente",
        "description": "Beratung zu Pflege, Wohnen im Alter und Hilfen im Haushalt.",
        "description_easy": "Sie sind alt? Sie brauchen Hilfe? Wir beraten Sie.",
        "phone": "0511 168-44444",
        "accessibility": "Stufenloser Zugang",
    }
    values.update(kwargs)
    return ContactPoint.objects.create(district=district, **values)


def note(district: District, **kwargs) -> MonitoringNote:
    values = {
        "kind": MonitoringNote.Kind.POTENTIAL,
        "title": "Viele aktive Vereine",
        "text": "Die Vereine am Lindener Marktplatz arbeiten eng zusammen.",
        "is_public": True,
    }
    values.update(kwargs)
    return MonitoringNote.objects.create(district=district, **values)


GOOD_CSV = """bezirk;stadtteil;kennzahl;bezeichnung;jahr;wert;einheit;quelle
10;;einwohner;Einwohner*innen;2023;45870;Personen;Statistikstelle
10;;einwohner;Einwohner*innen;2024;46102;Personen;Statistikstelle
10;Linden-Nord;einwohner;Einwohner*innen;2024;17385;Personen;Statistikstelle
;;einwohner;Einwohner*innen;2024;548186;Personen;Statistikstelle
10;;arbeitslosenquote;Arbeitslosenquote;2024;9,4;%;Bundesagentur für Arbeit
;;arbeitslosenquote;Arbeitslosenquote;2024;7,9;%;Bundesagentur für Arbeit
"""
