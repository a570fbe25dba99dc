from django.urls import path

from . import views, views_staff

app_name = "core"
urlpatterns = [
    path("seite/<slug:slug>/", views.page, name="page"),
    path("verwaltung/seiten/", views_staff.pages, name="pages"),
    path("verwaltung/seiten/<slug:slug>/bearbeiten/", views_staff.page_edit, name="page_edit"),
]
