"""The download of everything public: one ZIP with a CSV per kind of data (UTF-8 with BOM, `;`, German headers,
formula cells neutralised by core.csv.safe_writer) and manifest.json (what each file holds, its rows, the licence).

Built by `manage.py build_open_data` (on demand; with --enqueue as the task tasks.build_open_data for the worker,
nightly from cron like the other daily commands) and kept in the default storage under FILE_NAME, so every app server
serves the same file. The rows are the API's (queries.py): the same public rules, no personal data. Each table is
read in chunks by id, so memory stays flat at any size.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from stadtdialog.core.csv import safe_writer
from stadtdialog.core.sanitize import html_to_text
from stadtdialog.organisation.queries import current_city

from . import queries, queries_city

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from django.db.models import QuerySet

FILE_NAME = "opendata/stadtdialog-opendaten.zip"
CHUNK = 2000


def _join(values) -> str:
    return ", ".join(str(value) for value in values)


# (file, description, rows, completion, [(German header, key or function of the row)])
TABLES: list[tuple[str, str, Callable[[], QuerySet], Callable | None, list[tuple[str, object]]]] = [
    (
        "vorhaben.csv",
        "Vorhaben",
        lambda: queries.plan_rows({}),
        queries.complete_plans,
        [
            ("ID", "id"),
            ("Titel", "title"),
            ("Kurzbeschreibung", "summary"),
            ("Status", "status_label"),
            ("Gesamtstädtisch", "is_citywide"),
            ("Beteiligung geplant", "participation_planned"),
            ("Beteiligung läuft", "participation_running"),
            ("Beginn (erwartet)", "schedule_start"),
            ("Ende (erwartet)", "schedule_end"),
            ("Kosten (geschätzt, Euro)", "cost_estimate"),
            ("Breitengrad", "latitude"),
            ("Längengrad", "longitude"),
            ("Federführende Einheit (ID)", "lead_unit_id"),
            ("Stadtbezirke (IDs)", lambda row: _join(row["district_ids"])),
            ("Stadtteile (IDs)", lambda row: _join(row["quarter_ids"])),
            ("Handlungsfelder (IDs)", lambda row: _join(row["field_of_action_ids"])),
            ("Drucksachen", lambda row: _join(row["council_papers"])),
            ("Veröffentlicht", "published_at"),
            ("Adresse", "url"),
        ],
    ),
    (
        "beteiligungsverfahren.csv",
        "Beteiligungsverfahren",
        lambda: queries.process_rows(),
        queries.complete_processes,
        [
            ("ID", "id"),
            ("Vorhaben (ID)", "plan_id"),
            ("Titel", "title"),
            # the subject is HTML in the API (a rich text); a table cell gets its text
            ("Gegenstand", lambda row: html_to_text((row["concept"] or {}).get("subject", ""))),
            ("Wer entscheidet", lambda row: (row["concept"] or {}).get("decision_maker", "")),
            ("Konzept-Version", lambda row: (row["concept"] or {}).get("current_version", "")),
            ("Phasen", lambda row: _join(f"{p['title']} ({p['start']} bis {p['end']})" for p in row["phases"])),
            ("Veröffentlicht", "published_at"),
            ("Adresse", "url"),
        ],
    ),
    (
        "beitraege.csv",
        "Beiträge",
        lambda: queries.contribution_rows({}),
        queries.complete_contributions,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Art", "kind_label"),
            ("Titel", "title"),
            ("Text", "text"),
            ("Anzeigename", "author_name"),
            ("Herkunft", "source_label"),
            ("Stadtteil (ID)", "quarter_id"),
            ("Breitengrad", "latitude"),
            ("Längengrad", "longitude"),
            ("Unterstützungen", "support_count"),
            ("Kommentare", "comment_count"),
            ("Rückmeldung", lambda row: (row["answer"] or {}).get("status_label", "")),
            ("Erstellt", "created_at"),
            ("Adresse", "url"),
        ],
    ),
    (
        "kommentare.csv",
        "Kommentare",
        lambda: queries.comment_rows({}),
        None,
        [
            ("ID", "id"),
            ("Beitrag (ID)", "contribution_id"),
            ("Antwort auf (ID)", "parent_id"),
            ("Text", "text"),
            ("Anzeigename", "author_name"),
            ("Erstellt", "created_at"),
        ],
    ),
    (
        "rueckmeldungen.csv",
        "Rückmeldungen der Stadt",
        lambda: queries.response_rows({}),
        queries.complete_responses,
        [
            ("ID", "id"),
            ("Beitrag (ID)", "contribution_id"),
            ("Status", "status_label"),
            ("Text", "text"),
            ("Einheit", "unit"),
            ("Erstellt", "created_at"),
        ],
    ),
    (
        "berichte.csv",
        "Berichte",
        lambda: queries.report_rows({}),
        queries.complete_reports,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Art", "kind_label"),
            ("Titel", "title"),
            ("Text", "text"),
            ("Veröffentlicht", "published_at"),
            ("Adresse", "url"),
        ],
    ),
    (
        "veranstaltungen.csv",
        "Veranstaltungen",
        lambda: queries.event_rows({}),
        queries.complete_events,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Stadtbezirk (ID)", "district_id"),
            ("Titel", "title"),
            ("Format", "format_label"),
            ("Beginn", "start"),
            ("Ende", "end"),
            ("Ort", "place_name"),
            ("Adresse des Orts", "address"),
            ("Stufenlos erreichbar", "step_free"),
            ("Abgesagt", "cancelled"),
            ("Adresse", "url"),
        ],
    ),
    (
        "ergebnisse.csv",
        "Ergebnisse",
        lambda: queries.result_rows({}),
        queries.complete_results,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Zusammenfassung", "summary"),
            ("Empfehlungen", lambda row: " | ".join(r["text"] for r in row["recommendations"])),
            ("Veröffentlicht", "published_at"),
        ],
    ),
    (
        "entscheidungen.csv",
        "Entscheidungen",
        lambda: queries.decision_rows({}),
        queries.complete_decisions,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Entscheidungsgremium", "decision_maker"),
            ("Datum", "date"),
            ("Entscheidung", "text"),
            ("Drucksache", "council_paper"),
            (
                "Umgang mit den Empfehlungen",
                lambda row: " | ".join(f"{v['recommendation']}: {v['outcome_label']}" for v in row["verdicts"]),
            ),
            ("Veröffentlicht", "published_at"),
        ],
    ),
    (
        "meilensteine.csv",
        "Meilensteine der Umsetzung",
        lambda: queries.milestone_rows({}),
        queries.complete_milestones,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Übergeordnet (ID)", "parent_id"),
            ("Titel", "title"),
            ("Geplanter Beginn", "planned_start"),
            ("Geplantes Ende", "planned_end"),
            ("Status", "status_label"),
            ("Fortschritt (%)", "progress"),
        ],
    ),
    (
        "evaluationen.csv",
        "Evaluationen",
        lambda: queries.evaluation_rows({}),
        queries.complete_evaluations,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Wissenschaftlich begleitet", "accompanied"),
            ("Erkenntnisse", "lessons_learned"),
            ("Fragebögen online", "questionnaires_online"),
            ("Fragebögen auf Papier", "questionnaires_paper"),
            (
                "Ziele",
                lambda row: " | ".join(f"{a['goal']}: {a['rating_label']}" for a in row["assessments"]),
            ),
        ],
    ),
    (
        "losverfahren.csv",
        "Losverfahren",
        lambda: queries.sortition_rows({}),
        queries.complete_sortitions,
        [
            ("ID", "id"),
            ("Verfahren (ID)", "process_id"),
            ("Titel", "title"),
            ("Größe des Gremiums", "panel_size"),
            ("Stand", "state_label"),
            ("Lotterie (JSON)", "lottery_url"),
            ("Öffentliche Zufallszahl", lambda row: (row["draw"] or {}).get("public_number", "")),
            ("Gezogene (Pseudonyme)", lambda row: _join((row["draw"] or {}).get("members", []))),
        ],
    ),
    (
        "stadtbezirke.csv",
        "Stadtbezirke",
        lambda: queries.district_rows({}),
        None,
        [("ID", "id"), ("Nummer", "number"), ("Name", "name"), ("Kürzel", "slug")],
    ),
    (
        "stadtteile.csv",
        "Stadtteile",
        lambda: queries.quarter_rows({}),
        None,
        [("ID", "id"), ("Stadtbezirk (ID)", "district_id"), ("Name", "name"), ("Kürzel", "slug")],
    ),
    (
        "handlungsfelder.csv",
        "Handlungsfelder",
        lambda: queries.field_of_action_rows({}),
        None,
        [("ID", "id"), ("Name", "name"), ("Kürzel", "slug")],
    ),
    (
        "organisationseinheiten.csv",
        "Organisationseinheiten",
        lambda: queries.org_unit_rows({"include_dissolved": True}),
        queries.complete_org_units,
        [
            ("ID", "id"),
            ("Übergeordnet (ID)", "parent_id"),
            ("Art", "kind_label"),
            ("Kurzname", "short_name"),
            ("Name", "name"),
            ("Aufgelöst", "dissolved_at"),
            ("Nachfolger (ID)", "successor_id"),
        ],
    ),
    (
        "stadtbezirksseiten.csv",
        "Stadtbezirksseiten (öffentlicher Teil)",
        lambda: queries_city.district_profile_rows({}),
        queries_city.complete_district_profiles,
        [
            ("ID", "id"),
            ("Stadtbezirk (ID)", "district_id"),
            ("Stadtbezirk", "district_name"),
            ("Einführung", "introduction"),
            ("Büro des Stadtbezirksmanagements", "office_address"),
            ("Sprechzeiten", "office_hours"),
            ("Anliegen einbringen", "concern_how"),
            ("Netzwerke", lambda row: _join(network["name"] for network in row["networks"])),
        ],
    ),
    (
        "anliegen.csv",
        "Anliegen (veröffentlichte Zusammenfassungen)",
        lambda: queries_city.concern_summary_rows({}),
        queries_city.complete_concern_summaries,
        [
            ("ID", "id"),
            ("Stadtbezirk (ID)", "district_id"),
            ("Stadtteil (ID)", "quarter_id"),
            ("Thema", "category"),
            ("Status", "status_label"),
            ("Zusammenfassung", "summary"),
            ("Veröffentlicht", "published_at"),
            ("Abgeschlossen", "closed_at"),
        ],
    ),
    (
        "stadtbezirkskonferenzen.csv",
        "Stadtbezirkskonferenzen: Vereinbarungen aus veröffentlichten Protokollen",
        lambda: queries_city.district_conference_rows({}),
        queries_city.complete_district_conferences,
        [
            ("ID", "id"),
            ("Stadtbezirk", lambda row: row["district"]["name"]),
            ("Datum", "held_on"),
            ("Protokoll veröffentlicht", "minutes_published_on"),
            ("Vereinbarungen", lambda row: _join(agreement["title"] for agreement in row["agreements"])),
            (
                "Fachbereiche",
                lambda row: _join(sorted({unit for agreement in row["agreements"] for unit in agreement["units"]})),
            ),
            ("Maßnahmen erledigt", "done"),
            ("Maßnahmen gesamt", "total"),
        ],
    ),
    (
        "aktionsprogramme.csv",
        "Aktionsprogramme der Stadtbezirke",
        lambda: queries_city.action_programme_rows({}),
        queries_city.complete_action_programmes,
        [
            ("ID", "id"),
            ("Stadtbezirk", lambda row: row["district"]["name"]),
            ("Titel", "title"),
            ("Zusammenfassung", "summary"),
            ("Entschieden am", lambda row: row["decision"]["decided_on"] if row["decision"] else ""),
            ("Entscheidung", lambda row: row["decision"]["outcome_label"] if row["decision"] else ""),
            ("Schwerpunkte", lambda row: _join(priority["title"] for priority in row["priorities"])),
            (
                "Bedarfe",
                lambda row: len(row["other_needs"]) + sum(len(round_["needs"]) for round_ in row["rounds"]),
            ),
        ],
    ),
    (
        "raeume.csv",
        "Räume zum Ausleihen",
        lambda: queries_city.room_rows({}),
        queries_city.complete_rooms,
        [
            ("ID", "id"),
            ("Name", "name"),
            ("Plätze", "capacity"),
            ("Stufenlos erreichbar", "step_free"),
            ("Barrierefreies WC", "accessible_toilet"),
            ("Induktionsschleife", "hearing_loop"),
            ("Hinweis zur Barrierefreiheit", "accessibility_note"),
            ("Adresse", "address"),
            ("Breitengrad", "latitude"),
            ("Längengrad", "longitude"),
            ("Stadtbezirk (ID)", "district_id"),
            ("Öffnungszeiten", "opening_hours"),
            ("Gebühr", "fee"),
        ],
    ),
    (
        "raumbelegung.csv",
        "Belegung der Räume (ohne Buchende und Zweck)",
        lambda: queries_city.busy_time_rows({}),
        None,
        [("ID", "id"), ("Raum (ID)", "room_id"), ("Beginn", "start"), ("Ende", "end")],
    ),
    (
        "foerderrunden.csv",
        "Förderrunden",
        lambda: queries_city.funding_round_rows({}),
        queries_city.complete_funding_rounds,
        [
            ("ID", "id"),
            ("Titel", "title"),
            ("Was gefördert wird", "description"),
            ("Budget (Euro)", "budget"),
            ("Bewilligt (Euro)", "approved"),
            ("Verbleibend (Euro)", "remaining"),
            ("Einreichungsfrist", "submission_deadline"),
            ("Sitzung des Gremiums", "committee_date"),
        ],
    ),
    (
        "gefoerderte-projekte.csv",
        "Geförderte Projekte",
        lambda: queries_city.funded_project_rows({}),
        None,
        [
            ("ID", "id"),
            ("Förderrunde (ID)", "round_id"),
            ("Titel", "title"),
            ("Zweck", "purpose"),
            ("Bewilligt (Euro)", "approved_amount"),
            ("Stadtbezirk (ID)", "district_id"),
            ("Handlungsfeld (ID)", "field_of_action_id"),
            ("Entschieden", "decided_at"),
        ],
    ),
]


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value


def _chunks(make: Callable[[], QuerySet], complete: Callable | None) -> Iterator[list[dict]]:
    after = 0
    while True:
        rows = list(make().order_by("id").filter(id__gt=after)[:CHUNK])
        if not rows:
            return
        after = rows[-1]["id"] if isinstance(rows[-1], dict) else rows[-1].pk
        yield complete(rows) if complete else rows


def build() -> dict:
    """Write the ZIP to the default storage (replacing the one before); the manifest as a dict."""
    buffer = io.BytesIO()
    files = []
    with translation.override(settings.LANGUAGE_CODE), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, title, make, complete, columns in TABLES:
            text = io.StringIO()
            text.write("\ufeff")
            writer = safe_writer(text, delimiter=";")
            writer.writerow([header for header, _key in columns])
            count = 0
            for rows in _chunks(make, complete):
                for row in rows:
                    writer.writerow([_cell(key(row) if callable(key) else row.get(key)) for _header, key in columns])
                count += len(rows)
            archive.writestr(name, text.getvalue().encode("utf-8"))
            files.append({"file": name, "title": title, "rows": count, "columns": [h for h, _k in columns]})
        city = current_city()
        manifest = {
            "title": f"Offene Daten – {city.site_name}",
            "publisher": city.name or city.site_name,
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "license": settings.OPEN_DATA_LICENSE,
            "encoding": "UTF-8 mit BOM",
            "delimiter": ";",
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    if default_storage.exists(FILE_NAME):
        default_storage.delete(FILE_NAME)
    default_storage.save(FILE_NAME, ContentFile(buffer.getvalue()))
    return manifest
