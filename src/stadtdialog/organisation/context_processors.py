"""The city on every page: its names and logo for base.html (one cache read per request, see city_for)."""

from .queries import city_for


def city(request):
    info = city_for(request)
    return {"CITY": info, "CITY_NAME": info.name, "SITE_NAME": info.site_name}
