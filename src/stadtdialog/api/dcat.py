"""The DCAT-AP.de catalogue of the portal's open data (rdflib), served as Turtle and JSON-LD.

One dcat:Catalog of the city with one dcat:Dataset per kind of public data: each API list (JSON, with the OpenAPI
document as conformsTo), the plan list also as CSV, Atom feed and GeoJSON, the events also as iCalendar, and the
download of everything as ZIP. Every dataset names the publisher (the city, organisation.queries.current_city()),
the contact point, dcatde:contributorID, the update frequency and the spatial coverage (the city's bounding box);
every distribution its licence (settings.OPEN_DATA_LICENSE, by default Datenlizenz Deutschland – Zero 2.0).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from stadtdialog.organisation.queries import current_city

if TYPE_CHECKING:
    from collections.abc import Callable

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
LANGUAGE_DE = URIRef("http://publications.europa.eu/resource/authority/language/DEU")
GOVERNMENT = THEME.GOVE

# (key, title, description, the URL name of the API operation (its function in endpoints.py), frequency)
API_DATASETS = [
    ("plans", "Vorhaben", "Die veröffentlichten Vorhaben der Stadt (Vorhabenliste).", "list_plans", "DAILY"),
    (
        "processes",
        "Beteiligungsverfahren",
        "Öffentliche Beteiligungsverfahren mit Beteiligungskonzept (aktuelle Fassung, Ziele, Versionen) und Phasen.",
        "list_processes",
        "DAILY",
    ),
    (
        "contributions",
        "Beiträge",
        "Beiträge der Online-Beteiligung mit Zahl der Unterstützungen und Kommentare und der Rückmeldung der Stadt; "
        "Verfasserinnen und Verfasser nur mit ihrem Anzeigenamen.",
        "list_contributions",
        "CONT",
    ),
    ("comments", "Kommentare", "Kommentare zu Beiträgen (nur Anzeigenamen).", "list_comments", "CONT"),
    ("responses", "Rückmeldungen", "Rückmeldungen der Stadt zu Beiträgen.", "list_responses", "DAILY"),
    (
        "reports",
        "Berichte",
        "Vor-, Zwischen- und Abschlussberichte der Beteiligungsverfahren.",
        "list_reports",
        "WEEKLY",
    ),
    ("events", "Veranstaltungen", "Veröffentlichte Veranstaltungen der Beteiligung.", "list_events", "DAILY"),
    ("results", "Ergebnisse", "Ergebnisse der Beteiligung mit Empfehlungen.", "list_results", "WEEKLY"),
    (
        "decisions",
        "Entscheidungen",
        "Entscheidungen mit dem Umgang mit jeder Empfehlung.",
        "list_decisions",
        "WEEKLY",
    ),
    (
        "milestones",
        "Meilensteine der Umsetzung",
        "Meilensteine und Fortschritt der Umsetzung.",
        "list_milestones",
        "WEEKLY",
    ),
    (
        "evaluations",
        "Evaluationen",
        "Veröffentlichte Evaluationen der Beteiligungsverfahren.",
        "list_evaluations",
        "MONTHLY",
    ),
    (
        "sortitions",
        "Losverfahren",
        "Losverfahren für Bürgerräte mit der veröffentlichten Lotterie und der Ziehung (nur Pseudonyme).",
        "list_sortitions",
        "WEEKLY",
    ),
    ("districts", "Stadtbezirke", "Die Stadtbezirke mit Grenzen (GeoJSON).", "list_districts", "ANNUAL"),
    ("quarters", "Stadtteile", "Die Stadtteile mit Grenzen (GeoJSON).", "list_quarters", "ANNUAL"),
    ("fields-of-action", "Handlungsfelder", "Die Handlungsfelder der Stadt.", "list_fields_of_action", "ANNUAL"),
    (
        "org-units",
        "Organisationseinheiten",
        "Dezernate, Fachbereiche und Ämter der Stadt.",
        "list_org_units",
        "MONTHLY",
    ),
    (
        "district-profiles",
        "Stadtbezirksseiten",
        "Der öffentliche Teil der Seiten der Stadtbezirke: Einführung, Büro und Sprechzeiten des "
        "Stadtbezirksmanagements, veröffentlichte Netzwerke (ohne Personen).",
        "list_district_profiles",
        "WEEKLY",
    ),
    (
        "concern-summaries",
        "Anliegen",
        "Anonymisierte Zusammenfassungen von Anliegen der Bewohnerinnen und Bewohner, veröffentlicht mit ihrer "
        "Zustimmung: Thema, Stadtbezirk, Stand.",
        "list_concern_summaries",
        "DAILY",
    ),
    (
        "district-conferences",
        "Stadtbezirkskonferenzen",
        "Was die Fachbereiche in den Stadtbezirkskonferenzen vereinbart haben (nach Veröffentlichung des "
        "Protokolls) und der Stand jeder Maßnahme, wie auf der Seite des Stadtbezirks (ohne Personen und Interna).",
        "list_district_conferences",
        "WEEKLY",
    ),
    (
        "action-programmes",
        "Aktionsprogramme",
        "Die veröffentlichten Aktionsprogramme der Stadtbezirke: Entscheidung, Schwerpunkte nach Handlungsfeldern, "
        "Priorisierungsrunden mit Bedarfen und Punkten (ohne Personen).",
        "list_action_programmes",
        "WEEKLY",
    ),
    (
        "rooms",
        "Räume",
        "Räume der Koordinierungsstelle und der Stadtteilzentren zum Ausleihen, mit Angaben zur Barrierefreiheit.",
        "list_rooms",
        "MONTHLY",
    ),
    (
        "room-busy-times",
        "Belegung der Räume",
        "Wann die Räume belegt sind (genehmigte Buchungen), ohne Buchende und Zweck.",
        "list_room_busy_times",
        "DAILY",
    ),
    (
        "funding-rounds",
        "Förderrunden",
        "Förderrunden der Koordinierungsstelle für Beteiligung mit Budget, bewilligten und verbleibenden Mitteln.",
        "list_funding_rounds",
        "MONTHLY",
    ),
    (
        "funded-projects",
        "Geförderte Projekte",
        "Vom Vergabegremium bewilligte Projekte: Titel, Zweck, Betrag, Stadtbezirk, Handlungsfeld (ohne "
        "Antragstellende und Kontakte).",
        "list_funded_projects",
        "MONTHLY",
    ),
]

# further distributions of a dataset: key -> [(title, URL name, file type, media type)]
EXTRA_DISTRIBUTIONS = {
    "plans": [
        ("Vorhaben als CSV", "plans:csv", "CSV", "text/csv"),
        ("Vorhaben als Atom-Feed", "plans:feed", "ATOM", "application/atom+xml"),
        ("Vorhaben mit Ort als GeoJSON", "plans:map_data", "GEOJSON", "application/geo+json"),
    ],
    "events": [("Veranstaltungen als iCalendar", "events:all_ics", "ICS", "text/calendar")],
}


def base_url(request_url: Callable[[str], str] | None = None) -> Callable[[str], str]:
    """A function that makes an absolute URL of a path: from the request when there is one, else SITE_URL."""
    if request_url is not None:
        return request_url
    site = (settings.SITE_URL or "http://localhost:8000").rstrip("/")
    return lambda path: site + path


def catalog(absolute: Callable[[str], str]) -> Graph:
    """The catalogue as an rdflib graph; `absolute(path)` makes a full URL."""
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("dcatde", DCATDE),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("locn", LOCN),
    ):
        graph.bind(prefix, namespace)
    city = current_city()
    city_name = city.name or settings.CITY_NAME or city.site_name
    licence = URIRef(settings.OPEN_DATA_LICENSE)
    catalog_uri = URIRef(absolute(reverse("api:catalog_ttl")))
    contributor = URIRef(settings.OPEN_DATA_CONTRIBUTOR_ID or str(catalog_uri) + "#contributor")

    publisher = URIRef(str(catalog_uri) + "#publisher")
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(city_name, lang="de")))
    graph.add((publisher, FOAF.homepage, URIRef(absolute("/"))))

    contact = URIRef(str(catalog_uri) + "#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(f"{city_name} – {city.site_name}", lang="de")))
    if settings.OPEN_DATA_CONTACT_EMAIL:
        graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.OPEN_DATA_CONTACT_EMAIL)))
    graph.add((contact, VCARD.hasURL, URIRef(absolute(reverse("api:index")))))

    spatial = URIRef(str(catalog_uri) + "#spatial")
    south, west, north, east = city.bounds
    polygon = f"POLYGON(({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))"
    graph.add((spatial, RDF.type, DCTERMS.Location))
    graph.add(
        (spatial, LOCN.geometry, Literal(polygon, datatype=URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")))
    )
    graph.add((spatial, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal(city_name, lang="de")))

    root = catalog_uri
    graph.add((root, RDF.type, DCAT.Catalog))
    graph.add((root, DCTERMS.title, Literal(f"Offene Daten – {city.site_name}", lang="de")))
    graph.add(
        (
            root,
            DCTERMS.description,
            Literal(
                f"Die öffentlichen Daten der Beteiligungsplattform {city.site_name} ({city_name}): Vorhaben, "
                "Beteiligungsverfahren, Beiträge, Veranstaltungen, Ergebnisse und Umsetzung – ohne personenbezogene "
                "Daten.",
                lang="de",
            ),
        )
    )
    graph.add((root, DCTERMS.publisher, publisher))
    graph.add((root, DCTERMS.language, LANGUAGE_DE))
    graph.add((root, DCTERMS.spatial, spatial))
    graph.add((root, FOAF.homepage, URIRef(absolute(reverse("api:index")))))
    graph.add((root, DCTERMS.license, licence))

    service = URIRef(absolute(reverse("api:v1:api-root")))
    graph.add((root, DCAT.service, service))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal(f"Open-Data-API von {city.site_name}", lang="de")))
    graph.add((service, DCAT.endpointURL, service))
    graph.add((service, DCAT.endpointDescription, URIRef(absolute(reverse("api:v1:openapi-json")))))
    graph.add((service, DCTERMS.license, licence))
    graph.add((service, DCTERMS.publisher, publisher))
    graph.add((service, DCAT.contactPoint, contact))

    def dataset(key: str, title: str, description: str, frequency: str) -> URIRef:
        uri = URIRef(f"{catalog_uri}#dataset-{key}")
        graph.add((root, DCAT.dataset, uri))
        graph.add((uri, RDF.type, DCAT.Dataset))
        graph.add((uri, DCTERMS.identifier, Literal(str(uri))))
        graph.add((uri, DCTERMS.title, Literal(title, lang="de")))
        graph.add((uri, DCTERMS.description, Literal(description, lang="de")))
        graph.add((uri, DCTERMS.publisher, publisher))
        graph.add((uri, DCATDE.contributorID, contributor))
        graph.add((uri, DCAT.contactPoint, contact))
        graph.add((uri, DCTERMS.accrualPeriodicity, FREQUENCY[frequency]))
        graph.add((uri, DCTERMS.spatial, spatial))
        graph.add((uri, DCTERMS.language, LANGUAGE_DE))
        graph.add((uri, DCAT.theme, GOVERNMENT))
        graph.add((uri, DCAT.keyword, Literal("Bürgerbeteiligung", lang="de")))
        return uri

    def distribution(
        of: URIRef, title: str, url: str, file_type: str, media_type: str, download: bool = False
    ) -> URIRef:
        node = URIRef(f"{of}-{file_type.lower()}-{hashlib.sha256(url.encode()).hexdigest()[:8]}")
        graph.add((of, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(title, lang="de")))
        graph.add((node, DCAT.accessURL, URIRef(url)))
        if download:
            graph.add((node, DCAT.downloadURL, URIRef(url)))
        graph.add((node, DCTERMS.format, FILE_TYPE[file_type]))
        graph.add((node, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        graph.add((node, DCTERMS.license, licence))
        graph.add((node, DCATDE.licenseAttributionByText, Literal(city_name, lang="de")))
        return node

    for key, title, description, operation, frequency in API_DATASETS:
        uri = dataset(key, title, description, frequency)
        url = absolute(reverse(f"api:v1:{operation}"))
        node = distribution(uri, f"{title} als JSON (API)", url, "JSON", "application/json")
        graph.add((node, DCTERMS.conformsTo, URIRef(absolute(reverse("api:v1:openapi-json")))))
        graph.add((node, DCAT.accessService, service))
        for extra_title, url_name, file_type, media_type in EXTRA_DISTRIBUTIONS.get(key, []):
            distribution(uri, extra_title, absolute(reverse(url_name)), file_type, media_type, download=True)

    everything = dataset(
        "download",
        "Alle offenen Daten als Download",
        "Alle öffentlichen Daten der Plattform in einer ZIP-Datei mit CSV-Tabellen (UTF-8, Semikolon) und "
        "einer Übersicht (manifest.json); jede Nacht neu erstellt.",
        "DAILY",
    )
    distribution(
        everything,
        "ZIP mit CSV-Dateien",
        absolute(reverse("api:download")),
        "ZIP",
        "application/zip",
        download=True,
    )
    return graph
