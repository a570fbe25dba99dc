"""Map points of plans, contributions and events: both coordinates or neither, and inside the city."""

from django.conf import settings
from django.utils.translation import gettext as _


def in_city(lat, lon) -> bool:
    """Whether the point lies inside the city's bounding box (settings.CITY_BOUNDS)."""
    south, west, north, east = settings.CITY_BOUNDS
    return south <= float(lat) <= north and west <= float(lon) <= east


def point_error(lat, lon) -> str | None:
    """The German message for the latitude field, or None when the point is fine or not given."""
    if (lat is None) != (lon is None):
        return _("Please enter both latitude and longitude, or neither.")
    if lat is not None and not in_city(lat, lon):
        return _("The point lies outside the city. Please check latitude and longitude.")
    return None
