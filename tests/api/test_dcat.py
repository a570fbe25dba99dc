"""The DCAT-AP.de catalogue parses with rdflib and has the classes and mandatory properties of DCAT-AP.de 2.0."""

import json

import pytest
from rdflib import Graph, URIRef, namespace

from stadtdialog.api import dcat

pytestmark = pytest.mark.django_db


def graph_of(client, path: str, rdf_format: str) -> Graph:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return Graph().parse(data=response.content.decode(), format=rdf_format)


def test_catalogue_in_turtle_and_json_ld_is_the_same_graph(client):
    turtle = graph_of(client, "/dcat/catalog.ttl", "turtle")
    jsonld = graph_of(client, "/dcat/catalog.jsonld", "json-ld")
    assert len(turtle) > 100 and turtle.isomorphic(jsonld)
    assert client.get("/dcat/catalog.ttl")["Content-Type"].startswith("text/turtle")
    assert json.loads(client.get("/dcat/catalog.jsonld").content)


def test_mandatory_classes_and_properties(client, settings):
    settings.OPEN_DATA_CONTACT_EMAIL = "opendata@hannover-stadt.example"
    graph = graph_of(client, "/dcat/catalog.ttl", "turtle")
    catalogs = list(graph.subjects(namespace.RDF.type, namespace.DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    for prop in (
        namespace.DCTERMS.title,
        namespace.DCTERMS.description,
        namespace.DCTERMS.publisher,
        namespace.DCAT.dataset,
    ):
        assert graph.value(catalog, prop) is not None, prop
    publisher = graph.value(catalog, namespace.DCTERMS.publisher)
    assert (publisher, namespace.RDF.type, namespace.FOAF.Organization) in graph
    assert "Hannover" in str(graph.value(publisher, namespace.FOAF.name))

    datasets = list(graph.objects(catalog, namespace.DCAT.dataset))
    assert len(datasets) >= 17
    for dataset in datasets:
        assert (dataset, namespace.RDF.type, namespace.DCAT.Dataset) in graph
        for prop in (
            namespace.DCTERMS.title,
            namespace.DCTERMS.description,
            namespace.DCTERMS.publisher,
            dcat.DCATDE.contributorID,
            namespace.DCAT.contactPoint,
            namespace.DCAT.distribution,
            namespace.DCTERMS.accrualPeriodicity,
            namespace.DCTERMS.spatial,
        ):
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        assert str(graph.value(dataset, namespace.DCTERMS.accrualPeriodicity)).startswith(str(dcat.FREQUENCY))
        for distribution in graph.objects(dataset, namespace.DCAT.distribution):
            assert (distribution, namespace.RDF.type, namespace.DCAT.Distribution) in graph
            assert graph.value(distribution, namespace.DCAT.accessURL) is not None
            assert graph.value(distribution, namespace.DCTERMS.license) == URIRef(
                "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
            )
    contact = graph.value(datasets[0], namespace.DCAT.contactPoint)
    assert graph.value(contact, dcat.VCARD.hasEmail) == URIRef("mailto:opendata@hannover-stadt.example")
    spatial = graph.value(datasets[0], namespace.DCTERMS.spatial)
    assert "POLYGON" in str(graph.value(spatial, URIRef("http://www.w3.org/ns/locn#geometry")))


def test_catalogue_names_the_api_lists_the_feeds_the_exports_and_the_download(client, settings):
    settings.OPEN_DATA_LICENSE = "http://dcat-ap.de/def/licenses/cc-by/4.0"
    graph = graph_of(client, "/dcat/catalog.ttl", "turtle")
    urls = {str(url) for url in graph.objects(None, namespace.DCAT.accessURL)}
    for path in (
        "/api/v1/plans",
        "/api/v1/contributions",
        "/api/v1/sortitions",
        "/vorhaben/export.csv",
        "/vorhaben/feed/",
        "/veranstaltungen/kalender.ics",
        "/opendaten/stadtdialog-opendaten.zip",
    ):
        assert any(url.endswith(path) for url in urls), path
    assert set(graph.objects(None, namespace.DCTERMS.license)) == {URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")}
    service = next(graph.subjects(namespace.RDF.type, namespace.DCAT.DataService))
    assert str(graph.value(service, namespace.DCAT.endpointDescription)).endswith("/api/v1/openapi.json")
