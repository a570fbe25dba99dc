"""Routes of reports and comments on the concept: the public pages and the staff pages of a process."""

from django.urls import path

from . import views, views_staff

app_name = "reports"
urlpatterns = [
    path("berichte/<int:pk>/", views.report_detail, name="report"),
    path("beteiligung/<int:process_pk>/konzept/kommentare/", views.concept_comments, name="concept_comments"),
    path("verwaltung/beteiligung/<int:process_pk>/berichte/", views_staff.staff_reports, name="staff_reports"),
    path(
        "verwaltung/beteiligung/<int:process_pk>/berichte/neu/",
        views_staff.staff_report_create,
        name="staff_report_create",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/berichte/<int:pk>/",
        views_staff.staff_report_edit,
        name="staff_report_edit",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/berichte/<int:pk>/veroeffentlichen/",
        views_staff.staff_report_publish,
        name="staff_report_publish",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/berichte/<int:pk>/anhaenge/",
        views_staff.staff_report_attachments,
        name="staff_report_attachments",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/berichte/<int:pk>/anhaenge/<int:attachment_pk>/entfernen/",
        views_staff.staff_report_attachment_delete,
        name="staff_report_attachment_delete",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/konzept-kommentare/",
        views_staff.staff_concept_comments,
        name="staff_concept_comments",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/konzept-kommentare/<int:pk>/",
        views_staff.staff_concept_comment,
        name="staff_concept_comment",
    ),
]
