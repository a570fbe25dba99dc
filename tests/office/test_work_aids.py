"""Work aids (issue 15, item 7): a library of templates and checklists with files (PDF, DOCX, ODT, XLSX, checked by
their content and size), description, version, date and target group; searchable; public or staff-only (a
staff-only aid and its files are never reachable without a staff role); a new version keeps the old ones."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.office.models_advice import WorkAid, WorkAidVersion
from stadtdialog.office.services import advice as services
from tests.factories import UserFactory, staff_user
from tests.formdata import form_values
from tests.images import phone_photo
from tests.pdf import one_page_pdf

pytestmark = pytest.mark.django_db


def docx_bytes(text: str = "Checkliste") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", f"<w:document><w:body><w:t>{text}</w:t></w:body></w:document>")
    return out.getvalue()


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


@pytest.fixture
def office():
    return staff_user(Role.Kind.COORDINATION)


def make_aid(office, *, title="Checkliste Beteiligungskonzept", is_public=True, content=None, name="liste.pdf", **kw):
    data = {
        "title": title,
        "description": "Fragen, die ein Beteiligungskonzept beantworten sollte: Ziele, Zielgruppen, Spielraum.",
        "kind": WorkAid.Kind.CHECKLIST,
        "for_staff": True,
        "for_politics": False,
        "for_residents": False,
        "is_public": is_public,
        "file": SimpleUploadedFile(name, content or one_page_pdf(title)),
        "label": "1.0",
    }
    return services.create_work_aid(office, **{**data, **kw})


def test_a_staff_only_aid_is_never_reachable_without_a_staff_role(client, office):
    secret = make_aid(office, title="Interne Checkliste Haushaltsmittel", is_public=False)
    services.add_work_aid_version(
        office,
        secret,
        file=SimpleUploadedFile("v2.pdf", one_page_pdf("v2")),
        issued_on=secret.current_version.issued_on,
    )
    urls = [
        reverse("office:work_aid", args=[secret.slug]),
        reverse("office:work_aid_file", args=[secret.slug, 1]),
        reverse("office:work_aid_file", args=[secret.slug, 2]),
    ]
    resident = UserFactory()
    for user in (None, resident):
        if user is not None:
            client.force_login(user)
        assert "Interne Checkliste" not in client.get(reverse("office:work_aids")).content.decode()
        assert "Interne Checkliste" not in client.get(reverse("office:work_aids"), {"q": "Haushalt"}).content.decode()
        for url in urls:
            assert client.get(url).status_code == 404, url
    # A staff member of any department sees and downloads it.
    client.force_login(staff_user())
    assert "Interne Checkliste" in client.get(reverse("office:work_aids")).content.decode()
    response = client.get(urls[1])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_files_lie_in_the_private_storage_without_a_public_url(office, settings):
    aid = make_aid(office, is_public=True)
    version = aid.current_version
    assert not version.file.storage.location.startswith(str(settings.MEDIA_ROOT))


def test_a_new_version_keeps_the_old_ones(client, office):
    first = one_page_pdf("Musteranschreiben 2025")
    aid = make_aid(office, title="Musteranschreiben Einladung", content=first, kind=WorkAid.Kind.TEMPLATE)
    client.force_login(office)
    url = reverse("office:staff_work_aid_version", args=[aid.pk])
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("einladung.docx", docx_bytes("Einladung")),
            "label": "2.0",
            "issued_on": "2026-11-02",
            "changes": "Neue Anrede, Hinweis auf Gebärdensprache",
        },
    )
    assert response.status_code == 302
    aid.refresh_from_db()
    assert list(aid.versions.values_list("number", "label", "file_type")) == [(2, "2.0", "docx"), (1, "1.0", "pdf")]
    assert aid.current_version.number == 2
    page = client.get(aid.get_absolute_url()).content.decode()
    assert "Versionsverlauf" in page and "Neue Anrede" in page
    assert "Version 2.0 herunterladen" in page
    client.logout()
    old = client.get(reverse("office:work_aid_file", args=[aid.slug, 1]))
    assert b"".join(old.streaming_content) == first
    new = client.get(reverse("office:work_aid_file", args=[aid.slug, 2]))
    assert new["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="musteranschreiben-einladung-version-2.docx"' in new["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("leitfaden.docx", docx_bytes()), ("tabelle.xlsx", xlsx_bytes()), ("text.odt", odt_bytes())],
)
def test_office_files_are_recognised_by_their_content(office, name, content):
    aid = make_aid(office, content=content, name=name)
    assert aid.current_version.file_type == name.rsplit(".", 1)[1]


def _wrong(office_client, name, content, **extra):
    data = {
        "title": "Checkliste barrierefreie Veranstaltung",
        "description": "Vom Eingang bis zur Toilette.",
        "kind": "checklist",
        "for_residents": "on",
        "issued_on": "2026-11-02",
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    response = office_client.post(reverse("office:staff_work_aid_create"), data)
    assert response.status_code == 200
    assert not WorkAid.objects.exists()
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.pdf", None),  # an image named .pdf
        ("seite.docx", b"PK\x03\x04 not really a zip"),
        ("archiv.docx", None),  # a ZIP without the parts of a Word document
        ("einladung.xlsx", docx_bytes()),  # a Word file named as a spreadsheet
        ("seite.pdf", b"%PDF-1.7 <html><script>alert(1)</script></html>"),
        ("programm.exe", one_page_pdf()),
    ],
)
def test_a_file_of_another_type_is_refused_in_german_and_the_input_kept(client, office, name, content):
    if content is None and name == "foto.pdf":
        content = phone_photo().read()
    if content is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("readme.txt", "hallo")
        content = out.getvalue()
    client.force_login(office)
    page = _wrong(client, name, content)
    assert "Erlaubt sind nur PDF-, DOCX-, ODT- oder XLSX-Dateien." in page or "kein lesbares PDF" in page
    assert 'value="Checkliste barrierefreie Veranstaltung"' in page
    assert "Vom Eingang bis zur Toilette." in page


def test_a_file_too_large_is_refused_in_german(client, office, settings):
    settings.MAX_ATTACHMENT_BYTES = 1000
    client.force_login(office)
    page = _wrong(client, "gross.pdf", one_page_pdf() + b"\n" * 2000)
    assert "höchstens" in page and "MB" in page


def test_an_aid_needs_a_target_group(client, office):
    client.force_login(office)
    page = _wrong(client, "liste.pdf", one_page_pdf(), for_residents="")
    assert "Bitte wählen Sie mindestens eine Zielgruppe." in page


def test_search_by_title_description_target_group_and_kind(client, office):
    make_aid(office, title="Checkliste Beteiligungskonzept")
    make_aid(
        office,
        title="Leitfaden Leichte Sprache",
        description="Kurze Sätze, bekannte Wörter, ein Gedanke pro Satz.",
        kind=WorkAid.Kind.GUIDE,
        for_residents=True,
        for_staff=False,
    )

    def titles(**query):
        page = client.get(reverse("office:work_aids"), query).content.decode()
        return [title for title in ("Checkliste Beteiligungskonzept", "Leitfaden Leichte Sprache") if title in page]

    assert titles() == ["Checkliste Beteiligungskonzept", "Leitfaden Leichte Sprache"]
    assert titles(q="Sätze") == ["Leitfaden Leichte Sprache"]
    assert titles(q="konzept") == ["Checkliste Beteiligungskonzept"]
    assert titles(zielgruppe="einwohnerschaft") == ["Leitfaden Leichte Sprache"]
    assert titles(art="checklist") == ["Checkliste Beteiligungskonzept"]
    assert titles(zielgruppe="unsinn", art="<b>") == ["Checkliste Beteiligungskonzept", "Leitfaden Leichte Sprache"]
    assert "Keine Arbeitshilfen gefunden" in client.get(reverse("office:work_aids"), {"q": "Zebra"}).content.decode()


def test_the_list_has_constant_queries(client, office, django_assert_max_num_queries):
    make_aid(office, title="Erste Hilfe")
    client.get(reverse("office:work_aids"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("office:work_aids"))
        count = len(few.captured_queries)
    for number in range(4):
        make_aid(office, title=f"Arbeitshilfe {number}")
    with django_assert_max_num_queries(count):
        assert client.get(reverse("office:work_aids")).status_code == 200


def test_editing_the_description_keeps_the_files(client, office):
    aid = make_aid(office)
    client.force_login(office)
    url = reverse("office:staff_work_aid_edit", args=[aid.pk])
    data = form_values(client.get(url))
    response = client.post(url, {**data, "is_public": "", "description": "Neu beschrieben."})
    assert response.status_code == 302
    aid.refresh_from_db()
    assert (aid.is_public, aid.description, WorkAidVersion.objects.count()) == (False, "Neu beschrieben.", 1)
    assert client.get(reverse("office:staff_work_aids")).status_code == 200
    client.logout()
    assert client.get(aid.get_absolute_url()).status_code == 404
