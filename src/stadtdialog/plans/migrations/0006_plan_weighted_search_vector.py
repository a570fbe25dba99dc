"""Search that forgives and whose cost does not grow with the matches (issues 16 item 6, 19 item 2).

PostgreSQL only (on SQLite the extensions and the SQL are skipped; core registers a Python function of the same
name on every SQLite connection):

- the extensions `unaccent` and `pg_trgm`;
- `stadtdialog_search_norm(text)`: the spelling shared by the index and the query (core/textsearch.py, whose
  Python `normalise` gives the same): no accents, lower case, ue/oe/ae as u/o/a, ß as ss;
- the stored search vector of a plan, now weighted (title A, summary B, the whole search text C) and of the
  normalised text, with its GIN index;
- the words table `plans_search_word` (the normalised words of titles and summaries, a trigram index, kept by a
  trigger) for the typo fallback: a word that finds nothing may also be one of its most similar words.
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

# The words table of the typo fallback (core/textsearch.py words_table_sql, frozen here): the normalised words of
# the titles and summaries, kept by a trigger (bulk inserts too).
WORDS_FORWARD = [
    "CREATE TABLE IF NOT EXISTS plans_search_word (word text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS plans_search_word_trgm ON plans_search_word USING gin (word gin_trgm_ops)",
    "CREATE OR REPLACE FUNCTION plans_search_word_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT "
    "INTO plans_search_word (word) SELECT DISTINCT w FROM (SELECT "
    "regexp_split_to_table(stadtdialog_search_norm(COALESCE(NEW.title, '')), '[^[:alnum:]]+') UNION SELECT "
    "regexp_split_to_table(stadtdialog_search_norm(COALESCE(NEW.summary, '')), '[^[:alnum:]]+')) AS t(w) WHERE "
    "length(w) >= 3 ON CONFLICT DO NOTHING; RETURN NEW; END $$",
    "CREATE TRIGGER plans_search_word_keep AFTER INSERT OR UPDATE ON plans_plan FOR EACH ROW EXECUTE FUNCTION "
    "plans_search_word_keep()",
    "INSERT INTO plans_search_word (word) SELECT DISTINCT w FROM (SELECT "
    "regexp_split_to_table(stadtdialog_search_norm(COALESCE(title, '')), '[^[:alnum:]]+') FROM plans_plan "
    "UNION SELECT regexp_split_to_table(stadtdialog_search_norm(COALESCE(summary, '')), '[^[:alnum:]]+') FROM "
    "plans_plan) AS t(w) WHERE length(w) >= 3 ON CONFLICT DO NOTHING",
]
WORDS_BACKWARD = [
    "DROP TRIGGER IF EXISTS plans_search_word_keep ON plans_plan",
    "DROP FUNCTION IF EXISTS plans_search_word_keep()",
    "DROP TABLE IF EXISTS plans_search_word",
]

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
    *WORDS_FORWARD,
]
BACKWARD = [
    *WORDS_BACKWARD,
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
