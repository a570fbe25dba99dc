"""Django admin: the default department that takes a district's initiatives (set up once by an administrator)."""

from django.contrib import admin

from .models import IntakeDefault


@admin.register(IntakeDefault)
class IntakeDefaultAdmin(admin.ModelAdmin):
    list_display = ["district", "department"]
    list_select_related = ["district", "department"]
    ordering = ["district__number"]
