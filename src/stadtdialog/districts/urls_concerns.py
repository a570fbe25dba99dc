"""Routes of residents' concerns and of Open311 (included by urls.py)."""

from django.urls import path

from . import open311, views_concerns, views_staff_concerns


def _open311(route: str, view, name: str) -> list:
    """An Open311 resource in both formats: <route>.json (name) and <route>.xml (name_xml)."""
    return [
        path(f"open311/v2/{route}.json", view, {"fmt": "json"}, name=name),
        path(f"open311/v2/{route}.xml", view, {"fmt": "xml"}, name=f"{name}_xml"),
    ]


urlpatterns: list = [
    path("anliegen/neu/", views_concerns.concern_create, name="concern_create"),
    path("anliegen/danke/", views_concerns.concern_thanks, name="concern_thanks"),
    path("anliegen/veroeffentlicht/", views_concerns.published_list, name="concerns_published"),
    path("anliegen/status/<str:token>/", views_concerns.concern_status, name="concern_status"),
    path("anliegen/status/<str:token>/foto/", views_concerns.concern_status_photo, name="concern_status_photo"),
    path("anliegen/status/<str:token>/loeschen/", views_concerns.concern_delete, name="concern_delete"),
    path("anliegen/geloescht/", views_concerns.concern_deleted, name="concern_deleted"),
    path("verwaltung/anliegen/", views_staff_concerns.staff_concerns, name="staff_concerns"),
    path("verwaltung/anliegen/<int:pk>/", views_staff_concerns.staff_concern, name="staff_concern"),
    path("verwaltung/anliegen/<int:pk>/foto/", views_staff_concerns.staff_concern_photo, name="staff_concern_photo"),
    path(
        "verwaltung/anliegen/kategorien/",
        views_staff_concerns.staff_categories,
        name="staff_concern_categories",
    ),
    path(
        "verwaltung/anliegen/kategorien/neu/",
        views_staff_concerns.staff_category_edit,
        name="staff_concern_category_create",
    ),
    path(
        "verwaltung/anliegen/kategorien/<int:pk>/",
        views_staff_concerns.staff_category_edit,
        name="staff_concern_category_edit",
    ),
    path("verwaltung/anliegen/open311/", views_staff_concerns.staff_open311_clients, name="staff_open311_clients"),
    *_open311("discovery", open311.discovery, "open311_discovery"),
    *_open311("services", open311.services, "open311_services"),
    *_open311("services/<slug:code>", open311.service_definition, "open311_service"),
    *_open311("requests", open311.requests, "open311_requests"),
    *_open311("requests/<str:request_id>", open311.request_detail, "open311_request"),
]
