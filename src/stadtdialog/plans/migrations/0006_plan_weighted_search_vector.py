"""Search that forgives and whose cost does not grow with the matches (issues 16 item 6, 19 item 2).

PostgreSQL only (on SQLite the extensions and the SQL are skipped; core registers a Python function of the same
name on every SQLite connection):

- the extensions `unaccent` and `pg_trgm`;
- `stadtdialog_search_norm(text)`: the spelling shared by the index and the query (core/textsearch.py, whose
  Python `normalise` gives the same): no accents, lower case, ue/oe/ae as u/o/a, ß as ss;
- the stored search vector of a plan, now weighted (title A, summary B, the whole search text C) and of the
  normalised text, with its GIN index;
- a trigram index on the normalised title for the typo fallback (`%>` word similarity).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION stadtdialog_search_norm(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(replace(replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)),
    'ae', 'a'), 'oe', 'o'), 'ue', 'u')
$$
"""

FORWARD = [
    FUNCTION,
    "DROP INDEX IF EXISTS plans_plan_search_vector",
    "ALTER TABLE plans_plan DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE plans_plan ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(COALESCE(title, ''))), 'A') || "
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(COALESCE(summary, ''))), 'B') || "
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(COALESCE(search_text, ''))), 'C')"
    ") STORED",
    "CREATE INDEX plans_plan_search_vector ON plans_plan USING gin (search_vector)",
    "CREATE INDEX plans_plan_title_trgm ON plans_plan USING gin (stadtdialog_search_norm(title) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS plans_plan_title_trgm",
    "DROP INDEX IF EXISTS plans_plan_search_vector",
    "ALTER TABLE plans_plan DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE plans_plan ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('german'::regconfig, COALESCE(search_text, ''))) STORED",
    "CREATE INDEX plans_plan_search_vector ON plans_plan USING gin (search_vector)",
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
    dependencies = [("plans", "0005_plan_plan_public_schedule_idx")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forward, backward, elidable=False),
    ]
