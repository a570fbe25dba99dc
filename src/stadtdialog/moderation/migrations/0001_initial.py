"""Flag moves here from the dialog app: the state only, the table dialog_flag stays with its data."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

APP = "moderation"
MODELS = ["flag"]


def _move_content_types(apps, schema_editor, source, target):
    """Give the moved models' content types (and so their permissions, audit entries and flags) the new app label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        # Nothing to move on a new database; and never delete a content type (rows point to it).
        if old is None or ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        old.app_label = target
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "dialog", APP)


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, APP, "dialog")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("dialog", "0002_contribution_contribution_filter_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Flag",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("reason", models.TextField(max_length=1000, verbose_name="reason")),
                        (
                            "decision",
                            models.CharField(
                                choices=[("open", "Open"), ("hidden", "Hidden"), ("kept", "Kept")],
                                db_index=True,
                                default="open",
                                max_length=20,
                                verbose_name="decision",
                            ),
                        ),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "reporter",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "report to the moderators",
                        "verbose_name_plural": "reports to the moderators",
                        "db_table": "dialog_flag",
                        "ordering": ["created_at", "id"],
                        "indexes": [
                            models.Index(fields=["content_type", "object_id"], name="dialog_flag_content_aef2da_idx")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
