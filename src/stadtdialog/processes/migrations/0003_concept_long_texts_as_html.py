"""The concept's long texts become rich text (issue 16): the plain text stored so far becomes sanitised HTML with its
paragraphs and line breaks (core.sanitize.rich_text_html), so that the public page, which now shows the HTML, keeps
them. Text that already holds HTML is only sanitised. The versions' snapshots stay as they are: the history compares
the texts' words (processes.versioning.rich_text_lines), and plain text and its HTML give the same words."""

from django.db import migrations

from stadtdialog.core.sanitize import rich_text_html

# Concept.RICH_TEXT_FIELDS when this migration was written (a migration must not follow later changes of the model).
RICH_TEXT_FIELDS = (
    "subject",
    "scope_open",
    "scope_fixed",
    "results_handling",
    "implementation",
    "project_group",
    "advisory_group",
)


def to_html(apps, schema_editor):
    Concept = apps.get_model("processes", "Concept")
    changed = []
    for concept in Concept.objects.only("id", *RICH_TEXT_FIELDS).iterator(chunk_size=500):
        before = [getattr(concept, name) for name in RICH_TEXT_FIELDS]
        for name in RICH_TEXT_FIELDS:
            setattr(concept, name, rich_text_html(getattr(concept, name)))
        if [getattr(concept, name) for name in RICH_TEXT_FIELDS] != before:
            changed.append(concept)
        if len(changed) >= 500:
            Concept.objects.bulk_update(changed, RICH_TEXT_FIELDS)
            changed = []
    if changed:
        Concept.objects.bulk_update(changed, RICH_TEXT_FIELDS)


class Migration(migrations.Migration):
    dependencies = [("processes", "0002_phase_phase_process_dates_idx")]

    operations = [migrations.RunPython(to_html, migrations.RunPython.noop, elidable=True)]
