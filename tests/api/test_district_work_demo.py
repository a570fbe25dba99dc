"""A newcomer sees data at the new endpoints: the demo's published district conferences and action programme appear
in the API and in the open-data download."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from stadtdialog.api import opendata

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_district_work_endpoints(client, settings):
    settings.API_RATE_LIMIT = 0
    call_command("seed_demo", "--seed", "7", stdout=io.StringIO())
    conferences = client.get("/api/v1/district-conferences", {"district": "linden-limmer"}).json()["items"]
    assert conferences and all(c["district"]["slug"] == "linden-limmer" for c in conferences)
    assert any(c["agreements"] for c in conferences)
    programmes = client.get("/api/v1/action-programmes", {"district": "linden-limmer"}).json()["items"]
    assert [p["title"] for p in programmes] and programmes[0]["priorities"] and programmes[0]["rounds"]
    with default_storage.open(opendata.FILE_NAME, "rb") as handle, zipfile.ZipFile(handle) as archive:
        assert len(archive.read("stadtbezirkskonferenzen.csv").decode("utf-8-sig").splitlines()) > 1
        assert len(archive.read("aktionsprogramme.csv").decode("utf-8-sig").splitlines()) > 1
