"""No personal data leaves through the API, the catalogue or the download: personal data is seeded wherever it can
exist (names and e-mail addresses of residents and staff, event registrations, sortition register and pool, free-text
answers of questionnaires, comments' authors), then every page of every list and every file of the ZIP is scanned."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from stadtdialog.accounts.models import User
from stadtdialog.api import opendata
from stadtdialog.api.endpoints import api
from stadtdialog.events.models import Registration
from stadtdialog.sortition.models import RegisterEntry, Respondent
from tests.sortition_app.factories import coordinator, drawn_sortition

from .conftest import SECRET_EMAIL, SECRET_NAME, SECRET_PHONE, SECRET_TEXT, seed_public_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_files(settings, tmp_path):
    """The private storage (the sortition's letters) in a folder of the test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "p"}},
    }


def personal_strings() -> set[str]:
    strings = {SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, SECRET_TEXT}
    for email, full_name in User.objects.values_list("email", "full_name"):
        strings.add(email)
        if full_name:
            strings.add(full_name)
    for name, email in Registration.objects.values_list("name", "email"):
        strings |= {name, email}
    for first, last, street in RegisterEntry.objects.values_list("first_name", "last_name", "street"):
        strings |= {f"{first} {last}", street}
    for email, phone in Respondent.objects.values_list("email", "phone"):
        strings |= {email, phone}
    return {s for s in strings if s and len(s) >= 6}


def every_page(client, path: str):
    url = path
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        yield response.content.decode()
        url = response.json()["next"]


def test_nothing_personal_in_any_endpoint_page_or_file(client, settings, private_files):
    settings.API_RATE_LIMIT = 0
    seed_public_data(2)
    sortition = drawn_sortition(coordinator())
    Respondent.objects.filter(sortition=sortition).update(phone=SECRET_PHONE)
    strings = personal_strings()
    assert len(strings) > 20

    texts = {}
    paths = list(api.get_openapi_schema()["paths"])
    documents = {"/api/v1/report": f"?year={timezone.localdate().year}"}  # one document, not a list
    for path in paths:
        if path in documents:
            response = client.get(path + documents[path])
            assert response.status_code == 200, response.content[:200]
            texts[path] = response.content.decode()
        elif "{" not in path:
            texts[path] = "".join(every_page(client, path + "?limit=2"))
    for path in paths:  # the single items: every one of its list
        if "{" in path:
            collection = path.rsplit("/", 1)[0]
            ids = [item["id"] for page in every_page(client, collection) for item in json.loads(page)["items"]]
            assert ids, collection
            texts[path] = "".join(client.get(path.split("{")[0] + str(pk)).content.decode() for pk in ids)
    assert '"lottery"' in texts["/api/v1/sortitions"] and sortition.title in texts["/api/v1/sortitions"]
    assert "Pseudonym0" in texts["/api/v1/contributions"]
    assert "Eine Laterne am Spielplatz" in texts["/api/v1/concern-summaries"]
    assert '"room_id"' in texts["/api/v1/room-busy-times"]
    assert '"concerns_by_district"' in texts["/api/v1/report"]
    # the district work: seeded with internal reasons, notes, disputes, escalations, target groups, approaches and
    # minutes (SECRET_TEXT, SECRET_NAME, SECRET_PHONE), by named staff and residents
    assert "Spielplatz sicher machen" in texts["/api/v1/district-conferences"]
    assert '"in_progress"' in texts["/api/v1/district-conferences"]  # the disputed item
    assert "Mehr Sitzbänke" in texts["/api/v1/action-programmes"]
    texts["catalogue"] = client.get("/dcat/catalog.ttl").content.decode()
    texts["jsonld"] = client.get("/dcat/catalog.jsonld").content.decode()

    call_command("build_open_data", stdout=io.StringIO())
    with default_storage.open(opendata.FILE_NAME, "rb") as handle, zipfile.ZipFile(handle) as archive:
        for name in archive.namelist():
            texts[name] = archive.read(name).decode("utf-8-sig")
    assert "Pseudonym0" in texts["beitraege.csv"]

    leaks = [(where, s) for where, text in texts.items() for s in strings if s in text]
    assert leaks == []
