"""Bad register extracts are reported row by row, with line and column, and nothing is imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtdialog.sortition.forms import RegisterImportError
from stadtdialog.sortition.services.register import import_register

from .factories import HEADER, coordinator, new_sortition, register_csv, register_rows

pytestmark = pytest.mark.django_db


def import_issues(rows=None, header=HEADER):
    actor = coordinator()
    sortition = new_sortition(actor)
    with pytest.raises(RegisterImportError) as caught:
        import_register(actor, sortition, register_csv(rows, header))
    assert sortition.register_entries.count() == 0
    return [(i.line, i.column, i.message) for i in caught.value.issues]


def test_missing_column_is_reported_with_its_name():
    header = HEADER.replace(";PLZ", "")
    rows = [r[:5] + r[6:] for r in register_rows(5)]
    assert import_issues(rows, header) == [(1, "PLZ", "die Spalte fehlt")]


def test_duplicate_rows_name_both_lines():
    rows = register_rows(10)
    rows.append(list(rows[3]))  # line 12 repeats line 5 (the header is line 1)
    assert import_issues(rows) == [(12, "Nachname", "dieselbe Person steht schon in Zeile 5")]


def test_invalid_postcode_and_unknown_district_and_empty_field_are_all_reported():
    rows = register_rows(10)
    rows[2][5] = "3015"  # line 4
    rows[6][7] = "Atlantis"  # line 8
    rows[8][0] = ""  # line 10
    assert import_issues(rows) == [
        (4, "PLZ", "„3015“ ist keine fünfstellige Postleitzahl"),
        (8, "Stadtbezirk", "„Atlantis“ ist kein Stadtbezirk der Stadt"),
        (10, "Vorname", "das Feld ist leer"),
    ]


def test_the_page_lists_every_bad_row_and_keeps_the_register_empty(client):
    actor = coordinator()
    client.force_login(actor)
    sortition = new_sortition(actor)
    rows = register_rows(10)
    rows[2][5] = "ABCDE"
    rows.append(list(rows[0]))
    response = client.post(
        reverse("sortition:import_register", args=[sortition.pk]),
        {"file": SimpleUploadedFile("register.csv", register_csv(rows), content_type="text/csv")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Die Datei enthält 2 Fehler; es wurde nichts importiert." in page
    assert "„ABCDE“ ist keine fünfstellige Postleitzahl" in page
    assert "dieselbe Person steht schon in Zeile 2" in page
    assert sortition.register_entries.count() == 0


def test_semicolons_commas_and_windows_encoding_are_read():
    actor = coordinator()
    sortition = new_sortition(actor)
    text = register_csv(register_rows(3)).decode().replace(";", ",")
    assert import_register(actor, sortition, text.encode("cp1252")) == 3
    entry = sortition.register_entries.get(line=2)
    assert entry.district.number == 1
    assert entry.street.endswith(" 1")
    assert entry.postcode == "30159"


def test_a_second_import_replaces_the_first_and_is_audited():
    actor = coordinator()
    sortition = new_sortition(actor)
    import_register(actor, sortition, register_csv(register_rows(5)))
    import_register(actor, sortition, register_csv(register_rows(7)))
    assert sortition.register_entries.count() == 7
