from django.urls import path

from . import views_staff

urlpatterns = [
    path("verwaltung/vorhaben/", views_staff.staff_list, name="staff_list"),
    path("verwaltung/vorhaben/neu/", views_staff.staff_create, name="staff_create"),
    path("verwaltung/vorhaben/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("verwaltung/vorhaben/<int:pk>/bearbeiten/", views_staff.staff_edit, name="staff_edit"),
    path("verwaltung/vorhaben/<int:pk>/veroeffentlichen/", views_staff.staff_publish, name="staff_publish"),
    path("verwaltung/vorhaben/<int:pk>/zurueckziehen/", views_staff.staff_unpublish, name="staff_unpublish"),
    path("verwaltung/vorhaben/<int:pk>/anhaenge/", views_staff.staff_attachments, name="staff_attachments"),
    path(
        "verwaltung/vorhaben/<int:pk>/anhaenge/<int:attachment_pk>/entfernen/",
        views_staff.staff_attachment_delete,
        name="staff_attachment_delete",
    ),
    path("verwaltung/vorhaben/<int:pk>/verlauf/", views_staff.staff_history, name="staff_history"),
]
