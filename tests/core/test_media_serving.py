"""Uploads on the file system as the development server serves them (core.views.serve_media under MEDIA_URL
with DEBUG=1): each with the type of its checked extension, `nosniff`, and a PDF as a download."""

import pytest
from django.test import RequestFactory

from stadtdialog.core.storage import content_type, disposition
from stadtdialog.core.views import serve_media
from tests.pdf import one_page_pdf


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "plans" / "1").mkdir(parents=True)
    return tmp_path


def get(path):
    return serve_media(RequestFactory().get("/media/" + path), path)


def test_a_pdf_is_served_as_pdf_with_nosniff_and_as_a_download(media):
    (media / "plans" / "1" / "lageplan.pdf").write_bytes(one_page_pdf())
    response = get("plans/1/lageplan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="lageplan.pdf"'


def test_an_image_is_shown_with_its_type_and_nosniff(media):
    (media / "plans" / "1" / "platz.jpg").write_bytes(b"\xff\xd8\xff")
    response = get("plans/1/platz.jpg")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.get("Content-Disposition", "").startswith("attachment")  # shown in the page


def test_a_file_of_another_type_is_bytes_to_save_never_a_page(media):
    (media / "plans" / "1" / "alt.html").write_bytes(b"<script>alert(1)</script>")
    response = get("plans/1/alt.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert content_type("untertitel.vtt") == "text/vtt; charset=utf-8"
    assert disposition("video.webm") is None


def test_the_city_logo_svg_is_shown_as_an_image_and_runs_nothing_on_its_own(media):
    """load_city stores the city's SVG logo; the header shows it (it was served as bytes and broke the header)."""
    (media / "city").mkdir()
    (media / "city" / "hannover-logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    response = get("city/hannover-logo.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "script" not in response["Content-Security-Policy"]
    assert not response.get("Content-Disposition", "").startswith("attachment")
