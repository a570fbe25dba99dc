"""URLs of the office's advice services (issue 15, items 6 to 8; included by office/urls.py)."""

from django.urls import path

from . import views_advice, views_staff_advice

urlpatterns = [
    path("arbeitshilfen/", views_advice.work_aids, name="work_aids"),
    path("arbeitshilfen/<slug:slug>/", views_advice.work_aid, name="work_aid"),
    path("arbeitshilfen/<slug:slug>/version-<int:number>/", views_advice.work_aid_file, name="work_aid_file"),
    path("fortbildungen/", views_advice.trainings, name="trainings"),
    path("verwaltung/beratung/", views_staff_advice.advice_list, name="advice_list"),
    path("verwaltung/beratung/neu/", views_staff_advice.advice_new, name="advice_new"),
    path("verwaltung/beratung/uebersicht/", views_staff_advice.advice_overview, name="advice_overview"),
    path("verwaltung/beratung/<int:pk>/", views_staff_advice.advice_detail, name="advice_detail"),
    path("verwaltung/beratung/<int:pk>/bearbeiten/", views_staff_advice.advice_handle, name="advice_handle"),
    path("verwaltung/arbeitshilfen/", views_staff_advice.staff_work_aids, name="staff_work_aids"),
    path("verwaltung/arbeitshilfen/neu/", views_staff_advice.staff_work_aid_create, name="staff_work_aid_create"),
    path("verwaltung/arbeitshilfen/<int:pk>/", views_staff_advice.staff_work_aid_edit, name="staff_work_aid_edit"),
    path(
        "verwaltung/arbeitshilfen/<int:pk>/neue-version/",
        views_staff_advice.staff_work_aid_version,
        name="staff_work_aid_version",
    ),
]
