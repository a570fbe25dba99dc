from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("berichte/", views.report, name="report"),
    path("berichte/tabelle/<slug:key>.csv", views.table_csv, name="table_csv"),
]
