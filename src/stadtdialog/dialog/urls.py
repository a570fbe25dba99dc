"""Routes of the dialog: contributions, comments, support and answers (moderation and reports have their own apps)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "dialog"
urlpatterns = [
    path("beteiligung/<int:pk>/beitraege/", views.contribution_list, name="list"),
    path("beteiligung/<int:pk>/beitragen/", views.contribute, name="contribute"),
    path("beitraege/<int:pk>/", views.contribution_detail, name="contribution"),
    path("beitraege/<int:pk>/kommentieren/", views.comment, name="comment"),
    path("beitraege/<int:pk>/unterstuetzen/", views.support, name="support"),
    path("beitraege/<int:pk>/rueckmeldung/", views.answer, name="answer"),
    path("verwaltung/rueckmeldungen/", views.unanswered, name="unanswered"),
    path("verwaltung/beteiligung/<int:pk>/beitrag-vor-ort/", views.enter_onsite, name="enter_onsite"),
    # Transitional: dialog/templatetags/contribution_items.py still reverses "dialog:flag". The moderation's
    # URLs come first in the root URLconf, so this path is served by moderation:flag; remove it when that
    # file no longer names "dialog:flag".
    path("melden/<slug:kind>/<int:pk>/", RedirectView.as_view(pattern_name="moderation:flag"), name="flag"),
]
