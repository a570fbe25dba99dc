"""No two approved dates of one room overlap, guaranteed by PostgreSQL: the btree_gist extension and an exclusion
constraint over the time range [start, end) and the room, for approved occurrences.

Both steps do nothing on other databases (SQLite): there the services' serialised transaction is the guarantee.
The constraint is not in the model's Meta (SQLite cannot build it), so the migration state does not hold it."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "office_room_no_overlap"


def _constraint():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
    from django.db.models import Func, Q

    class TsTzRange(Func):  # [start, end): a date ending at 12:00 and one starting at 12:00 do not overlap
        function = "TSTZRANGE"
        output_field = DateTimeRangeField()

    return ExclusionConstraint(
        name=CONSTRAINT,
        expressions=[(TsTzRange("start", "end"), RangeOperators.OVERLAPS), ("room", RangeOperators.EQUAL)],
        condition=Q(state="approved", room__isnull=False),
    )


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_constraint(apps.get_model("office", "Occurrence"), _constraint())


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_constraint(apps.get_model("office", "Occurrence"), _constraint())


class Migration(migrations.Migration):
    dependencies = [("office", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add, remove),
    ]
