"""German full-text index for the public plan list (PostgreSQL only; SQLite searches without an index).

The indexed expression is exactly what plans.queries.search_vector() produces, so that the
planner can use the index: to_tsvector('german', COALESCE(search_text, '')).
"""

from django.db import migrations

INDEX = "plans_plan_search_german"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON plans_plan "
    "USING gin (to_tsvector('german'::regconfig, COALESCE(search_text, '')))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
