from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:list", permanent=False)),
    path("vorhaben/", views.plan_list, name="list"),
    path("vorhaben/karte/", views.plan_map, name="map"),
    path("vorhaben/<int:pk>/", views.plan_detail, name="detail"),
]
