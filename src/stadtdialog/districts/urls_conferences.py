"""URLs of the district conferences, agreements, action items, escalations and district projects (included by
districts/urls.py). All of them are staff pages; the public summary is a section of the district page."""

from django.urls import path

from . import views_staff_conferences as views

urlpatterns: list = [
    path("verwaltung/stadtbezirke/<slug:slug>/konferenzen/", views.staff_conferences, name="staff_conferences"),
    path(
        "verwaltung/stadtbezirke/<slug:slug>/konferenzen/neu/",
        views.staff_conference_create,
        name="staff_conference_create",
    ),
    path("verwaltung/stadtbezirke/<slug:slug>/projekte/neu/", views.staff_project_create, name="staff_project_create"),
    path("verwaltung/konferenzen/<int:pk>/", views.staff_conference, name="staff_conference"),
    path("verwaltung/konferenzen/<int:pk>/bearbeiten/", views.staff_conference_edit, name="staff_conference_edit"),
    path("verwaltung/konferenzen/<int:pk>/einladen/", views.staff_conference_invite, name="staff_conference_invite"),
    path("verwaltung/konferenzen/<int:pk>/protokoll/", views.staff_conference_minutes, name="staff_conference_minutes"),
    path(
        "verwaltung/konferenzen/<int:pk>/protokoll/veroeffentlichen/",
        views.staff_conference_publish,
        name="staff_conference_publish",
    ),
    path("verwaltung/konferenzen/<int:pk>/protokoll.pdf", views.staff_conference_pdf, name="staff_conference_pdf"),
    path(
        "verwaltung/konferenzen/<int:pk>/vereinbarungen/neu/",
        views.staff_agreement_create,
        name="staff_agreement_create",
    ),
    path("verwaltung/vereinbarungen/<int:pk>/", views.staff_agreement, name="staff_agreement"),
    path("verwaltung/vereinbarungen/<int:pk>/massnahmen/neu/", views.staff_item_create, name="staff_item_create"),
    path(
        "verwaltung/vereinbarungen/<int:pk>/eskalieren/",
        views.staff_escalate_agreement,
        name="staff_escalate_agreement",
    ),
    path("verwaltung/massnahmen/", views.staff_action_items, name="staff_action_items"),
    path("verwaltung/massnahmen/<int:pk>/", views.staff_action_item, name="staff_action_item"),
    path(
        "verwaltung/massnahmen/<int:pk>/abschliessen/",
        views.staff_action_item_confirm,
        name="staff_action_item_confirm",
    ),
    path("verwaltung/massnahmen/<int:pk>/strittig/", views.staff_action_item_dispute, name="staff_action_item_dispute"),
    path("verwaltung/massnahmen/<int:pk>/eskalieren/", views.staff_escalate_item, name="staff_escalate_item"),
    path("verwaltung/eskalationen/", views.staff_escalations, name="staff_escalations"),
    path("verwaltung/eskalationen/<int:pk>/", views.staff_escalation, name="staff_escalation"),
    path("verwaltung/projekte/<int:pk>/", views.staff_project_edit, name="staff_project_edit"),
]
