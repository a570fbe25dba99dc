from django.urls import path

from . import views_staff

urlpatterns = [
    path("verwaltung/vorhaben/", views_staff.staff_list, name="staff_list"),
]
