"""Report, ReportAttachment, ReportComment and ConceptComment move here from the dialog app: the state only,
the tables (dialog_report, ...) stay with their data."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import stadtdialog.reports.models

APP = "reports"
MODELS = ["report", "reportattachment", "reportcomment", "conceptcomment"]


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
        ("contenttypes", "0002_remove_content_type_name"),
        ("dialog", "0002_contribution_contribution_filter_idx"),
        ("processes", "0002_phase_phase_process_dates_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ConceptComment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("hidden_at", models.DateTimeField(blank=True, null=True, verbose_name="hidden")),
                        (
                            "hidden_reason",
                            models.CharField(blank=True, max_length=300, verbose_name="reason for hiding"),
                        ),
                        ("concept_version", models.PositiveIntegerField(verbose_name="on version")),
                        ("text", models.TextField(max_length=3000, verbose_name="comment")),
                        (
                            "status",
                            models.CharField(
                                choices=[("open", "Open"), ("adopted", "Adopted"), ("declined", "Declined")],
                                default="open",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("reason", models.TextField(blank=True, verbose_name="reason")),
                        ("handled_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "adopted_in_version",
                            models.PositiveIntegerField(blank=True, null=True, verbose_name="adopted in version"),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "concept",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="comments",
                                to="processes.concept",
                            ),
                        ),
                        (
                            "handled_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "hidden_by",
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
                        "verbose_name": "comment on the concept",
                        "verbose_name_plural": "comments on the concept",
                        "db_table": "dialog_conceptcomment",
                        "ordering": ["created_at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="Report",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("before", "Preliminary report"),
                                    ("interim", "Interim report"),
                                    ("final", "Final report"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("text", models.TextField(verbose_name="text")),
                        (
                            "comments_until",
                            models.DateField(blank=True, null=True, verbose_name="comments possible until"),
                        ),
                        (
                            "decision_where_when",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="where and when the decision is taken"
                            ),
                        ),
                        ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published")),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "process",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reports",
                                to="processes.process",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "report",
                        "verbose_name_plural": "reports",
                        "db_table": "dialog_report",
                        "ordering": ["-published_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="ReportAttachment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "file",
                            models.FileField(
                                upload_to=stadtdialog.reports.models.report_attachment_path, verbose_name="file"
                            ),
                        ),
                        ("size", models.PositiveIntegerField(verbose_name="size in bytes")),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attachments",
                                to="reports.report",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "attachment",
                        "verbose_name_plural": "attachments",
                        "db_table": "dialog_reportattachment",
                        "ordering": ["created_at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="ReportComment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("hidden_at", models.DateTimeField(blank=True, null=True, verbose_name="hidden")),
                        (
                            "hidden_reason",
                            models.CharField(blank=True, max_length=300, verbose_name="reason for hiding"),
                        ),
                        ("text", models.TextField(max_length=2000, verbose_name="comment")),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "hidden_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="comments",
                                to="reports.report",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "comment on a report",
                        "verbose_name_plural": "comments on reports",
                        "db_table": "dialog_reportcomment",
                        "ordering": ["created_at", "id"],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
