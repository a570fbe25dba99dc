"""Selection runs and invitation letters leave the request: a status with times, made by tasks."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F

STATUS = [("queued", "Queued"), ("running", "Running"), ("done", "Finished"), ("failed", "Failed")]


def runs_so_far_are_done(apps, schema_editor):
    """Every run stored before this migration was computed in its request: done when requested."""
    SelectionRun = apps.get_model("sortition", "SelectionRun")
    SelectionRun.objects.update(status="done", started_at=F("requested_at"), finished_at=F("requested_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("sortition", "0002_run_seed_and_draws"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="selectionrun", old_name="created_at", new_name="requested_at"),
        migrations.AlterField(
            model_name="selectionrun",
            name="requested_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="requested"),
        ),
        migrations.AlterModelOptions(
            name="selectionrun",
            options={
                "ordering": ["-requested_at", "-id"],
                "verbose_name": "selection run",
                "verbose_name_plural": "selection runs",
            },
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="status",
            field=models.CharField(choices=STATUS, default="queued", max_length=10, verbose_name="status"),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="message",
            field=models.TextField(blank=True, verbose_name="reason of the failure"),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started"),
        ),
        migrations.AddField(
            model_name="selectionrun",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished"),
        ),
        migrations.RunPython(runs_so_far_are_done, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="selectionrun",
            name="minimum",
            field=models.FloatField(blank=True, null=True, verbose_name="minimum"),
        ),
        migrations.AlterField(
            model_name="selectionrun",
            name="maximum",
            field=models.FloatField(blank=True, null=True, verbose_name="maximum"),
        ),
        migrations.AlterField(
            model_name="selectionrun",
            name="gini",
            field=models.FloatField(blank=True, null=True, verbose_name="Gini coefficient"),
        ),
        migrations.AlterField(
            model_name="selectionrun",
            name="seconds",
            field=models.FloatField(blank=True, null=True, verbose_name="runtime (seconds)"),
        ),
        migrations.CreateModel(
            name="InvitationLetters",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=STATUS, default="queued", max_length=10, verbose_name="status")),
                ("message", models.TextField(blank=True, verbose_name="reason of the failure")),
                ("requested_at", models.DateTimeField(blank=True, null=True, verbose_name="requested")),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                ("file_name", models.CharField(blank=True, max_length=255, verbose_name="file in the private storage")),
                ("made_at", models.DateTimeField(blank=True, null=True, verbose_name="made")),
                ("letter_count", models.PositiveIntegerField(blank=True, null=True, verbose_name="number of letters")),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "sortition",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitation_letters",
                        to="sortition.sortition",
                    ),
                ),
            ],
            options={"verbose_name": "invitation letters", "verbose_name_plural": "invitation letters"},
        ),
    ]
