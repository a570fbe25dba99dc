from django.urls import path
from django.views.generic import RedirectView

from . import views
from .feeds import PlanFeed

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:list", permanent=False)),
    path("vorhaben/", views.plan_list, name="list"),
    path("vorhaben/feed/", PlanFeed(), name="feed"),
    path("vorhaben/export.csv", views.plan_csv, name="csv"),
    path("vorhaben/karte/", views.plan_map, name="map"),
    path("vorhaben/karte/daten.geojson", views.plan_map_data, name="map_data"),
    path("vorhaben/<int:pk>/", views.plan_detail, name="detail"),
]
