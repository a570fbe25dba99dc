"""Report, ReportAttachment, ReportComment, ConceptComment (to reports) and Flag (to moderation) leave the
dialog app's state; their tables stay (the new apps' first migrations take them over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("reports", "0001_initial"),
        ("dialog", "0002_contribution_contribution_filter_idx"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="flag",
                    name="content_type",
                ),
                migrations.RemoveField(
                    model_name="flag",
                    name="decided_by",
                ),
                migrations.RemoveField(
                    model_name="flag",
                    name="reporter",
                ),
                migrations.RemoveField(
                    model_name="report",
                    name="author",
                ),
                migrations.RemoveField(
                    model_name="report",
                    name="process",
                ),
                migrations.RemoveField(
                    model_name="reportcomment",
                    name="report",
                ),
                migrations.RemoveField(
                    model_name="reportattachment",
                    name="report",
                ),
                migrations.RemoveField(
                    model_name="reportcomment",
                    name="author",
                ),
                migrations.RemoveField(
                    model_name="reportcomment",
                    name="hidden_by",
                ),
                migrations.DeleteModel(
                    name="ConceptComment",
                ),
                migrations.DeleteModel(
                    name="Flag",
                ),
                migrations.DeleteModel(
                    name="Report",
                ),
                migrations.DeleteModel(
                    name="ReportAttachment",
                ),
                migrations.DeleteModel(
                    name="ReportComment",
                ),
            ],
        ),
    ]
