"""URLs of the action programmes (included by districts/urls.py)."""

from django.urls import path

from . import views_programmes as views
from . import views_staff_programmes as staff

PUBLIC = "stadtbezirke/<slug:slug>/aktionsprogramm/"
STAFF = "verwaltung/stadtbezirke/<slug:slug>/aktionsprogramm/"

urlpatterns: list = [
    path(PUBLIC, views.programme, name="programme"),
    path(f"{PUBLIC}runden/<int:pk>/punkte/", views.round_points, name="round_points"),
    path(f"{PUBLIC}runden/<int:pk>/vorschlag/", views.round_propose, name="round_propose"),
    path(f"{PUBLIC}bedarfe/<int:pk>/", views.need, name="need"),
    path(f"{PUBLIC}bedarfe/<int:pk>/melden/", views.need_flag, name="need_flag"),
    path(STAFF, staff.staff_programme, name="staff_programme"),
    path(f"{STAFF}abgleich/", staff.staff_comparison, name="staff_programme_comparison"),
    path(f"{STAFF}runden/neu/", staff.staff_round, name="staff_round_create"),
    path(f"{STAFF}runden/<int:pk>/", staff.staff_round, name="staff_round_edit"),
    path(f"{STAFF}bedarfe/neu/", staff.staff_need_create, name="staff_need_create"),
    path(f"{STAFF}bedarfe/<int:pk>/antwort/", staff.staff_need_answer, name="staff_need_answer"),
    path(f"{STAFF}anliegen/<int:pk>/", staff.staff_concern_need, name="staff_concern_need"),
    path(f"{STAFF}schwerpunkte/neu/", staff.staff_priority, name="staff_priority_create"),
    path(f"{STAFF}schwerpunkte/<int:pk>/", staff.staff_priority, name="staff_priority_edit"),
]
