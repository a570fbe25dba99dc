from django.urls import path

from . import views, views_staff

app_name = "outcomes"
urlpatterns = [
    path("beteiligung/<int:pk>/ergebnisse/", views.results, name="results"),
    path("beteiligung/<int:pk>/entscheidung/", views.decision, name="decision"),
    path("beteiligung/<int:pk>/umsetzung/", views.implementation, name="implementation"),
    path("verwaltung/beteiligung/<int:process_pk>/ergebnisse/", views_staff.staff_results, name="staff_results"),
    path(
        "verwaltung/beteiligung/<int:process_pk>/ergebnisse/dokumente/",
        views_staff.staff_documents,
        name="staff_documents",
    ),
    path("verwaltung/beteiligung/<int:process_pk>/entscheidung/", views_staff.staff_decision, name="staff_decision"),
    path(
        "verwaltung/beteiligung/<int:process_pk>/umsetzung/",
        views_staff.staff_implementation,
        name="staff_implementation",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/umsetzung/<int:milestone_pk>/",
        views_staff.staff_milestone,
        name="staff_milestone",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/umsetzung/neuigkeiten/",
        views_staff.staff_updates,
        name="staff_updates",
    ),
    path("verwaltung/umsetzung/", views_staff.staff_overdue, name="staff_overdue"),
]
