"""The site search's index table; on PostgreSQL its stored weighted vector and the words table
of the typo fallback (`search_searchword`, kept by a trigger).

`stadtdialog_search_norm` and the extensions come from plans/migrations/0006. The index is filled after the
migrations (search/apps.py: post_migrate, when it is empty) and by `manage.py rebuild_search_index`.
"""

from django.db import migrations, models

# The words table of the typo fallback (core/textsearch.py words_table_sql, frozen here).
WORDS_FORWARD = [
    "CREATE TABLE IF NOT EXISTS search_searchword (word text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS search_searchword_trgm ON search_searchword USING gin (word gin_trgm_ops)",
    "CREATE OR REPLACE FUNCTION search_searchword_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT "
    "INTO search_searchword (word) SELECT DISTINCT w FROM (SELECT "
    "regexp_split_to_table(stadtdialog_search_norm(COALESCE(NEW.title, '')), '[^[:alnum:]]+') UNION SELECT "
    "regexp_split_to_table(stadtdialog_search_norm(COALESCE(NEW.summary, '')), '[^[:alnum:]]+')) AS t(w) WHERE "
    "length(w) >= 3 ON CONFLICT DO NOTHING; RETURN NEW; END $$",
    "CREATE TRIGGER search_searchword_keep AFTER INSERT OR UPDATE ON search_searchentry FOR EACH ROW EXECUTE "
    "FUNCTION search_searchword_keep()",
    "INSERT INTO search_searchword (word) SELECT DISTINCT w FROM (SELECT "
    "regexp_split_to_table(stadtdialog_search_norm(COALESCE(title, '')), '[^[:alnum:]]+') FROM "
    "search_searchentry UNION SELECT regexp_split_to_table(stadtdialog_search_norm(COALESCE(summary, '')), "
    "'[^[:alnum:]]+') FROM search_searchentry) AS t(w) WHERE length(w) >= 3 ON CONFLICT DO NOTHING",
]
WORDS_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchword_keep ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_searchword_keep()",
    "DROP TABLE IF EXISTS search_searchword",
]

FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(title)), 'A') || "
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(summary)), 'B') || "
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(body)), 'C')"
    ") STORED",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
    *WORDS_FORWARD,
]
BACKWARD = [
    *WORDS_BACKWARD,
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
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
    initial = True

    dependencies = [("plans", "0006_plan_weighted_search_vector")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("plan", "Plans"),
                            ("process", "Participation processes"),
                            ("contribution", "Contributions"),
                            ("report", "Reports"),
                            ("event", "Events"),
                            ("page", "Pages"),
                        ],
                        max_length=20,
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=300)),
                ("summary", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=300)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "indexes": [models.Index(fields=["kind", "-published_at", "-id"], name="search_entry_kind_date")],
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique")],
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
