"""Point-in-polygon for GeoJSON geometries (lon/lat order, as GeoJSON has it). Pure Python, no GDAL."""


def _ring_contains(ring, x: float, y: float) -> bool:
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


def _polygon_contains(rings, x: float, y: float) -> bool:
    if not rings or not _ring_contains(rings[0], x, y):
        return False
    return not any(_ring_contains(hole, x, y) for hole in rings[1:])


def geometry_contains(geometry: dict, lon: float, lat: float) -> bool:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return _polygon_contains(coords, lon, lat)
    if kind == "MultiPolygon":
        return any(_polygon_contains(polygon, lon, lat) for polygon in coords)
    return False


def validate_geometry(geometry) -> str | None:
    """An error message for a geometry we cannot use, or None."""
    if not isinstance(geometry, dict) or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        return "Geometrie ist kein Polygon oder MultiPolygon"
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry.get("coordinates")
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4 or any(len(point) < 2 for point in ring):
                    return "Ring mit weniger als vier Punkten"
                for point in ring:
                    float(point[0]), float(point[1])
    except (TypeError, ValueError, IndexError):
        return "Koordinaten sind keine Zahlen"
    return None
