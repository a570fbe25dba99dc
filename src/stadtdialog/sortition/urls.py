"""Staff routes under /verwaltung/losverfahren/, public routes under /losverfahren/."""

from django.urls import path

from . import views, views_public

app_name = "sortition"

staff = "verwaltung/losverfahren/"
public = "losverfahren/"

urlpatterns = [
    path(staff, views.staff_list, name="staff_list"),
    path(f"{staff}neu/", views.staff_create, name="staff_create"),
    path(f"{staff}<int:pk>/", views.staff_detail, name="staff_detail"),
    path(f"{staff}<int:pk>/bearbeiten/", views.staff_edit, name="staff_edit"),
    path(f"{staff}<int:pk>/melderegister/", views.import_register, name="import_register"),
    path(f"{staff}<int:pk>/einladungen/", views.invitations, name="invitations"),
    path(f"{staff}<int:pk>/einladungen.pdf", views.letters, name="letters"),
    path(f"{staff}<int:pk>/merkmale/", views.add_feature, name="add_feature"),
    path(f"{staff}<int:pk>/merkmale/<int:feature_pk>/loeschen/", views.delete_feature, name="delete_feature"),
    path(f"{staff}<int:pk>/anmeldung-oeffnen/", views.open_signup, name="open_signup"),
    path(f"{staff}<int:pk>/rueckmeldungen/", views.respondents, name="respondents"),
    path(f"{staff}<int:pk>/rueckmeldungen/papier/", views.paper_reply, name="paper_reply"),
    path(f"{staff}<int:pk>/quoten/", views.quotas, name="quotas"),
    path(f"{staff}<int:pk>/auswahl/", views.selection, name="selection"),
    path(f"{staff}<int:pk>/auswahl/berechnen/", views.run, name="run"),
    path(f"{staff}<int:pk>/auswahl/veroeffentlichen/", views.publish, name="publish"),
    path(f"{staff}<int:pk>/auswahl/ziehen/", views.draw, name="draw"),
    path(f"{staff}<int:pk>/auswahl/nachruecken/", views.replace, name="replace"),
    path(f"{staff}<int:pk>/beenden/", views.end, name="end"),
    path(f"{public}<int:pk>/", views_public.public_detail, name="public_detail"),
    path(f"{public}<int:pk>/anmelden/", views_public.signup, name="signup"),
    path(f"{public}<int:pk>/anmelden/danke/", views_public.signup_done, name="signup_done"),
    path(f"{public}<int:pk>/lotterie.json", views_public.lottery_json, name="lottery_json"),
    path(f"{public}<int:pk>/pruefen/", views_public.verify, name="verify"),
]
