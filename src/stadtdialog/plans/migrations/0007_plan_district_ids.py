"""The plan's district ids in the plan's own row, for the district filter of the plan search (issue 19, item 2).

PostgreSQL only (SQLite keeps the EXISTS over the link table): `plans_plan.district_ids integer[]`, kept by
statement-level triggers on the link table `plans_plan_districts` (bulk inserts and deletes too), with a GIN index.
A search within a district is then the intersection of two indexes (the text's and the districts'), and only the
plans that have both are read: at 100 000 plans "Radweg" in Mitte read the 4 113 plans with "Radweg" and the 7 922
links of Mitte to find 328. Not a model field: plans/queries.py refers to it as a bare column, like search_vector.

The words trigger of migration 0006 now fires only when the title or the summary change: keeping the districts
updates the row, and the words cannot have changed then.
"""

from django.db import migrations

KEEP = """
CREATE OR REPLACE FUNCTION plans_plan_district_ids_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE plans_plan p SET district_ids = COALESCE(
      (SELECT array_agg(d.district_id ORDER BY d.district_id) FROM plans_plan_districts d WHERE d.plan_id = p.id),
      '{}')
    WHERE p.id IN (SELECT plan_id FROM changed UNION SELECT plan_id FROM changed_new);
  ELSE
    UPDATE plans_plan p SET district_ids = COALESCE(
      (SELECT array_agg(d.district_id ORDER BY d.district_id) FROM plans_plan_districts d WHERE d.plan_id = p.id),
      '{}')
    WHERE p.id IN (SELECT plan_id FROM changed);
  END IF;
  RETURN NULL;
END $$
"""

FORWARD = [
    "ALTER TABLE plans_plan ADD COLUMN district_ids integer[] NOT NULL DEFAULT '{}'",
    "UPDATE plans_plan p SET district_ids = d.ids FROM (SELECT plan_id, array_agg(district_id ORDER BY district_id)"
    " AS ids FROM plans_plan_districts GROUP BY plan_id) d WHERE d.plan_id = p.id",
    "CREATE INDEX plans_plan_district_ids ON plans_plan USING gin (district_ids)",
    KEEP,
    "CREATE TRIGGER plans_plan_district_ids_insert AFTER INSERT ON plans_plan_districts REFERENCING NEW TABLE AS "
    "changed FOR EACH STATEMENT EXECUTE FUNCTION plans_plan_district_ids_keep()",
    "CREATE TRIGGER plans_plan_district_ids_delete AFTER DELETE ON plans_plan_districts REFERENCING OLD TABLE AS "
    "changed FOR EACH STATEMENT EXECUTE FUNCTION plans_plan_district_ids_keep()",
    "CREATE TRIGGER plans_plan_district_ids_update AFTER UPDATE ON plans_plan_districts REFERENCING OLD TABLE AS "
    "changed NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION plans_plan_district_ids_keep()",
    "DROP TRIGGER IF EXISTS plans_search_word_keep ON plans_plan",
    "CREATE TRIGGER plans_search_word_keep AFTER INSERT OR UPDATE OF title, summary ON plans_plan FOR EACH ROW "
    "EXECUTE FUNCTION plans_search_word_keep()",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS plans_search_word_keep ON plans_plan",
    "CREATE TRIGGER plans_search_word_keep AFTER INSERT OR UPDATE ON plans_plan FOR EACH ROW EXECUTE FUNCTION "
    "plans_search_word_keep()",
    "DROP TRIGGER IF EXISTS plans_plan_district_ids_insert ON plans_plan_districts",
    "DROP TRIGGER IF EXISTS plans_plan_district_ids_delete ON plans_plan_districts",
    "DROP TRIGGER IF EXISTS plans_plan_district_ids_update ON plans_plan_districts",
    "DROP FUNCTION IF EXISTS plans_plan_district_ids_keep()",
    "DROP INDEX IF EXISTS plans_plan_district_ids",
    "ALTER TABLE plans_plan DROP COLUMN IF EXISTS district_ids",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_plan_weighted_search_vector")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
