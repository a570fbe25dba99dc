import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stadtdialog.organisation.models import District, FieldOfAction, Quarter
from stadtdialog.organisation.queries import locate

pytestmark = pytest.mark.django_db


def test_hannover_ships_13_districts_and_51_quarters():
    assert District.objects.count() == 13
    assert Quarter.objects.count() == 51
    assert District.objects.get(number=10).name == "Linden-Limmer"
    assert set(Quarter.objects.filter(district__number=10).values_list("name", flat=True)) == {
        "Linden-Nord",
        "Linden-Mitte",
        "Linden-Süd",
        "Limmer",
    }
    assert Quarter.objects.get(name="Döhren").slug == "doehren"
    assert FieldOfAction.objects.count() == 9


def square(lon, lat, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
    }


def test_import_boundaries_and_locate_a_point(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"STADTBEZIRK": "Linden-Limmer", "NR": "10"},
                "geometry": square(9.70, 52.36),
            },
            {"type": "Feature", "properties": {"STADTBEZIRK": "Mitte", "NR": "1"}, "geometry": square(9.73, 52.37)},
        ],
    }
    path = tmp_path / "bezirke.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    call_command(
        "import_boundaries",
        str(path),
        "--level",
        "district",
        "--name-property",
        "STADTBEZIRK",
        "--number-property",
        "NR",
    )

    district, _ = locate(52.365, 9.705)
    assert district.number == 10
    assert locate(52.375, 9.735)[0].name == "Mitte"
    assert locate(52.0, 9.0) == (None, None)


def test_import_with_an_unknown_name_imports_nothing(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "Mitte"}, "geometry": square(9.73, 52.37)},
            {"type": "Feature", "properties": {"name": "Atlantis"}, "geometry": square(9.70, 52.36)},
            {
                "type": "Feature",
                "properties": {"name": "List"},
                "geometry": {"type": "Point", "coordinates": [9.7, 52.3]},
            },
        ],
    }
    path = tmp_path / "stadtteile.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_boundaries", str(path), "--level", "quarter")
    message = str(error.value)
    assert "Objekt 2" in message
    assert "Atlantis" in message
    assert "Objekt 3" in message
    assert "Polygon" in message
    assert not Quarter.objects.exclude(boundary=None).exists()
