"""The city on every page: its names and logo for base.html (one cache read per request, see current_city)."""

from .queries import current_city


def city(request):
    info = getattr(request, "_stadtdialog_city", None)
    if info is None:
        info = request._stadtdialog_city = current_city()
    return {"CITY": info, "CITY_NAME": info.name, "SITE_NAME": info.site_name}
