"""Routes of the dialog: contributions, comments, support and answers (moderation and reports have their own apps)."""

from django.urls import path

from . import views, views_staff

app_name = "dialog"
urlpatterns = [
    path("beteiligung/<int:pk>/beitraege/", views.contribution_list, name="list"),
    path("beteiligung/<int:pk>/beitragen/", views.contribute, name="contribute"),
    path("beitraege/<int:pk>/", views.contribution_detail, name="contribution"),
    path("beitraege/<int:pk>/kommentieren/", views.comment, name="comment"),
    path("beitraege/<int:pk>/unterstuetzen/", views.support, name="support"),
    path("beitraege/<int:pk>/bearbeiten/", views.edit_contribution, name="edit_contribution"),
    path("beitraege/<int:pk>/zurueckziehen/", views.withdraw_contribution, name="withdraw_contribution"),
    path("kommentare/<int:pk>/bearbeiten/", views.edit_comment, name="edit_comment"),
    path("kommentare/<int:pk>/zurueckziehen/", views.withdraw_comment, name="withdraw_comment"),
    path("beitraege/<int:pk>/rueckmeldung/", views_staff.answer, name="answer"),
    path("verwaltung/rueckmeldungen/", views_staff.unanswered, name="unanswered"),
    path("verwaltung/beteiligung/<int:pk>/beitrag-vor-ort/", views_staff.enter_onsite, name="enter_onsite"),
]
