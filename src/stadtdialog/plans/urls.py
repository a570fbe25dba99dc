from django.urls import path

from . import views, views_staff
from .feeds import PlanFeed

app_name = "plans"
urlpatterns = [
    path("vorhaben/", views.plan_list, name="list"),
    path("vorhaben/feed/", PlanFeed(), name="feed"),
    path("vorhaben/export.csv", views.plan_csv, name="csv"),
    path("vorhaben/karte/", views.plan_map, name="map"),
    path("vorhaben/karte/daten.geojson", views.plan_map_data, name="map_data"),
    path("vorhaben/<int:pk>/", views.plan_detail, name="detail"),
    path("verwaltung/vorhaben/", views_staff.staff_list, name="staff_list"),
    path("verwaltung/vorhaben/neu/", views_staff.staff_create, name="staff_create"),
    path("verwaltung/vorhaben/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("verwaltung/vorhaben/<int:pk>/bearbeiten/", views_staff.staff_edit, name="staff_edit"),
    path("verwaltung/vorhaben/<int:pk>/veroeffentlichen/", views_staff.staff_publish, name="staff_publish"),
    path("verwaltung/vorhaben/<int:pk>/zurueckziehen/", views_staff.staff_unpublish, name="staff_unpublish"),
    path("verwaltung/vorhaben/<int:pk>/anhaenge/", views_staff.staff_attachments, name="staff_attachments"),
    path(
        "verwaltung/vorhaben/<int:pk>/anhaenge/<int:attachment_pk>/entfernen/",
        views_staff.staff_attachment_delete,
        name="staff_attachment_delete",
    ),
    path("verwaltung/vorhaben/<int:pk>/verlauf/", views_staff.staff_history, name="staff_history"),
]
