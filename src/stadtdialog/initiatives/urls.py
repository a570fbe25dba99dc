from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("initiativen/", views.initiative_list, name="list"),
    path("initiativen/neu/", views.initiative_create, name="create"),
    path("initiativen/<int:pk>/", views.initiative_detail, name="detail"),
    path("verwaltung/initiativen/", views.staff_list, name="staff_list"),
    path("verwaltung/initiativen/<int:pk>/", views.staff_review, name="staff_review"),
    path("verwaltung/initiativen/<int:pk>/zustaendigkeit/", views.staff_assign, name="staff_assign"),
]
