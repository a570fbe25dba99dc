"""Hannover's 13 districts, 51 quarters and the fields of action ship with the project."""

import json
from pathlib import Path

from django.db import migrations

from stadtdialog.core.text import german_slug

DATA = Path(__file__).resolve().parent.parent / "data" / "hannover.json"


def load(apps, schema_editor):
    District = apps.get_model("organisation", "District")
    Quarter = apps.get_model("organisation", "Quarter")
    FieldOfAction = apps.get_model("organisation", "FieldOfAction")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for entry in data["districts"]:
        district, _ = District.objects.get_or_create(
            number=entry["number"], defaults={"name": entry["name"], "slug": german_slug(entry["name"])}
        )
        for name in entry["quarters"]:
            Quarter.objects.get_or_create(name=name, defaults={"district": district, "slug": german_slug(name)})
    for position, name in enumerate(data["fields_of_action"], start=1):
        FieldOfAction.objects.get_or_create(name=name, defaults={"slug": german_slug(name), "position": position})


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
