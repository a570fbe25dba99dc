"""Routes of the moderation (included by dialog/urls.py).

A moderation case names its content in the query string (``?inhalt=comment-12``); its forms post
back to the same address with the step to take (hide, keep, unhide, block).
"""

from django.urls import path

from . import views_moderation as views

urlpatterns = [
    path("melden/<slug:kind>/<int:pk>/", views.flag, name="flag"),
    path("verwaltung/moderation/", views.queue, name="moderation_queue"),
    path("verwaltung/moderation/fall/", views.case, name="moderation_case"),
    path("verwaltung/moderation/gesperrte-konten/", views.blocked_accounts, name="moderation_accounts"),
]
