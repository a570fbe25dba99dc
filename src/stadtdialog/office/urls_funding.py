"""URLs of the office's funding services (included by office/urls.py): public rounds and projects, the
applicants' pages, the committee members' pages, and the office's staff pages under verwaltung/."""

from django.urls import path

from . import views_funding as views
from . import views_staff_funding as staff

urlpatterns: list = [
    path("foerderung/", views.funding_home, name="funding_home"),
    path("foerderung/antraege/", views.my_applications, name="funding_my_applications"),
    path("foerderung/antraege/<int:pk>/", views.funding_application, name="funding_application"),
    path("foerderung/antraege/<int:pk>/bearbeiten/", views.funding_application_edit, name="funding_application_edit"),
    path("foerderung/antraege/<int:pk>/verwendungsnachweis/", views.funding_report, name="funding_report"),
    path("foerderung/antraege/<int:pk>/dokumente/<int:document_pk>/", views.funding_document, name="funding_document"),
    path("foerderung/gremium/", views.committee_sessions, name="committee_sessions"),
    path("foerderung/gremium/sitzungen/<int:pk>/", views.committee_session, name="committee_session"),
    path("foerderung/gremium/sitzungen/<int:pk>/protokoll.pdf", views.committee_minutes, name="committee_minutes"),
    path("foerderung/gremium/tagesordnung/<int:pk>/", views.committee_item, name="committee_item"),
    path("foerderung/<slug:slug>/", views.funding_round, name="funding_round"),
    path("foerderung/<slug:slug>/antrag/", views.funding_apply, name="funding_apply"),
    path("verwaltung/foerderung/", staff.staff_funding, name="staff_funding"),
    path("verwaltung/foerderung/runden/neu/", staff.staff_funding_round_create, name="staff_funding_round_create"),
    path("verwaltung/foerderung/runden/<int:pk>/", staff.staff_funding_round, name="staff_funding_round"),
    path(
        "verwaltung/foerderung/runden/<int:pk>/bearbeiten/",
        staff.staff_funding_round_edit,
        name="staff_funding_round_edit",
    ),
    path(
        "verwaltung/foerderung/gremien/neu/",
        staff.staff_funding_committee_create,
        name="staff_funding_committee_create",
    ),
    path("verwaltung/foerderung/gremien/<int:pk>/", staff.staff_funding_committee, name="staff_funding_committee"),
    path(
        "verwaltung/foerderung/gremien/mitglieder/<int:pk>/entfernen/",
        staff.staff_funding_member_remove,
        name="staff_funding_member_remove",
    ),
    path("verwaltung/foerderung/antraege/<int:pk>/", staff.staff_funding_application, name="staff_funding_application"),
    path("verwaltung/foerderung/sitzungen/<int:pk>/", staff.staff_funding_session, name="staff_funding_session"),
]
