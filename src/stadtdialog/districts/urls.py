from django.urls import path

from . import views, views_staff
from .urls_concerns import urlpatterns as concern_urlpatterns
from .urls_conferences import urlpatterns as conference_urlpatterns
from .urls_programmes import urlpatterns as programme_urlpatterns

app_name = "districts"
urlpatterns: list = [
    path("stadtbezirke/", views.district_list, name="list"),
    path("stadtbezirke/<slug:slug>/", views.district_detail, name="detail"),
    path("stadtbezirke/<slug:slug>/kennzahlen.csv", views.indicators_csv, name="indicators_csv"),
    path("stadtbezirke/<slug:slug>/anlaufstellen.pdf", views.directory_pdf, name="directory_pdf"),
    path("anlaufstellen/", views.directory, name="directory"),
    path("verwaltung/stadtbezirke/", views_staff.staff_districts, name="staff_districts"),
    path("verwaltung/stadtbezirke/<slug:slug>/", views_staff.staff_district, name="staff_district"),
    path("verwaltung/stadtbezirke/<slug:slug>/profil/", views_staff.staff_profile, name="staff_profile"),
    path(
        "verwaltung/stadtbezirke/<slug:slug>/netzwerke/neu/",
        views_staff.staff_network_create,
        name="staff_network_create",
    ),
    path(
        "verwaltung/stadtbezirke/<slug:slug>/netzwerke/<int:pk>/",
        views_staff.staff_network_edit,
        name="staff_network_edit",
    ),
    path(
        "verwaltung/stadtbezirke/<slug:slug>/netzwerke/<int:pk>/entfernen/",
        views_staff.staff_network_delete,
        name="staff_network_delete",
    ),
    path("verwaltung/stadtbezirke/<slug:slug>/notizen/neu/", views_staff.staff_note_create, name="staff_note_create"),
    path("verwaltung/stadtbezirke/<slug:slug>/notizen/<int:pk>/", views_staff.staff_note_edit, name="staff_note_edit"),
    path(
        "verwaltung/stadtbezirke/<slug:slug>/notizen/<int:pk>/entfernen/",
        views_staff.staff_note_delete,
        name="staff_note_delete",
    ),
    path(
        "verwaltung/stadtbezirke/<slug:slug>/kennzahlen/",
        views_staff.staff_district_import,
        name="staff_district_import",
    ),
    path("verwaltung/kennzahlen/", views_staff.staff_indicator_import, name="staff_indicator_import"),
    path("verwaltung/anlaufstellen/", views_staff.staff_directory, name="staff_directory"),
    path("verwaltung/anlaufstellen/neu/", views_staff.staff_contact_point_create, name="staff_contact_point_create"),
    path("verwaltung/anlaufstellen/<int:pk>/", views_staff.staff_contact_point_edit, name="staff_contact_point_edit"),
    path(
        "verwaltung/anlaufstellen/<int:pk>/entfernen/",
        views_staff.staff_contact_point_delete,
        name="staff_contact_point_delete",
    ),
    *concern_urlpatterns,
    *conference_urlpatterns,
    *programme_urlpatterns,
]
