from django.urls import path

from . import views, views_staff
from .urls_advice import urlpatterns as advice_urlpatterns
from .urls_funding import urlpatterns as funding_urlpatterns

app_name = "office"
urlpatterns = [
    path("raeume/", views.catalogue, name="catalogue"),
    path("raeume/anfrage/", views.request_booking, name="request"),
    path("raeume/meine-buchungen/", views.my_bookings, name="my_bookings"),
    path("raeume/meine-buchungen/<int:pk>/", views.my_booking, name="my_booking"),
    path("raeume/meine-buchungen/<int:pk>/stornieren/", views.cancel_my_booking, name="cancel_booking"),
    path("raeume/material/<slug:slug>/", views.equipment_detail, name="equipment"),
    path("raeume/material/<slug:slug>/belegung.ics", views.equipment_ics, name="equipment_ics"),
    path("raeume/<slug:slug>/", views.room_detail, name="room"),
    path("raeume/<slug:slug>/belegung.ics", views.room_ics, name="room_ics"),
    path("sprechstunden/", views.office_hours, name="office_hours"),
    path("sprechstunden/termin/<int:pk>/", views.book_slot, name="book_slot"),
    path("sprechstunden/buchung/<str:token>/", views.slot_booking, name="slot_booking"),
    path("verwaltung/raeume/", views_staff.staff_home, name="staff_home"),
    path("verwaltung/raeume/buchungen/<int:pk>/", views_staff.staff_booking, name="staff_booking"),
    path("verwaltung/raeume/termine/<int:pk>/ausgabe/", views_staff.staff_handover, name="staff_handover"),
    path("verwaltung/raeume/termine/<int:pk>/rueckgabe/", views_staff.staff_return, name="staff_return"),
    path("verwaltung/raeume/kalender/", views_staff.staff_calendar, name="staff_calendar"),
    path("verwaltung/raeume/export.csv", views_staff.staff_export, name="staff_export"),
    path("verwaltung/raeume/auslastung/", views_staff.staff_utilisation, name="staff_utilisation"),
    path("verwaltung/raeume/sperrzeiten/", views_staff.staff_blackouts, name="staff_blackouts"),
    path(
        "verwaltung/raeume/sperrzeiten/<int:pk>/entfernen/",
        views_staff.staff_blackout_delete,
        name="staff_blackout_delete",
    ),
    path("verwaltung/raeume/katalog/", views_staff.staff_catalogue, name="staff_catalogue"),
    path("verwaltung/raeume/katalog/raum/neu/", views_staff.staff_room_create, name="staff_room_create"),
    path("verwaltung/raeume/katalog/raum/<int:pk>/", views_staff.staff_room_edit, name="staff_room_edit"),
    path("verwaltung/raeume/katalog/raum/<int:pk>/fotos/", views_staff.staff_room_photos, name="staff_room_photos"),
    path("verwaltung/raeume/katalog/raum/<int:pk>/entfernen/", views_staff.staff_room_remove, name="staff_room_remove"),
    path("verwaltung/raeume/katalog/material/neu/", views_staff.staff_equipment_create, name="staff_equipment_create"),
    path("verwaltung/raeume/katalog/material/<int:pk>/", views_staff.staff_equipment_edit, name="staff_equipment_edit"),
    path(
        "verwaltung/raeume/katalog/material/<int:pk>/entfernen/",
        views_staff.staff_equipment_remove,
        name="staff_equipment_remove",
    ),
    path("verwaltung/sprechstunden/", views_staff.staff_office_hours, name="staff_office_hours"),
    path("verwaltung/sprechstunden/neu/", views_staff.staff_office_hour_create, name="staff_office_hour_create"),
    path("verwaltung/sprechstunden/<int:pk>/", views_staff.staff_office_hour, name="staff_office_hour"),
    *funding_urlpatterns,
    *advice_urlpatterns,
]
