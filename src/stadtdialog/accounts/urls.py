from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", views.home, name="home"),
    path("registrieren/", views.register, name="register"),
    path("registrieren/bestaetigen/<str:uidb64>/<str:token>/", views.verify, name="verify"),
]
