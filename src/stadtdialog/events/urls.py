from django.urls import path

from . import views, views_staff

app_name = "events"
urlpatterns = [
    path("veranstaltungen/", views.event_list, name="list"),
    path("veranstaltungen/kalender.ics", views.all_ics, name="all_ics"),
    path("veranstaltungen/<int:pk>/", views.event_detail, name="detail"),
    path("veranstaltungen/<int:pk>.ics", views.event_ics, name="ics"),
    path("veranstaltungen/abmelden/<str:code>/", views.cancel_registration, name="cancel_registration"),
    path("beteiligung/<int:pk>/veranstaltungen.ics", views.process_ics, name="process_ics"),
    path("stadtbezirke/<slug:slug>/veranstaltungen.ics", views.district_ics, name="district_ics"),
    path("veranstaltungen/teilnahme/<int:pk>/bescheinigung.pdf", views.certificate, name="certificate"),
    path("verwaltung/veranstaltungen/", views_staff.staff_list, name="staff_list"),
    path("verwaltung/veranstaltungen/neu/", views_staff.staff_create, name="staff_create"),
    path("verwaltung/veranstaltungen/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("verwaltung/veranstaltungen/<int:pk>/bearbeiten/", views_staff.staff_edit, name="staff_edit"),
    path("verwaltung/veranstaltungen/<int:pk>/veroeffentlichen/", views_staff.staff_publish, name="staff_publish"),
    path("verwaltung/veranstaltungen/<int:pk>/absagen/", views_staff.staff_cancel, name="staff_cancel"),
    path("verwaltung/veranstaltungen/<int:pk>/teilnahme/", views_staff.staff_attendance, name="staff_attendance"),
    path(
        "verwaltung/veranstaltungen/<int:pk>/dokumentation/",
        views_staff.staff_documentation,
        name="staff_documentation",
    ),
]
