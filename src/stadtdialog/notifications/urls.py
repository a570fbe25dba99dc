from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("konto/benachrichtigungen/", views.settings_page, name="settings"),
    path("benachrichtigungen/folgen/", views.follow, name="follow"),
    path("benachrichtigungen/abbestellen/<str:code>/", views.unsubscribe, name="unsubscribe"),
]
