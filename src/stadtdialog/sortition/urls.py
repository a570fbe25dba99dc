"""Staff routes under /verwaltung/losverfahren/, public routes under /losverfahren/."""

from django.urls import path

from . import views, views_staff

app_name = "sortition"

staff = "verwaltung/losverfahren/"
public = "losverfahren/"

urlpatterns = [
    path(staff, views_staff.staff_list, name="staff_list"),
    path(f"{staff}neu/", views_staff.staff_create, name="staff_create"),
    path(f"{staff}<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path(f"{staff}<int:pk>/bearbeiten/", views_staff.staff_edit, name="staff_edit"),
    path(f"{staff}<int:pk>/melderegister/", views_staff.import_register, name="import_register"),
    path(f"{staff}<int:pk>/einladungen/", views_staff.invitations, name="invitations"),
    path(f"{staff}<int:pk>/einladungen.pdf", views_staff.letters, name="letters"),
    path(f"{staff}<int:pk>/merkmale/", views_staff.add_feature, name="add_feature"),
    path(f"{staff}<int:pk>/merkmale/<int:feature_pk>/loeschen/", views_staff.delete_feature, name="delete_feature"),
    path(f"{staff}<int:pk>/anmeldung-oeffnen/", views_staff.open_signup, name="open_signup"),
    path(f"{staff}<int:pk>/rueckmeldungen/", views_staff.respondents, name="respondents"),
    path(f"{staff}<int:pk>/rueckmeldungen/papier/", views_staff.paper_reply, name="paper_reply"),
    path(f"{staff}<int:pk>/quoten/", views_staff.quotas, name="quotas"),
    path(f"{staff}<int:pk>/auswahl/", views_staff.selection, name="selection"),
    path(f"{staff}<int:pk>/auswahl/berechnen/", views_staff.run, name="run"),
    path(f"{staff}<int:pk>/auswahl/veroeffentlichen/", views_staff.publish, name="publish"),
    path(f"{staff}<int:pk>/auswahl/ziehen/", views_staff.draw, name="draw"),
    path(f"{staff}<int:pk>/auswahl/nachruecken/", views_staff.replace, name="replace"),
    path(f"{staff}<int:pk>/beenden/", views_staff.end, name="end"),
    path(f"{public}<int:pk>/", views.public_detail, name="public_detail"),
    path(f"{public}<int:pk>/anmelden/", views.signup, name="signup"),
    path(f"{public}<int:pk>/anmelden/danke/", views.signup_done, name="signup_done"),
    path(f"{public}<int:pk>/lotterie.json", views.lottery_json, name="lottery_json"),
    path(f"{public}<int:pk>/pruefen/", views.verify, name="verify"),
]
