"""Uploads and private files on S3-compatible object storage (django-storages), against a real S3 server on
loopback: moto in server mode, started once per test process (each xdist worker has its own).

The storages are the ones settings.py builds from the S3_* variables (`s3_storages`), with two buckets of the
test's own. What is shown: a plan attachment uploaded through the staff page lands in the public bucket and can
be downloaded from the link on the plan page; an uploaded photo is stored re-encoded (no EXIF, upright); the
sortition's invitation letters go to the private bucket, are streamed to the coordination office by the
download view and refused to others, and the S3 server itself refuses an unsigned request for them; removing
an attachment deletes its object. The settings refuse a private bucket that is the public one.
"""

import html
import itertools
import json
import logging
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.plans.models import Attachment
from stadtdialog.settings import media_origin, s3_storages
from stadtdialog.sortition.models import InvitationLetters
from stadtdialog.sortition.storage import private_storage
from tests.core.test_deploy_settings import PROJECT, production_env
from tests.factories import PlanFactory, UserFactory, staff_user
from tests.images import assert_clean, assert_upright, phone_photo
from tests.pdf import one_page_pdf, pdf_pages
from tests.sortition_app.factories import coordinator, sortition_with_invitations

PDF = one_page_pdf()
REGION = "eu-central-1"
_bucket_numbers = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on 127.0.0.1 and a free port, for the whole test process."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


class S3:
    """The test's two buckets, their settings and a boto3 client to look into them."""

    def __init__(self, endpoint: str):
        number = next(_bucket_numbers)
        self.bucket, self.private_bucket = f"uploads-{number}", f"private-{number}"
        self.env = {
            "S3_ENDPOINT_URL": endpoint,
            "S3_BUCKET": self.bucket,
            "S3_PRIVATE_BUCKET": self.private_bucket,
            "S3_ACCESS_KEY_ID": "stadtdialog-test",
            "S3_SECRET_ACCESS_KEY": "stadtdialog-test-secret",
            "S3_REGION": REGION,
        }
        self.endpoint = endpoint
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="stadtdialog-test",
            aws_secret_access_key="stadtdialog-test-secret",
        )
        for name in (self.bucket, self.private_bucket):
            self.client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})

    def keys(self, bucket: str) -> list[str]:
        return [item["Key"] for item in self.client.list_objects_v2(Bucket=bucket).get("Contents", [])]

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def object_url(self, bucket: str, key: str) -> str:
        """The object's plain address (path style, as the settings use with S3_ENDPOINT_URL), no signature."""
        return f"{self.endpoint}/{bucket}/{key}"


def use(settings, s3: S3, **extra) -> None:
    settings.STORAGES = {**settings.STORAGES, **s3_storages({**s3.env, **extra})}


@pytest.fixture
def s3(s3_endpoint, settings):
    s3 = S3(s3_endpoint)
    use(settings, s3)
    return s3


def http_get(url: str) -> tuple[int, bytes]:
    """A plain GET as a browser without any credentials sends it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def plan(client):
    staff = staff_user()
    client.force_login(staff)
    return PlanFactory(lead_unit=staff.org_unit)


def upload(client, plan, upload_file, title="Lageplan", alt_text=""):
    response = client.post(
        reverse("plans:staff_attachments", args=[plan.pk]), {"file": upload_file, "title": title, "alt_text": alt_text}
    )
    assert response.status_code == 302
    return Attachment.objects.get(title=title)


def link_on_plan_page(client, plan, attachment) -> str:
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    found = re.search(r'<a href="([^"]+)">' + re.escape(attachment.title) + "</a>", page)
    assert found, "the plan page links the attachment"
    return html.unescape(found.group(1))


@pytest.mark.django_db
def test_a_plan_attachment_lands_in_the_bucket_and_downloads_from_a_signed_link(client, s3, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attachment = upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF))
    assert attachment.file.name == f"plans/{plan.pk}/lageplan.pdf"
    assert s3.keys(s3.bucket) == [attachment.file.name]
    assert s3.keys(s3.private_bucket) == []
    assert s3.read(s3.bucket, attachment.file.name) == PDF
    # The link on the public page is the bucket's, signed for six hours: it downloads the file as stored.
    url = link_on_plan_page(client, plan, attachment)
    assert url.startswith(s3.object_url(s3.bucket, attachment.file.name) + "?")
    assert "X-Amz-Expires=21600" in url
    assert http_get(url) == (200, PDF)
    # The bucket has no public policy: without the signature the S3 server refuses.
    assert http_get(s3.object_url(s3.bucket, attachment.file.name))[0] == 403


def http_head(url: str) -> dict[str, str]:
    with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=10) as response:
        return {name.lower(): value for name, value in response.headers.items()}


@pytest.mark.django_db
def test_an_uploaded_pdf_is_stored_with_its_type_and_as_a_download_whatever_the_browser_said(client, s3, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # the browser's type is the sender's word: "text/html" would make the bucket serve the file as a page
    attachment = upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF, content_type="text/html"))
    stored = s3.client.head_object(Bucket=s3.bucket, Key=attachment.file.name)
    assert stored["ContentType"] == "application/pdf"
    assert stored["ContentDisposition"] == 'attachment; filename="lageplan.pdf"'
    headers = http_head(link_on_plan_page(client, plan, attachment))
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'attachment; filename="lageplan.pdf"'
    photo = upload(client, plan, phone_photo(), title="Foto", alt_text="Der Platz heute")
    stored = s3.client.head_object(Bucket=s3.bucket, Key=photo.file.name)
    assert stored["ContentType"] == "image/jpeg"
    assert "ContentDisposition" not in stored  # an image is shown in the page


@pytest.mark.django_db
def test_a_second_file_of_the_same_name_gets_its_own_object(client, s3, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    first = upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF), title="Erster")
    second = upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF + b"%2"), title="Zweiter")
    assert first.file.name != second.file.name
    assert s3.read(s3.bucket, first.file.name) == PDF


@pytest.mark.django_db
def test_an_uploaded_photo_is_stored_re_encoded_in_the_bucket(client, s3, plan):
    attachment = upload(client, plan, phone_photo(), title="Foto des Platzes", alt_text="Der Platz heute")
    assert attachment.file.name.endswith("img_2041.jpg")
    stored = s3.read(s3.bucket, attachment.file.name)
    assert attachment.size == len(stored)
    assert_upright(assert_clean(stored))
    assert s3.client.head_object(Bucket=s3.bucket, Key=attachment.file.name)["ContentType"] == "image/jpeg"
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    src = html.unescape(re.search(r'<img src="([^"]+)" alt="Der Platz heute"', page).group(1))
    assert http_get(src) == (200, stored)


@pytest.mark.django_db
def test_removing_an_attachment_deletes_its_object(client, s3, plan, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attachment = upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF))
    assert s3.keys(s3.bucket) == [attachment.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:staff_attachment_delete", args=[plan.pk, attachment.pk]))
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert s3.keys(s3.bucket) == []


@pytest.mark.django_db
def test_with_a_public_read_bucket_the_links_are_plain_and_stay_the_same(client, s3_endpoint, settings, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    s3 = S3(s3_endpoint)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{s3.bucket}/*",
            }
        ],
    }
    s3.client.put_bucket_policy(Bucket=s3.bucket, Policy=json.dumps(public_read))
    use(settings, s3, S3_PUBLIC_READ="1")
    attachment = upload(client, plan, SimpleUploadedFile("Lageplan.pdf", PDF))
    url = link_on_plan_page(client, plan, attachment)
    assert url == s3.object_url(s3.bucket, attachment.file.name)
    assert url == link_on_plan_page(client, plan, attachment)
    assert http_get(url) == (200, PDF)


@pytest.mark.django_db
def test_the_letters_are_kept_in_the_private_bucket_and_only_streamed_to_the_coordination_office(
    client, s3, django_capture_on_commit_callbacks
):
    staff = coordinator()
    client.force_login(staff)
    sortition = sortition_with_invitations(staff, invitations=2)
    url = reverse("sortition:letters", args=[sortition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    letters = InvitationLetters.objects.get(sortition=sortition)
    assert (letters.status, letters.letter_count) == ("done", 2)
    assert s3.keys(s3.private_bucket) == [letters.file_name]
    assert s3.keys(s3.bucket) == []
    stored = s3.read(s3.private_bucket, letters.file_name)
    # Owner only: no grant to everyone or to all signed-in AWS users.
    grants = s3.client.get_object_acl(Bucket=s3.private_bucket, Key=letters.file_name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)

    # The coordination office downloads them through the view, streamed from the bucket after the check.
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert int(response["Content-Length"]) == len(stored)
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == stored
    assert len(pdf_pages(body)) == 2

    # Nobody else: residents, other staff, the anonymous visitor (sent to the login).
    for user in (UserFactory(), staff_user(kind=Role.Kind.DEPARTMENT)):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302

    # Straight to the S3 server without a signature: refused. A signed URL (which no page of ours hands out)
    # works, so the refusal is the bucket's, not a wrong address.
    status, _body = http_get(s3.object_url(s3.private_bucket, letters.file_name))
    assert status == 403
    signed = private_storage().url(letters.file_name)
    assert "X-Amz-Expires=60" in signed
    assert http_get(signed) == (200, stored)


@pytest.mark.django_db
def test_deleting_the_sortition_deletes_the_letters_object(client, s3, django_capture_on_commit_callbacks):
    staff = coordinator()
    client.force_login(staff)
    sortition = sortition_with_invitations(staff, invitations=1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sortition:letters", args=[sortition.pk]))
    assert len(s3.keys(s3.private_bucket)) == 1
    sortition.delete()
    assert s3.keys(s3.private_bucket) == []


def test_the_private_bucket_must_be_a_bucket_of_its_own():
    base = {"S3_BUCKET": "uploads", "S3_ENDPOINT_URL": "https://s3.example.org"}
    with pytest.raises(ImproperlyConfigured, match="S3_PRIVATE_BUCKET too"):
        s3_storages(base)
    with pytest.raises(ImproperlyConfigured, match="another bucket"):
        s3_storages({**base, "S3_PRIVATE_BUCKET": "uploads"})
    with pytest.raises(ImproperlyConfigured, match="without S3_BUCKET"):
        s3_storages({"S3_PRIVATE_BUCKET": "private"})
    with pytest.raises(ImproperlyConfigured, match="S3_PUBLIC_READ=1"):
        s3_storages({**base, "S3_PRIVATE_BUCKET": "private", "S3_CUSTOM_DOMAIN": "media.example.org"})
    with pytest.raises(ImproperlyConfigured, match="S3_URL_EXPIRY"):
        s3_storages({**base, "S3_PRIVATE_BUCKET": "private", "S3_URL_EXPIRY": "10"})
    assert s3_storages({}) == {}


def test_pages_may_load_uploads_from_the_bucket_s_origin_only():
    def origin(**env):
        return media_origin(s3_storages({"S3_BUCKET": "uploads", "S3_PRIVATE_BUCKET": "private", **env})["default"])

    assert origin(S3_ENDPOINT_URL="https://s3.example.org:9000") == "https://s3.example.org:9000"
    assert origin(S3_ENDPOINT_URL="https://s3.example.org", S3_ADDRESSING_STYLE="virtual") == (
        "https://uploads.s3.example.org"
    )
    assert origin(S3_REGION="eu-central-1") == "https://uploads.s3.eu-central-1.amazonaws.com"
    assert origin(S3_CUSTOM_DOMAIN="medien.example.org", S3_PUBLIC_READ="1") == "https://medien.example.org"
    assert media_origin({"BACKEND": "django.core.files.storage.FileSystemStorage"}) is None


def read_settings(env, *names) -> dict:
    """Settings as a production process reads them (paths as strings)."""
    code = (
        "import json, sys; sys.path.insert(0, 'src'); import django; django.setup(); from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_production_settings_with_object_storage(tmp_path):
    """As a production process reads them: both storages on S3, the bucket's origin in the content security
    policy; without the S3 variables the files stay in folders and the policy is unchanged."""
    env = production_env(
        tmp_path,
        S3_ENDPOINT_URL="https://s3.hannover.example",
        S3_BUCKET="stadtdialog-medien",
        S3_PRIVATE_BUCKET="stadtdialog-privat",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
    )
    found = read_settings(env, "STORAGES", "CONTENT_SECURITY_POLICY")
    storages, policy = found["STORAGES"], found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert storages["default"]["BACKEND"] == "stadtdialog.core.storage.UploadStorage"
    assert storages["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["private"]["OPTIONS"]["bucket_name"] == "stadtdialog-privat"
    assert storages["private"]["OPTIONS"]["default_acl"] == "private"
    assert "https://s3.hannover.example" in policy["img-src"]
    assert policy["media-src"] == ["'self'", "https://s3.hannover.example"]

    plain = read_settings(production_env(tmp_path), "STORAGES", "CONTENT_SECURITY_POLICY")
    assert plain["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert plain["STORAGES"]["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "https://s3.hannover.example" not in plain["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["media-src"]
