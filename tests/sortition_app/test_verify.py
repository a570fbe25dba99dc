"""One published format and one draw rule: the page, `manage.py verify_draw` and the package's
command line (`python -m stadtdialog.sortition verify`, no Django) give the same panel."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from stadtdialog.sortition.algorithm.lottery import canonical_json

from .factories import coordinator, drawn_sortition
from .test_flow import cli_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def sortition():
    return drawn_sortition(coordinator(), number="4 17 23 38 41")


def download(client, sortition, tmp_path):
    response = client.get(reverse("sortition:lottery_json", args=[sortition.pk]))
    assert response.status_code == 200
    path = tmp_path / "lotterie.json"
    path.write_bytes(response.content)
    return path


def page_result(client, sortition, number: str, document: str = ""):
    response = client.get(
        reverse("sortition:verify", args=[sortition.pk]), {"public_number": number, "document": document}
    )
    assert response.status_code == 200
    return response.context["result"], response.content.decode()


def test_published_document_verifies_with_the_cli_and_gives_the_page_s_panel(client, sortition, tmp_path):
    path = download(client, sortition, tmp_path)
    draw = sortition.draw
    result, page = page_result(client, sortition, draw.public_number)
    assert result["matches_published"]
    assert result["matches_draw"]
    assert (
        cli_verify(path, draw.public_number) == (result["index"], result["members"]) == (draw.panel_index, draw.members)
    )
    # Not just the drawn number: any number gives the same panel on the page, in the command and in the CLI.
    for number in ["1", "2026-03-14", "99 12 7", "31415926535"]:
        result, _ = page_result(client, sortition, number)
        out = StringIO()
        call_command("verify_draw", str(path), number, stdout=out)
        assert f"Panel: {result['index']}\n" in out.getvalue()
        assert cli_verify(path, number) == (result["index"], result["members"])
    # The public page and the document show pseudonyms only.
    public = client.get(reverse("sortition:public_detail", args=[sortition.pk])).content.decode()
    text = path.read_text(encoding="utf-8")
    for entry in sortition.register_entries.filter(invited_at__isnull=False):
        assert entry.last_name not in text
        assert entry.street not in text
        assert f"{entry.first_name} {entry.last_name}" not in public
    assert "@" not in text
    assert "@" not in public


def test_a_changed_document_is_refused_and_another_lottery_does_not_match(client, sortition, tmp_path):
    published = json.loads(sortition.lottery.document)
    # A panel swapped for another: the hash in the document no longer fits.
    changed = json.loads(sortition.lottery.document)
    panels = changed["lottery"]["panels"]
    panels[0]["members"], panels[-1]["members"] = panels[-1]["members"], panels[0]["members"]
    result, page = page_result(client, sortition, "12", json.dumps(changed))
    assert result is None
    assert "Das Dokument wurde verändert" in page
    path = tmp_path / "geaendert.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    with pytest.raises(CommandError, match="Das Dokument wurde verändert"):
        call_command("verify_draw", str(path), "12", stdout=StringIO())
    # A consistent document with its own hash (a different lottery): computed, but not the published one.
    changed["sha256"] = hashlib.sha256(canonical_json(changed["lottery"])).hexdigest()
    result, page = page_result(client, sortition, "12", json.dumps(changed))
    assert result is not None
    assert not result["matches_published"]
    assert "weicht von der vor der Ziehung veröffentlichten Liste ab" in page
    assert changed["sha256"] != published["sha256"]
