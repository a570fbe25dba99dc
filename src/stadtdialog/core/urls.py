from django.urls import path

from . import views, views_staff

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("verwaltung/", views_staff.staff_home, name="staff_home"),
    # The pages staff write and the barrier reports of the accessibility statement.
    path("seite/<slug:slug>/", views.page, name="page"),
    path("barriere-melden/", views.barrier_report, name="barrier_report"),
    path("barriere-melden/danke/", views.barrier_report_done, name="barrier_report_done"),
    path("verwaltung/seiten/", views_staff.pages, name="pages"),
    path("verwaltung/seiten/neu/", views_staff.page_create, name="page_create"),
    path("verwaltung/seiten/reihenfolge/", views_staff.page_order, name="page_order"),
    path("verwaltung/seiten/<slug:slug>/bearbeiten/", views_staff.page_edit, name="page_edit"),
    # History of any object and the site-wide audit log
    path("verwaltung/verlauf/<str:model>/<str:object_id>/", views_staff.history, name="history"),
    path("verwaltung/protokoll/", views_staff.audit_log, name="audit_log"),
    path("verwaltung/protokoll/csv/", views_staff.audit_log_csv, name="audit_log_csv"),
    path("verwaltung/seiten/<slug:slug>/entfernen/", views_staff.page_delete, name="page_delete"),
    path("verwaltung/barrieren/", views_staff.barrier_reports, name="barrier_reports"),
    path("verwaltung/barrieren/<int:pk>/", views_staff.barrier_report, name="barrier_report"),
    path("verwaltung/barrieren/<int:pk>/schliessen/", views_staff.barrier_report_close, name="barrier_report_close"),
]
