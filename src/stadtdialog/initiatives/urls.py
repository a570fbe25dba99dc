from django.urls import path

from . import views, views_staff

app_name = "initiatives"
urlpatterns = [
    path("initiativen/", views.initiative_list, name="list"),
    path("initiativen/neu/", views.initiative_create, name="create"),
    path("initiativen/<int:pk>/", views.initiative_detail, name="detail"),
    path("verwaltung/initiativen/", views_staff.staff_list, name="staff_list"),
    path("verwaltung/initiativen/<int:pk>/", views_staff.staff_review, name="staff_review"),
    path("verwaltung/initiativen/<int:pk>/zustaendigkeit/", views_staff.staff_assign, name="staff_assign"),
]
