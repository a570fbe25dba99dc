"""Writes of the organisation app."""

from django.db import transaction

from stadtdialog.core.text import german_slug

from . import geo
from .models import District, Quarter


class BoundaryImportError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def import_boundaries(
    collection: dict, level: str, name_property: str = "name", number_property: str | None = None
) -> int:
    """Attach boundaries to districts or quarters. Every feature must match; otherwise nothing is stored."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BoundaryImportError(["Die Datei ist keine GeoJSON-FeatureCollection."])
    model = District if level == "district" else Quarter
    by_slug = {obj.slug: obj for obj in model.objects.all()}
    by_number = {d.number: d for d in by_slug.values()} if level == "district" else {}
    errors, updates = [], []
    for index, feature in enumerate(collection.get("features") or [], start=1):
        properties = feature.get("properties") or {}
        target = None
        if number_property and properties.get(number_property) not in (None, ""):
            try:
                target = by_number.get(int(properties[number_property]))
            except (TypeError, ValueError):
                errors.append(f"Objekt {index}: Nummer „{properties[number_property]}“ ist keine Zahl.")
                continue
        if target is None:
            target = by_slug.get(german_slug(str(properties.get(name_property, ""))))
        if target is None:
            errors.append(f"Objekt {index}: „{properties.get(name_property, '')}“ ist kein bekannter Name.")
            continue
        problem = geo.validate_geometry(feature.get("geometry"))
        if problem:
            errors.append(f"Objekt {index} ({target.name}): {problem}.")
            continue
        target.boundary = feature["geometry"]
        updates.append(target)
    if errors:
        raise BoundaryImportError(errors)
    with transaction.atomic():
        model.objects.bulk_update(updates, ["boundary"])
    return len(updates)
