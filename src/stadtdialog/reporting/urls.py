from django.urls import path

from . import views, views_staff

app_name = "reporting"
urlpatterns = [
    path("berichte/", views.report, name="report"),
    path("berichte/tabelle/<slug:key>.csv", views.table_csv, name="table_csv"),
    path("berichte/<int:year>/jahresbericht.pdf", views.annual_report_pdf, name="annual_report_pdf"),
    path("aushang/<slug:kind>/<int:pk>/<slug:size>.pdf", views.notice_pdf, name="notice_pdf"),
    path("verwaltung/aushang/beteiligung/<int:process_pk>/", views_staff.process_notices, name="staff_notices"),
    path("verwaltung/beteiligung/<int:process_pk>/anschreiben/", views_staff.process_letters, name="staff_letters"),
    path(
        "verwaltung/beteiligung/<int:process_pk>/anschreiben/<int:pk>.pdf",
        views_staff.letters_pdf,
        name="staff_letters_pdf",
    ),
    path("verwaltung/jahresplanung/", views_staff.annual_plan, name="staff_annual_plan"),
    path("verwaltung/jahresplanung/neu/", views_staff.annual_plan_entry_create, name="staff_plan_entry_create"),
    path("verwaltung/jahresplanung/<int:pk>/", views_staff.annual_plan_entry, name="staff_plan_entry"),
    path(
        "verwaltung/jahresplanung/<int:year>/quartal/<int:quarter>/",
        views_staff.annual_plan_quarter,
        name="staff_annual_plan_quarter",
    ),
    path(
        "verwaltung/jahresplanung/<int:year>/quartal/<int:quarter>.pdf",
        views_staff.annual_plan_quarter_pdf,
        name="staff_annual_plan_quarter_pdf",
    ),
    path(
        "verwaltung/jahresplanung/<int:year>/bilanz/", views_staff.annual_plan_review, name="staff_annual_plan_review"
    ),
    path("verwaltung/berichte/", views_staff.annual_reports, name="staff_annual"),
]
