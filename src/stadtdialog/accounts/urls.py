from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("konto/", views.home, name="home"),
    path("registrieren/", views.register, name="register"),
    path("registrieren/bestaetigen/<str:uidb64>/<str:token>/", views.verify, name="verify"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("konto/profil/", views.profile, name="profile"),
    path("konto/daten.json", views.export, name="export"),
    path("konto/loeschen/", views.delete, name="delete"),
]
