"""Routes of the moderation: the public report form and the moderators' pages.

A moderation case names its content in the query string (``?inhalt=comment-12``); its forms post
back to the same address with the step to take (hide, keep, unhide, block).
"""

from django.urls import path

from . import views, views_staff

app_name = "moderation"
urlpatterns = [
    path("melden/<slug:kind>/<int:pk>/", views.flag, name="flag"),
    path("verwaltung/moderation/", views_staff.queue, name="queue"),
    path("verwaltung/moderation/fall/", views_staff.case, name="case"),
    path("verwaltung/moderation/gesperrte-konten/", views_staff.blocked_accounts, name="accounts"),
]
