"""The legal and help pages exist from the start; staff replace the text with their own."""

from django.db import migrations

PAGES = [
    (
        "impressum",
        "Impressum",
        "<p>Herausgeberin dieses Portals ist die Stadtverwaltung. Bitte ergänzen Sie hier Anschrift, "
        "Vertretungsberechtigte und Kontakt.</p>",
    ),
    (
        "datenschutz",
        "Datenschutz",
        "<p>Dieses Portal speichert keine IP-Adressen. Personenbezogene Daten sehen nur die "
        "Mitarbeiter*innen, die Ihr Anliegen bearbeiten. Öffentliche Beiträge erscheinen unter Ihrem selbst gewählten "
        "Anzeigenamen. Bitte ergänzen Sie hier die vollständige Datenschutzerklärung.</p>",
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "<p>Dieses Portal soll die Anforderungen der BITV 2.0 und der "
        "WCAG 2.1 auf Stufe AA erfüllen. Wenn Sie auf eine Barriere stoßen, schreiben Sie uns bitte.</p>",
    ),
    (
        "leichte-sprache",
        "Leichte Sprache",
        "<p>Die Stadt plant viele Dinge. Zum Beispiel neue Wege oder Spiel-Plätze.</p>"
        "<p>Auf dieser Internet-Seite stehen diese Pläne. Sie können mit-reden. Ihre Meinung ist wichtig.</p>",
    ),
    (
        "netiquette",
        "Netiquette",
        "<p>Bitte schreiben Sie sachlich und respektvoll. Beiträge mit Beleidigungen, "
        "Werbung oder persönlichen Daten Dritter werden ausgeblendet.</p>",
    ),
]


def create(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for slug, title, body in PAGES:
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
