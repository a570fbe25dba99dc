from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("seite/<slug:slug>/", views.page, name="page"),
    path("verwaltung/seiten/", views.pages, name="pages"),
    path("verwaltung/seiten/<slug:slug>/bearbeiten/", views.page_edit, name="page_edit"),
]
