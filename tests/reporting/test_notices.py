"""Notices (Aushang): posters in A4 and A3 and the A6 flyer of a plan, a process, an event and a report; the QR
code is read back from the rendered PDF (pypdfium2 renders the page, zxing-cpp decodes) and must be the page's
address."""

import datetime
import io

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from stadtdialog.reports.models import Report
from tests.events.factories import EventFactory, in_days
from tests.factories import PlanFactory, published_process

pytestmark = pytest.mark.django_db
SITE = "https://beteiligung.hannover-stadt.example"
# paper sizes in points (1 mm = 72 / 25.4 pt)
PAPER = {"a4": (595, 842), "a3": (842, 1191), "flyer": (298, 420)}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def world():
    plan = PlanFactory(
        title="Neugestaltung Küchengartenplatz",
        easy_language_summary="Der Platz wird neu gebaut. Sie können mitreden. Sagen Sie uns Ihre Ideen.",
    )
    process = published_process(plan=plan, title="Mitreden: Küchengartenplatz")
    event = EventFactory(process=process, title="Werkstatt am Platz", start=in_days(10), end=in_days(10, 20))
    report = Report.objects.create(
        process=process,
        kind="interim",
        title="Zwischenstand Küchengartenplatz",
        text="<p>120 Ideen kamen.</p>",
        comments_until=datetime.date.today() + datetime.timedelta(days=14),
        published_at=event.start,
    )
    return {"vorhaben": plan, "beteiligung": process, "veranstaltung": event, "bericht": report}


def page_of(kind, obj) -> str:
    return SITE + (reverse("reports:report", args=[obj.pk]) if kind == "bericht" else obj.get_absolute_url())


def decoded_qr(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=2).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("kind", ["vorhaben", "beteiligung", "veranstaltung"])
@pytest.mark.parametrize("size", ["a4", "a3"])
def test_the_qr_code_of_the_poster_opens_the_page(client, world, kind, size):
    obj = world[kind]
    response = client.get(reverse("reporting:notice_pdf", args=[kind, obj.pk, size]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == PAPER[size]
    text = " ".join(reader.pages[0].extract_text().split())
    assert obj.title in text
    assert decoded_qr(response.content) == [page_of(kind, obj)]


def test_the_flyer_and_the_report_notice(client, world):
    for kind in ("bericht", "beteiligung"):
        obj = world[kind]
        response = client.get(reverse("reporting:notice_pdf", args=[kind, obj.pk, "flyer"]))
        reader = PdfReader(io.BytesIO(response.content))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == PAPER["flyer"]
        assert decoded_qr(response.content) == [page_of(kind, obj)]


def test_the_poster_says_what_when_where_and_whom_to_ask(client, world):
    response = client.get(reverse("reporting:notice_pdf", args=["beteiligung", world["beteiligung"].pk, "a4"]))
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    for expected in [
        "Mitreden: Küchengartenplatz",
        "Der Platz wird neu gebaut.",  # the easy-language summary
        "Online-Dialog",  # the phase with its dates
        "Werkstatt am Platz",  # where to take part on site
        "Freizeitheim Linden",
        "Erika Mustermann",  # the lead contact
        "beteiligung.hannover-stadt.example",
    ]:
        assert expected in text, expected


def test_drafts_and_unknown_kinds_are_not_found(client, world):
    world["veranstaltung"].published_at = None
    world["veranstaltung"].save()
    assert (
        client.get(reverse("reporting:notice_pdf", args=["veranstaltung", world["veranstaltung"].pk, "a4"])).status_code
        == 404
    )
    assert client.get(reverse("reporting:notice_pdf", args=["plakat", 1, "a4"])).status_code == 404
    assert client.get(reverse("reporting:notice_pdf", args=["vorhaben", world["vorhaben"].pk, "a5"])).status_code == 404
    assert client.get(reverse("reporting:notice_pdf", args=["vorhaben", 999999, "a4"])).status_code == 404


def test_the_public_process_page_and_the_staff_page_link_the_notices(client, world):
    process = world["beteiligung"]
    page = client.get(process.get_absolute_url()).content.decode()
    assert reverse("reporting:notice_pdf", args=["beteiligung", process.pk, "a4"]) in page
    assert reverse("reporting:notice_pdf", args=["veranstaltung", world["veranstaltung"].pk, "a3"]) in page
    client.force_login(process.lead_contact)
    staff = client.get(reverse("processes:staff_detail", args=[process.pk])).content.decode()
    assert reverse("reporting:staff_notices", args=[process.pk]) in staff
    notices = client.get(reverse("reporting:staff_notices", args=[process.pk])).content.decode()
    for kind in ("vorhaben", "beteiligung", "veranstaltung", "bericht"):
        assert reverse("reporting:notice_pdf", args=[kind, world[kind].pk, "flyer"]) in notices
