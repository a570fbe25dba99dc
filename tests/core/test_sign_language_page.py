"""The sign-language page: a video from the city's own media (upload checked by content and size, or an https
address on the media server), captions and a required transcript; played by the browser without JavaScript."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry, Page
from tests.core.test_deploy_settings import production_env, read_settings
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

URL = reverse("core:page_edit", args=["gebaerdensprache"])
# The first bytes of real files: an EBML header of document type "webm", an ISO base media "ftyp" box.
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm" + bytes(
    64
)
MKV = WEBM.replace(b"\x84webm", b"\x88matroska")
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
VTT = b"WEBVTT\n\n00:00.000 --> 00:04.000\nWillkommen beim Stadtdialog Hannover.\n"


def _post(client, **extra):
    data = {"title": "Gebärdensprache", "body": "<p>Einführung</p>", "transcript": "<p>Willkommen.</p>", **extra}
    return client.post(URL, data)


@pytest.fixture
def editor(client):
    user = staff_user(Role.Kind.COORDINATION)
    client.force_login(user)
    return user


def test_a_webm_video_with_captions_is_played_with_the_transcript_below(client, editor):
    response = _post(
        client,
        video=SimpleUploadedFile("DGS Einführung.webm", WEBM),
        captions=SimpleUploadedFile("einfuehrung.vtt", VTT),
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="gebaerdensprache")
    assert page.video.name.endswith("dgs-einfuhrung.webm") or page.video.name.endswith(".webm")
    assert AuditEntry.objects.filter(action="core.page.update", changes__has_key="video").exists()
    html = client.get(reverse("core:page", args=["gebaerdensprache"])).content.decode()
    assert "<video controls" in html
    assert f'<source src="{page.video.url}" type="video/webm">' in html
    assert f'<track kind="captions" src="{page.captions.url}" srclang="de"' in html
    assert html.index("<video") < html.index("Transkript des Videos") < html.index("Willkommen.")


def test_an_mp4_video_is_accepted(client, editor):
    assert _post(client, video=SimpleUploadedFile("film.mp4", MP4)).status_code == 302
    assert Page.objects.get(slug="gebaerdensprache").video_type == "video/mp4"


@pytest.mark.parametrize(
    "name, content",
    [("film.mp4", PNG), ("film.webm", MKV), ("film.mkv", WEBM), ("film.mp4", b"")],
    ids=["png-named-mp4", "matroska", "wrong-ending", "empty"],
)
def test_other_files_are_refused_with_a_german_error(client, editor, name, content):
    response = _post(client, video=SimpleUploadedFile(name, content), transcript="<p>Mein Transkript</p>")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nur Videos im Format MP4 oder WebM" in html or "Datei ist leer" in html
    assert "Mein Transkript" in html  # what was typed stays
    assert not Page.objects.get(slug="gebaerdensprache").video


def test_a_video_over_the_size_limit_is_refused(client, editor, settings):
    settings.PAGE_VIDEO_MAX_BYTES = 50
    response = _post(client, video=SimpleUploadedFile("film.webm", WEBM))
    assert "höchstens" in response.content.decode()
    assert not Page.objects.get(slug="gebaerdensprache").video


def test_captions_must_be_webvtt(client, editor):
    response = _post(client, captions=SimpleUploadedFile("untertitel.vtt", b"1\n00:00:00,000 --> 00:00:04,000\nHallo"))
    assert "WebVTT" in response.content.decode()
    assert not Page.objects.get(slug="gebaerdensprache").captions


def test_the_transcript_is_required(client, editor):
    response = _post(client, transcript="")
    assert response.status_code == 200
    assert "Bitte geben Sie das Transkript des Videos an." in response.content.decode()


def test_a_video_from_the_media_server_must_be_https_and_from_an_allowed_host(client, editor, settings):
    response = _post(client, video_url="http://medien.hannover-stadt.example/dgs.mp4")
    assert "Nur https-Adressen" in response.content.decode()
    settings.PAGE_VIDEO_HOSTS = ["medien.hannover-stadt.example"]
    response = _post(client, video_url="https://videos.anderswo.example/dgs.mp4")
    assert "medien.hannover-stadt.example" in response.content.decode()
    assert _post(client, video_url="https://medien.hannover-stadt.example/dgs.mp4").status_code == 302
    html = client.get(reverse("core:page", args=["gebaerdensprache"])).content.decode()
    assert '<source src="https://medien.hannover-stadt.example/dgs.mp4" type="video/mp4">' in html


def test_media_src_of_the_content_security_policy_follows_the_allowed_hosts(tmp_path):
    env = production_env(tmp_path, PAGE_VIDEO_HOSTS="medien.hannover-stadt.example")
    policy = read_settings(env, "CONTENT_SECURITY_POLICY")["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert policy["media-src"] == ["'self'", "https://medien.hannover-stadt.example"]


def test_without_a_video_the_page_says_so_and_shows_the_transcript(client):
    html = client.get(reverse("core:page", args=["gebaerdensprache"])).content.decode()
    assert "<video" not in html
    assert "wird gerade erstellt" in html
