from django.urls import path

from . import views, views_staff

app_name = "core"
urlpatterns = [
    path("seite/<slug:slug>/", views.page, name="page"),
    path("verwaltung/seiten/", views_staff.pages, name="pages"),
    path("verwaltung/seiten/<slug:slug>/bearbeiten/", views_staff.page_edit, name="page_edit"),
    # History of any object and the site-wide audit log
    path("verwaltung/verlauf/<str:model>/<str:object_id>/", views_staff.history, name="history"),
    path("verwaltung/protokoll/", views_staff.audit_log, name="audit_log"),
    path("verwaltung/protokoll/csv/", views_staff.audit_log_csv, name="audit_log_csv"),
]
