"""Map points of plans, contributions and events: both coordinates or neither, and inside the city."""

from django.utils.translation import gettext as _

from .queries import current_city


def in_city(lat, lon) -> bool:
    """Whether the point lies inside the city's bounding box (the City row's bounds)."""
    south, west, north, east = current_city().bounds
    return south <= float(lat) <= north and west <= float(lon) <= east


def point_error(lat, lon) -> str | None:
    """The German message for the latitude field, or None when the point is fine or not given."""
    if (lat is None) != (lon is None):
        return _("Please enter both latitude and longitude, or neither.")
    if lat is not None and not in_city(lat, lon):
        return _("The point lies outside the city. Please check latitude and longitude.")
    return None
