from django.urls import URLPattern, include, path

from . import views
from .endpoints import api
from .http import open_data

app_name = "api"


def _wrapped(patterns: list) -> list:
    """The operations of the ninja API, each wrapped in http.open_data (CORS, rate limit, ETag/304)."""
    return [URLPattern(p.pattern, open_data(p.callback), p.default_args, p.name) for p in patterns]


urlpatterns = [
    path("api/", views.index, name="index"),
    path("api/v1/docs/", views.docs, name="docs"),
    path("api/v1/", include((_wrapped(api.urls[0]), "v1"))),
    path("dcat/catalog.ttl", open_data(views.catalog_turtle), name="catalog_ttl"),
    path("dcat/catalog.jsonld", open_data(views.catalog_jsonld), name="catalog_jsonld"),
    path("opendaten/stadtdialog-opendaten.zip", views.download, name="download"),
]
