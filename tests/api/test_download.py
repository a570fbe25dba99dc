"""The download of everything public: a ZIP of CSV files (UTF-8 with BOM, `;`, German headers, formula cells
neutralised) with a manifest, built by the command or the task, kept in the storage, served and linked."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from stadtdialog.api import opendata
from stadtdialog.api.tasks import build_open_data
from tests.dialog.dialog_factories import ContributionFactory

pytestmark = pytest.mark.django_db


def archive_of(client) -> zipfile.ZipFile:
    response = client.get("/opendaten/stadtdialog-opendaten.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_404_before_the_first_build(client):
    assert client.get("/opendaten/stadtdialog-opendaten.zip").status_code == 404
    assert (
        "being prepared" in client.get("/api/").content.decode()
        or "vorbereitet" in client.get("/api/").content.decode()
    )


def test_command_builds_the_zip_of_csv_files_with_a_manifest(public_data, client):
    ContributionFactory(process=public_data["processes"][0], title='=HYPERLINK("http://example.org")')
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert "24 files" in out.getvalue()
    archive = archive_of(client)
    names = archive.namelist()
    assert "manifest.json" in names and "vorhaben.csv" in names and "beitraege.csv" in names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["license"].startswith("http://dcat-ap.de/def/licenses/")
    assert {item["file"] for item in manifest["files"]} == set(names) - {"manifest.json"}
    plans = next(item for item in manifest["files"] if item["file"] == "vorhaben.csv")
    assert plans["rows"] == 2
    raw = archive.read("beitraege.csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["ID", "Verfahren (ID)", "Art", "Titel"]
    titles = [row[3] for row in rows[1:]]
    assert '\'=HYPERLINK("http://example.org")' in titles
    assert not any(title.startswith("Versteckt") for title in titles)
    assert "Idee" in [row[2] for row in rows[1:]]
    assert "stadtdialog-opendaten.zip" in client.get("/api/").content.decode()
    concerns = list(csv.reader(io.StringIO(archive.read("anliegen.csv").decode("utf-8-sig")), delimiter=";"))
    assert [row[5] for row in concerns[1:]] == [public_data["concern"].public_summary]
    busy = list(csv.reader(io.StringIO(archive.read("raumbelegung.csv").decode("utf-8-sig")), delimiter=";"))
    assert busy[0] == ["ID", "Raum (ID)", "Beginn", "Ende"] and len(busy) == 2


def test_the_task_rebuilds_and_replaces_the_file(public_data):
    build_open_data.call()
    first = default_storage.open(opendata.FILE_NAME).read()
    ContributionFactory(process=public_data["processes"][0], title="Ein neuer Beitrag")
    call_command("build_open_data", "--enqueue", stdout=io.StringIO())  # immediate backend in the tests
    call_command("build_open_data", stdout=io.StringIO())
    second = default_storage.open(opendata.FILE_NAME).read()
    assert first != second
    assert default_storage.listdir("opendata")[1] == ["stadtdialog-opendaten.zip"]
