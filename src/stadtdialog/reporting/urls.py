from django.urls import path

from . import views, views_staff

app_name = "reporting"
urlpatterns = [
    path("berichte/", views.report, name="report"),
    path("berichte/tabelle/<slug:key>.csv", views.table_csv, name="table_csv"),
    path("berichte/<int:year>/jahresbericht.pdf", views.annual_report_pdf, name="annual_report_pdf"),
    path("aushang/<slug:kind>/<int:pk>/<slug:size>.pdf", views.notice_pdf, name="notice_pdf"),
    path("verwaltung/aushang/beteiligung/<int:process_pk>/", views_staff.process_notices, name="staff_notices"),
    path("verwaltung/berichte/", views_staff.annual_reports, name="staff_annual"),
]
