from django.urls import path

from . import views, views_staff

app_name = "organisation"
urlpatterns = [
    path("einheit/<int:pk>/", views.unit, name="public_unit"),
    path("verwaltung/organisation/", views_staff.units, name="units"),
    path("verwaltung/organisation/neu/", views_staff.unit_create, name="unit_create"),
    path("verwaltung/organisation/<int:pk>/", views_staff.unit_detail, name="unit"),
    path("verwaltung/organisation/<int:pk>/bearbeiten/", views_staff.unit_edit, name="unit_edit"),
    path("verwaltung/organisation/<int:pk>/verschieben/", views_staff.unit_move, name="unit_move"),
    path("verwaltung/organisation/<int:pk>/aufloesen/", views_staff.unit_dissolve, name="unit_dissolve"),
    path("verwaltung/organisation/stadtbezirke/", views_staff.districts, name="districts"),
    path("verwaltung/organisation/stadtbezirke/<int:pk>/", views_staff.district_detail, name="district"),
    path("verwaltung/organisation/stadtbezirke/<int:pk>/bezirksrat/", views_staff.council_edit, name="council_edit"),
]
