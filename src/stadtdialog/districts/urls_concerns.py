"""Routes of residents' concerns and of Open311 (included by urls.py)."""

from django.urls import path, re_path

from . import open311, views_concerns, views_staff_concerns

_FORMAT = r"\.(?P<fmt>json|xml)"

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
    re_path(r"^open311/v2/discovery" + _FORMAT + r"$", open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + _FORMAT + r"$", open311.services, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<code>[-\w]{1,50})" + _FORMAT + r"$",
        open311.service_definition,
        name="open311_service",
    ),
    re_path(r"^open311/v2/requests" + _FORMAT + r"$", open311.requests, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[^/.]{1,30})" + _FORMAT + r"$",
        open311.request_detail,
        name="open311_request",
    ),
]
