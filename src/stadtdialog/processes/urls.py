from django.urls import path

from . import views, views_staff

app_name = "processes"
urlpatterns = [
    path("beteiligung/<int:pk>/", views.process_detail, name="detail"),
    path("beteiligung/<int:pk>/konzept/", views.concept_detail, name="concept"),
    path("beteiligung/<int:pk>/konzept/versionen/", views.history, name="history"),
    path("verwaltung/vorhaben/<int:plan_pk>/beteiligung/neu/", views_staff.staff_create, name="staff_create"),
    path("verwaltung/beteiligung/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("verwaltung/beteiligung/<int:pk>/konzept/", views_staff.staff_concept, name="staff_concept"),
    path("verwaltung/beteiligung/<int:pk>/veroeffentlichen/", views_staff.staff_publish, name="staff_publish"),
    path("verwaltung/beteiligung/<int:pk>/zurueckziehen/", views_staff.staff_unpublish, name="staff_unpublish"),
    path("verwaltung/beteiligung/<int:pk>/verlauf/", views_staff.staff_history, name="staff_history"),
]
