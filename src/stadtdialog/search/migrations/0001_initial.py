"""The site search's index table; on PostgreSQL its stored weighted vector and the trigram index of its titles.

`stadtdialog_search_norm` and the extensions come from plans/migrations/0006. The index is filled after the
migrations (search/apps.py: post_migrate, when it is empty) and by `manage.py rebuild_search_index`.
"""

from django.db import migrations, models

FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(title)), 'A') || "
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(summary)), 'B') || "
    "setweight(to_tsvector('german'::regconfig, stadtdialog_search_norm(body)), 'C')"
    ") STORED",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
    "CREATE INDEX search_entry_title_trgm ON search_searchentry USING gin (stadtdialog_search_norm(title) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_trgm",
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
