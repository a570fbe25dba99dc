from django.urls import path

from . import views, views_staff

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
# Staff accounts and roles (views_staff); the invitation link is public.
urlpatterns += [
    path("konto/einladung/<str:token>/", views_staff.invitation_accept, name="invitation"),
    path("verwaltung/mitarbeitende/", views_staff.staff_list, name="staff_list"),
    path("verwaltung/mitarbeitende/export.csv", views_staff.staff_csv, name="staff_csv"),
    path("verwaltung/mitarbeitende/einladen/", views_staff.staff_invite, name="staff_invite"),
    path("verwaltung/mitarbeitende/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("verwaltung/mitarbeitende/<int:pk>/rolle-neu/", views_staff.staff_role_add, name="staff_role_add"),
    path(
        "verwaltung/mitarbeitende/<int:pk>/rollen/<int:role_pk>/", views_staff.staff_role_edit, name="staff_role_edit"
    ),
    path(
        "verwaltung/mitarbeitende/<int:pk>/rollen/<int:role_pk>/entziehen/",
        views_staff.staff_role_revoke,
        name="staff_role_revoke",
    ),
    path("verwaltung/mitarbeitende/<int:pk>/deaktivieren/", views_staff.staff_deactivate, name="staff_deactivate"),
    path("verwaltung/mitarbeitende/<int:pk>/reaktivieren/", views_staff.staff_reactivate, name="staff_reactivate"),
    path(
        "verwaltung/mitarbeitende/einladungen/<int:invitation_pk>/erneut/",
        views_staff.staff_invitation_resend,
        name="staff_invitation_resend",
    ),
    path(
        "verwaltung/mitarbeitende/einladungen/<int:invitation_pk>/zurueckziehen/",
        views_staff.staff_invitation_withdraw,
        name="staff_invitation_withdraw",
    ),
]
