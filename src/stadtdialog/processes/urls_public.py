from django.urls import path

from . import views

urlpatterns = [
    path("beteiligung/<int:pk>/", views.process_detail, name="detail"),
    path("beteiligung/<int:pk>/konzept/", views.concept_detail, name="concept"),
]
