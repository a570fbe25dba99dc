"""The demo's pages: Hannover's accessibility statement with known barriers, the sign-language page with its
transcript, an extra page on the participation guidelines, and two barrier reports (one open, one answered).
Everything goes through core's services, as staff would do it."""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import User
from stadtdialog.core import services
from stadtdialog.core.models import BarrierReport, Page

from .logins import demo_login

STATEMENT_BODY = (
    "<p>Die Landeshauptstadt Hannover ist bemüht, ihr Beteiligungsportal Stadtdialog Hannover im Einklang mit "
    "dem Niedersächsischen Behindertengleichstellungsgesetz (NBGG) und der Barrierefreie-Informationstechnik-"
    "Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt für alle Seiten unter "
    "/vorhaben/, /beteiligung/ und /seite/.</p>"
    "<p>Die Erklärung beruht auf einer Selbstbewertung mit automatischen Prüfungen (axe-core) und Prüfungen mit "
    "Tastatur und Bildschirmleser.</p>"
)
KNOWN_BARRIERS = (
    "<ul>"
    "<li><strong>Karte der Vorhaben:</strong> Die Kartenansicht lässt sich mit der Tastatur nur eingeschränkt "
    "bedienen, und die Lage der Vorhaben ist für Bildschirmleser nicht vollständig beschrieben. Alle Vorhaben der "
    "Karte finden Sie auch in der Liste der Vorhaben mit Stadtteil und Adresse.</li>"
    "<li><strong>Ältere PDF-Anhänge:</strong> Einige Anhänge aus der Zeit vor 2024 (Lagepläne, Protokolle) sind "
    "nicht barrierefrei. Auf Wunsch senden wir Ihnen den Inhalt in einer zugänglichen Form.</li>"
    "<li><strong>Videos:</strong> Aufzeichnungen von Veranstaltungen haben noch keine Untertitel.</li>"
    "</ul>"
)
ARBITRATION_BODY = (
    "<p>Schlichtungsstelle beim Landesbeauftragten für Menschen mit Behinderungen Niedersachsen<br>"
    "Hannah-Arendt-Platz 2<br>30159 Hannover</p>"
    "<p>(Demo-Daten: Bitte prüfen Sie Anschrift, Telefon und E-Mail der Schlichtungsstelle vor dem Betrieb.)</p>"
)
SIGN_LANGUAGE_BODY = (
    "<p>Auf dieser Seite erklären wir in Deutscher Gebärdensprache, was der Stadtdialog Hannover ist und wie Sie "
    "mitmachen können.</p>"
    "<p>(Demo: Das Video ist ein Platzhalter. Die Stadt stellt es von ihrem eigenen Medienserver bereit, zum "
    "Beispiel unter https://medien.hannover-stadt.example/dgs/stadtdialog.mp4.)</p>"
)
SIGN_LANGUAGE_TRANSCRIPT = (
    "<p>Herzlich willkommen beim Stadtdialog Hannover.</p>"
    "<p>Die Stadt plant viele Dinge: neue Radwege, Spielplätze, Schulen, Grünflächen. Diese Pläne heißen "
    "Vorhaben. Auf diesem Portal finden Sie alle Vorhaben der Stadtverwaltung, schon früh, bevor entschieden "
    "wird.</p>"
    "<p>Bei vielen Vorhaben können Sie mitreden. Sie können Ideen und Hinweise schreiben, die Beiträge anderer "
    "unterstützen und zu Veranstaltungen in Ihrem Stadtbezirk kommen. Die Verwaltung antwortet auf Ihre Beiträge "
    "und sagt, was aus ihnen geworden ist.</p>"
    "<p>Brauchen Sie bei einer Veranstaltung eine Gebärdensprachdolmetschung? Schreiben Sie das bei der Anmeldung "
    "dazu. Fragen beantwortet die Koordinierungsstelle für Beteiligung.</p>"
)
GUIDELINES = (
    "leitlinien-beteiligung",
    "Leitlinien für Bürgerbeteiligung",
    "<p>Hannover hat sich Leitlinien für die Beteiligung der Einwohner*innen gegeben. Sie beschreiben, wie "
    "Verwaltung und Politik mit den Menschen der Stadt planen wollen. Die wichtigsten Punkte in Kürze:</p>"
    "<h2>Früh informieren</h2>"
    "<p>Vorhaben der Verwaltung werden veröffentlicht, solange es noch etwas zu gestalten gibt, und über den "
    "ganzen Verlauf fortlaufend erklärt: mit Vorbericht, Zwischenständen und Nachbericht.</p>"
    "<h2>Ein Konzept für jedes Verfahren</h2>"
    "<p>Jedes Beteiligungsverfahren hat ein veröffentlichtes Beteiligungskonzept: Worum geht es, was kann noch "
    "entschieden werden und was nicht, wer entscheidet, welche Ziele gelten, wie die Ergebnisse verwendet werden "
    "und wer Ansprechperson ist. Zum Konzept selbst kann man Stellung nehmen.</p>"
    "<h2>Online und vor Ort</h2>"
    "<p>Beteiligung findet im Internet und in den Stadtbezirken statt, in Leichter Sprache und barrierefrei. "
    "Aushänge vor Ort erreichen auch Menschen, die nicht online sind. Für manche Fragen werden Teilnehmende "
    "per Los ausgewählt, damit viele Sichtweisen vertreten sind.</p>"
    "<h2>Nachvollziehbar entscheiden</h2>"
    "<p>Die Verwaltung antwortet auf Beiträge und begründet, wenn eine Entscheidung von den Ergebnissen "
    "abweicht. Nach dem Verfahren wird gemeinsam ausgewertet, ob die Ziele erreicht wurden; ein öffentlicher "
    "Bericht zeigt die Beteiligung der ganzen Stadt.</p>"
    "<h2>Selbst anstoßen</h2>"
    "<p>Einwohner*innen und Stadtbezirksräte können ein Beteiligungsverfahren anregen. Die Koordinierungsstelle "
    "für Beteiligung berät, verleiht Räume und Material und bündelt Förderanträge.</p>",
)


def seed_pages() -> dict:
    """Fill the demo's pages and barrier reports; returns counts."""
    office = User.objects.get(email=demo_login("coordination")["email"])
    today = timezone.localdate()
    statement = Page.objects.get(slug=Page.Slug.ACCESSIBILITY)
    services.update_page(
        office,
        statement,
        body=STATEMENT_BODY,
        compliance=Page.Compliance.PARTIAL,
        known_barriers=KNOWN_BARRIERS,
        statement_date=today - datetime.timedelta(days=45),
        arbitration_body=ARBITRATION_BODY,
    )
    services.update_page(
        office,
        Page.objects.get(slug=Page.Slug.SIGN_LANGUAGE),
        body=SIGN_LANGUAGE_BODY,
        transcript=SIGN_LANGUAGE_TRANSCRIPT,
    )
    slug, title, body = GUIDELINES
    if not Page.objects.filter(slug=slug).exists():
        services.create_page(office, slug=slug, title=title, body=body, in_footer=True)

    answered = services.submit_barrier_report(
        text="Im Formular für Beiträge wird die Fehlermeldung vom Bildschirmleser nicht vorgelesen.",
        page_url="/beteiligung/",
        name="Jonas Petersen",
        email="jonas.petersen@demo.stadtdialog.example",
    )
    BarrierReport.objects.filter(pk=answered.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=20), due_at=today + datetime.timedelta(days=10)
    )
    services.answer_barrier_report(
        office,
        answered,
        answer=(
            "Vielen Dank für Ihren Hinweis. Die Fehlermeldungen stehen jetzt in einem Bereich, den "
            "Bildschirmleser sofort vorlesen, und sind mit dem jeweiligen Feld verknüpft."
        ),
    )
    services.submit_barrier_report(
        text="Auf der Karte der Vorhaben kann ich die Punkte mit der Tastatur nicht auswählen.",
        page_url="/vorhaben/karte/",
        name="",
        email="leser.in@demo.stadtdialog.example",
    )
    return {"pages": Page.objects.count(), "barrier_reports": BarrierReport.objects.count()}
