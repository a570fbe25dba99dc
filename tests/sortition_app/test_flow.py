"""The whole sortition with small numbers: 60 register rows, 30 invitations, 20 sign-ups, k = 6."""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from stadtdialog.core.models import AuditEntry
from stadtdialog.sortition.algorithm.model import panel_violations
from stadtdialog.sortition.models import (
    Draw,
    PublishedLottery,
    Respondent,
    SelectionRun,
    Sortition,
    format_code,
)
from stadtdialog.sortition.services.register import draw_invitations, import_register
from stadtdialog.sortition.services.selection import build_instance, feasibility, set_quotas
from tests.pdf import pdf_pages

from .factories import (
    answers_for,
    balanced_bounds,
    new_sortition,
    register_csv,
    sortition_with_invitations,
)

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src"


def cli_verify(path, number: str) -> tuple[int, list[str]]:
    """`python -m stadtdialog.sortition verify` in a fresh process without Django settings."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(SRC)
    done = subprocess.run(
        [sys.executable, "-m", "stadtdialog.sortition", "verify", "--lottery", str(path), "--number", number],
        capture_output=True,
        text=True,
        env=env,
        cwd=path.parent,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    first, members = done.stdout.strip().splitlines()
    return int(re.fullmatch(r"Gezogen: Panel Nr\. (\d+)", first).group(1)), sorted(members.split())


def invited_lines(sortition):
    return list(
        sortition.register_entries.filter(invited_at__isnull=False).order_by("line").values_list("line", flat=True)
    )


def test_stage_one_import_sample_and_letters(client, staff, django_capture_on_commit_callbacks):
    response = client.post(
        reverse("sortition:staff_create"),
        {"title": "Bürgerrat Klima", "panel_size": 6, "lottery_size": 100, "one_per_household": "on"},
    )
    sortition = Sortition.objects.get()
    assert response.status_code == 302

    upload = StringIO()
    upload.name = "melderegister.csv"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("sortition:import_register", args=[sortition.pk]),
        {"file": SimpleUploadedFile("melderegister.csv", register_csv(), content_type="text/csv")},
    )
    assert response.status_code == 302
    assert sortition.register_entries.count() == 60

    response = client.post(reverse("sortition:invitations", args=[sortition.pk]), {"count": 30, "seed": "4711"})
    assert response.status_code == 302
    sortition.refresh_from_db()
    assert sortition.state == Sortition.State.INVITATIONS_SENT
    assert sortition.seed == "4711"
    first = invited_lines(sortition)
    assert len(first) == 30
    codes = list(sortition.register_entries.exclude(response_code=None).values_list("response_code", flat=True))
    assert len(set(codes)) == 30
    assert all(re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", c) for c in codes)

    # The same register and seed give the same sample; another seed gives another one.
    again = new_sortition(staff)
    import_register(staff, again, register_csv())
    draw_invitations(staff, again, 30, seed="4711")
    assert invited_lines(again) == first
    other = new_sortition(staff)
    import_register(staff, other, register_csv())
    draw_invitations(staff, other, 30, seed="4712")
    assert invited_lines(other) != first
    assert AuditEntry.objects.filter(action="sortition.draw_invitations", changes__seed="4711").count() == 2

    # The letters are made by the task (after the commit) and downloaded from the private storage.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sortition:letters", args=[sortition.pk]))
    assert response.status_code == 302
    response = client.get(reverse("sortition:letters", args=[sortition.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(b"".join(response.streaming_content))
    assert len(pages) == 30
    text = "\n".join(pages)
    for entry in sortition.register_entries.exclude(response_code=None):
        assert entry.printed_code in text
        assert f"{entry.first_name} {entry.last_name}" in text
    assert "anmelden" in text


def test_stratified_sample_is_proportional_per_district(staff):
    sortition = new_sortition(staff)
    import_register(staff, sortition, register_csv())
    draw_invitations(staff, sortition, 26, stratify=True, seed="1")
    per_district = {}
    for entry in sortition.register_entries.filter(invited_at__isnull=False).select_related("district"):
        per_district[entry.district.number] = per_district.get(entry.district.number, 0) + 1
    # 60 people in 13 districts (4 or 5 each): 26 invitations are 2 per district.
    assert per_district == dict.fromkeys(range(1, 14), 2)


def test_signup_quotas_selection_lottery_draw_verify(client, staff, tmp_path, django_capture_on_commit_callbacks):
    sortition = sortition_with_invitations(staff)
    client.post(reverse("sortition:open_signup", args=[sortition.pk]))
    sortition.refresh_from_db()
    assert sortition.state == Sortition.State.SIGNUP_OPEN
    entries = list(sortition.register_entries.exclude(response_code=None).order_by("line"))

    # 18 sign up online (with the code as printed, with a dash), 2 replies on paper.
    client.logout()
    for i, entry in enumerate(entries[:18]):
        answers = {f"feature_{k}": v for k, v in answers_for(i).items()}
        response = client.post(
            reverse("sortition:signup", args=[sortition.pk]),
            {"code": format_code(entry.response_code).lower(), "consent": "on", **answers},
        )
        assert response.status_code == 302, response.content.decode()
    client.force_login(staff)
    for i, entry in enumerate(entries[18:20], start=18):
        answers = {f"feature_{k}": v for k, v in answers_for(i).items()}
        response = client.post(
            reverse("sortition:paper_reply", args=[sortition.pk]),
            {"code": entry.response_code, "consent": "on", **answers},
        )
        assert response.status_code == 302
    assert sortition.respondents.count() == 20
    assert sortition.respondents.filter(source=Respondent.Source.PAPER).count() == 2

    # Quotas the pool cannot meet: at least 5 of 6 aged 65+, but only 6 in the pool, and
    # at least 4 women... The page says so, and which feature blocks it, before any run.
    values = {v.key: v for f in sortition.features.all() for v in f.values.all()}
    bounds = balanced_bounds(sortition)
    response = client.post(
        reverse("sortition:quotas", args=[sortition.pk]),
        {
            **{f"min_{pk}": lo for pk, (lo, hi) in bounds.items()},
            **{f"max_{pk}": hi for pk, (lo, hi) in bounds.items()},
            f"min_{values['alt'].pk}": 7,
            f"max_{values['alt'].pk}": 7,
        },
    )
    assert response.status_code == 200  # min 7 > k = 6: refused with the feature named
    assert "Alter" in response.content.decode()
    # A set that is consistent on paper but not with this pool: all six aged 65+ (the pool has 6 such
    # people, 3 of them men), and at least 4 women.
    bounds[values["alt"].pk] = (6, 6)
    bounds[values["jung"].pk] = (0, 0)
    bounds[values["mittel"].pk] = (0, 0)
    bounds[values["w"].pk] = (4, 6)
    bounds[values["m"].pk] = (0, 2)
    set_quotas(staff, sortition, bounds)
    problem = feasibility(sortition)
    assert problem is not None
    assert problem["feature"] is not None
    response = client.get(reverse("sortition:quotas", args=[sortition.pk]))
    page = response.content.decode()
    assert "Diese Quoten kann der Pool nicht erfüllen" in page
    assert problem["feature"].name in page
    assert not SelectionRun.objects.exists()
    response = client.post(reverse("sortition:run", args=[sortition.pk]), {"algorithm": "leximin"})
    assert response.status_code == 200
    assert not SelectionRun.objects.exists()

    # Feasible quotas, then LEXIMIN.
    response = client.post(
        reverse("sortition:quotas", args=[sortition.pk]),
        {
            **{f"min_{pk}": lo for pk, (lo, hi) in balanced_bounds(sortition).items()},
            **{f"max_{pk}": hi for pk, (lo, hi) in balanced_bounds(sortition).items()},
        },
    )
    assert response.status_code == 302
    assert feasibility(sortition) is None
    with django_capture_on_commit_callbacks(execute=True):  # the task computes the run after the commit
        response = client.post(reverse("sortition:run", args=[sortition.pk]), {"algorithm": "leximin"})
    assert response.status_code == 302
    run = SelectionRun.objects.get()
    assert run.status == SelectionRun.Status.DONE
    assert sum(run.probabilities.values()) == pytest.approx(6, abs=1e-6)
    assert run.minimum > 0
    assert run.minimum <= run.maximum
    assert 0 <= run.gini < 1
    response = client.get(reverse("sortition:respondents", args=[sortition.pk]))
    assert f"{run.minimum:.4f}".replace(".", ",") in response.content.decode()

    # Publish the lottery: m numbered pseudonymised panels with a hash.
    response = client.post(reverse("sortition:publish", args=[sortition.pk]))
    lottery = PublishedLottery.objects.get()
    document = json.loads(lottery.document)["lottery"]
    assert len(document["panels"]) == sortition.lottery_size
    instance = build_instance(sortition)
    ids = {r.id: i for i, r in enumerate(instance.respondents)}
    assert all(not panel_violations(instance, [ids[p] for p in panel["members"]]) for panel in document["panels"])
    public = client.get(reverse("sortition:public_detail", args=[sortition.pk])).content.decode()
    assert lottery.sha256 in public
    download = client.get(reverse("sortition:lottery_json", args=[sortition.pk]))
    assert download.content.decode() == lottery.document

    # Draw with the public number read out at the meeting.
    response = client.post(reverse("sortition:draw", args=[sortition.pk]), {"public_number": "4 - 17 - 23 - 38 - 41"})
    assert response.status_code == 302
    draw = Draw.objects.get()
    assert len(draw.members) == 6
    assert draw.members == sorted(document["panels"][draw.panel_index - 1]["members"])
    assert sorted(sortition.respondents.filter(status="selected").values_list("pseudonym", flat=True)) == draw.members

    # Anyone recomputes the same panel: on the page and with the command.
    client.logout()
    page = client.get(
        reverse("sortition:verify", args=[sortition.pk]), {"public_number": "4-17-23-38-41"}
    ).content.decode()
    assert "dasselbe Panel wie bei der Ziehung" in page
    assert "seit der Veröffentlichung unverändert" in page
    for pseudonym in draw.members:
        assert pseudonym in page
    path = tmp_path / "lotterie.json"
    path.write_bytes(download.content)
    out = StringIO()
    call_command("verify_draw", str(path), "4-17-23-38-41", stdout=out)
    assert f"Panel: {draw.panel_index}" in out.getvalue()
    assert ", ".join(draw.members) in out.getvalue()
    assert lottery.sha256 in out.getvalue()
    # ... and with the command line of the algorithm package, without Django settings.
    assert cli_verify(path, "4 - 17 - 23 - 38 - 41") == (draw.panel_index, draw.members)

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "sortition.import_register",
        "sortition.sign_up",
        "sortition.set_quotas",
        "sortition.run_selection",
        "sortition.publish_lottery",
        "sortition.draw",
    } <= actions
