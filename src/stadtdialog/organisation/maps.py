"""The settings every map of the site starts from (static/js/map-base.js reads them from a json_script)."""

from decimal import Decimal

from django.conf import settings

from .queries import city_for, current_city


def map_config(point: tuple[Decimal, Decimal] | None = None, title: str = "", request=None, **extra: object) -> dict:
    """Tile server, its credit and the city's bounds (the City row; read once per request when `request` is
    given, see queries.city_for); a marked point with its title; further keys."""
    city = city_for(request) if request is not None else current_city()
    config: dict = {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "bounds": list(city.bounds),
    }
    if point is not None:
        config.update(point=[float(point[0]), float(point[1])], title=title)
    config.update(extra)
    return config
