"""Stored council papers updated from OParl: all or nothing, with audit entries, and the import command."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from stadtdialog.core import audit
from stadtdialog.core.models import AuditEntry
from stadtdialog.outcomes.models import CouncilPaperConsultation
from stadtdialog.outcomes.oparl import SYNC_FIELDS, OParlClient, OParlError, sync_papers
from stadtdialog.plans.models import CouncilPaper
from tests.factories import CouncilPaperFactory, PlanFactory, UserFactory
from tests.outcomes.factories import ConsultationFactory
from tests.outcomes.oparl_server import OParlTestServer

pytestmark = pytest.mark.django_db

PAPERS = "/oparl/v1/body/1/paper"


@pytest.fixture
def server():
    with OParlTestServer() as running:
        yield running


@pytest.fixture
def papers():
    """Two stored papers with outdated data (the first with an outdated consultation), linked to a plan."""
    first = CouncilPaperFactory(number="1736/2018", title="Küchengartenplatz (Entwurf)", date=datetime.date(2018, 5, 1))
    ConsultationFactory(paper=first, position=1, organization="Bauausschuss (alt)", role="Vorberatung")
    second = CouncilPaperFactory(number="15-1178/2022", title="Spielplätze", paper_type="", date=None)
    plan = PlanFactory()
    plan.council_papers.add(first, second)
    return [first, second]


CONSULTATION = ["id", "position", "organization", "meeting", "date", "role", "authoritative"]


def stored(papers):
    """Each paper's synced fields and its stored consultation rows (with their ids)."""
    return [
        (
            audit.snapshot(CouncilPaper.objects.get(pk=p.pk), SYNC_FIELDS),
            list(CouncilPaperConsultation.objects.filter(paper=p).order_by("position").values_list(*CONSULTATION)),
        )
        for p in papers
    ]


def consultations(number):
    return list(
        CouncilPaperConsultation.objects.filter(paper__number=number)
        .order_by("position")
        .values_list("position", "organization", "meeting", "date", "role", "authoritative")
    )


def test_sync_updates_title_date_type_and_link_with_an_audit_entry(server, papers):
    result = sync_papers(["1736/2018", "15-1178/2022"], client=OParlClient(server.url("/oparl/v1/system")))

    assert sorted(result.updated) == ["15-1178/2022", "1736/2018"]
    first = CouncilPaper.objects.get(number="1736/2018")
    assert first.title == "Neugestaltung des Küchengartenplatzes in Linden-Mitte"
    assert first.date == datetime.date(2018, 6, 14)
    assert first.paper_type == "Beschlussdrucksache"
    assert first.url == first.link == server.url("/vorgang/1736-2018")
    entry = audit.history(first).get()
    assert entry.actor is None
    assert entry.action == "council_paper.oparl_sync"
    assert entry.changes["title"] == [
        "Küchengartenplatz (Entwurf)",
        "Neugestaltung des Küchengartenplatzes in Linden-Mitte",
    ]
    assert entry.changes["date"] == ["2018-05-01", "2018-06-14"]
    # the consultations come back to the caller
    assert [c.role for c in result.papers["1736/2018"].consultations] == ["Anhörung", "Entscheidung"]
    assert [c["role"] for c in entry.changes["consultations"][0]] == ["Vorberatung"]
    assert [c["role"] for c in entry.changes["consultations"][1]] == ["Anhörung", "Entscheidung"]


def test_sync_stores_the_consultations_in_order_and_replaces_outdated_ones(server, papers):
    sync_papers(["1736/2018", "15-1178/2022"], client=OParlClient(server.url("/oparl/v1/system")))

    assert consultations("1736/2018") == [
        (
            1,
            "Stadtentwicklungs- und Bauausschuss",
            "Sitzung des Stadtentwicklungs- und Bauausschusses",
            datetime.date(2018, 7, 4),
            "Anhörung",
            False,
        ),
        (2, "Rat der Landeshauptstadt Hannover", "Sitzung des Rates", datetime.date(2018, 7, 12), "Entscheidung", True),
    ]
    # an embedded consultation first, then one referenced by URL, in the order the paper lists them
    assert consultations("15-1178/2022") == [
        (
            1,
            "Stadtbezirksrat Linden-Limmer",
            "Sitzung des Stadtbezirksrates Linden-Limmer",
            datetime.date(2022, 6, 1),
            "Entscheidung",
            True,
        ),
        (
            2,
            "Stadtentwicklungs- und Bauausschuss",
            "Sitzung des Stadtentwicklungs- und Bauausschusses",
            datetime.date(2018, 7, 4),
            "Kenntnisnahme",
            False,
        ),
    ]
    assert not CouncilPaperConsultation.objects.filter(organization="Bauausschuss (alt)").exists()


def test_consultations_that_vanished_from_the_server_are_removed(server, papers):
    client = OParlClient(server.url("/oparl/v1/system"))
    sync_papers(["1736/2018"], client=client)
    page = json.loads(server.file_text("papers-2.json"))
    page["data"][0]["consultation"] = page["data"][0]["consultation"][1:]
    server.answer(f"{PAPERS}?page=2", body=json.dumps(page))

    result = sync_papers(["1736/2018"], client=OParlClient(server.url("/oparl/v1/system")))

    assert result.updated == ["1736/2018"]
    assert [row[4] for row in consultations("1736/2018")] == ["Entscheidung"]
    assert list(audit.history(CouncilPaper.objects.get(number="1736/2018")).first().changes) == ["consultations"]


def test_a_second_sync_changes_nothing_and_writes_no_audit_entry(server, papers):
    client = OParlClient(server.url("/oparl/v1/system"))
    sync_papers(["1736/2018"], client=client)
    entries = AuditEntry.objects.count()

    rows = stored(papers)

    result = sync_papers(["1736/2018"], client=OParlClient(server.url("/oparl/v1/system")))

    assert result.unchanged == ["1736/2018"]
    assert AuditEntry.objects.count() == entries
    assert stored(papers) == rows  # the same consultation rows, not rewritten


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 500, "body": "Internal Server Error", "content_type": "text/plain"},
        {"body": '{"data": [ {"id": "x", '},
        {
            "body": json.dumps(
                {"data": [{"id": "x", "type": "https://schema.oparl.org/1.1/Meeting", "name": "Sitzung"}]}
            )
        },
    ],
    ids=["server-error", "malformed-json", "wrong-type"],
)
def test_a_failing_last_page_changes_no_stored_paper_and_no_consultation(server, papers, answer):
    # page 2 (with 1736/2018) reads fine; page 3 (with 15-1178/2022) fails
    server.answer(f"{PAPERS}?page=3", **answer)
    before = stored(papers)

    with pytest.raises(OParlError):
        sync_papers(["1736/2018", "15-1178/2022"], client=OParlClient(server.url("/oparl/v1/system")))

    assert stored(papers) == before
    assert not AuditEntry.objects.filter(action="council_paper.oparl_sync").exists()


def test_a_wrong_type_inside_a_consultation_changes_no_stored_paper_and_no_consultation(server, papers):
    server.answer("/oparl/v1/organization/14", body=server.file_text("meeting-101.json"))
    before = stored(papers)

    with pytest.raises(OParlError, match="erwartet: Organization"):
        sync_papers(["1736/2018", "15-1178/2022"], client=OParlClient(server.url("/oparl/v1/system")))

    assert stored(papers) == before


def test_missing_and_unstored_papers_are_reported(server, papers):
    result = sync_papers(["2200/2019", "4711/2020"], client=OParlClient(server.url("/oparl/v1/system")))

    assert result.not_stored == ["2200/2019"]
    assert result.missing == ["4711/2020"]
    assert result.updated == []
    assert not CouncilPaper.objects.filter(number="2200/2019").exists()


def test_a_number_in_the_wrong_form_is_refused_before_any_request(server):
    with pytest.raises(ValidationError) as error:
        sync_papers(["1736-2018"], client=OParlClient(server.url("/oparl/v1/system")))
    assert "ist keine Drucksachennummer" in error.value.messages[0]
    assert server.requests == []


def test_an_unusable_web_link_keeps_the_stored_link(server, papers):
    page = json.loads(server.file_text("papers-2.json"))
    page["data"][0]["web"] = "javascript:alert(1)"
    server.answer(f"{PAPERS}?page=2", body=json.dumps(page))

    result = sync_papers(["1736/2018"], client=OParlClient(server.url("/oparl/v1/system")))

    assert CouncilPaper.objects.get(number="1736/2018").url == ""
    assert "nicht verwendbar" in result.warnings[0]


def test_residents_may_not_sync(server, papers):
    with pytest.raises(PermissionDenied):
        sync_papers(["1736/2018"], client=OParlClient(server.url("/oparl/v1/system")), actor=UserFactory())


def test_import_command_updates_all_linked_papers(server, papers, settings):
    settings.OPARL_URL = server.url("/oparl/v1/system")
    CouncilPaperFactory(number="0815/2017", title="nicht verknüpft")
    out = io.StringIO()

    call_command("import_oparl", "--all-linked", stdout=out, stderr=io.StringIO())

    assert "Drucksache 1736/2018 aktualisiert." in out.getvalue()
    assert "Drucksache 15-1178/2022 aktualisiert." in out.getvalue()
    assert "12.07.2018 Rat der Landeshauptstadt Hannover, Sitzung des Rates (Entscheidung)" in out.getvalue()
    assert CouncilPaper.objects.get(number="0815/2017").title == "nicht verknüpft"


def test_import_command_reports_a_server_error_and_stores_nothing(server, papers):
    server.answer(f"{PAPERS}?page=3", status=500, body="kaputt", content_type="text/plain")
    before = stored(papers)

    with pytest.raises(CommandError, match=r"Es wurde nichts geändert\. Der OParl-Server .* HTTP-Status 500"):
        call_command("import_oparl", "--all-linked", "--url", server.url("/oparl/v1/system"))

    assert stored(papers) == before


def test_import_command_reports_missing_papers_and_bad_input(server, papers):
    err = io.StringIO()
    call_command(
        "import_oparl",
        "--number",
        "4711/2020",
        "--url",
        server.url("/oparl/v1/system"),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "Drucksache 4711/2020 wurde auf dem OParl-Server nicht gefunden." in err.getvalue()

    with pytest.raises(CommandError, match="ist keine Drucksachennummer"):
        call_command("import_oparl", "--number", "Drucksache 12", "--url", server.url("/oparl/v1/system"))
    with pytest.raises(CommandError, match="--all-linked"):
        call_command("import_oparl", "--url", server.url("/oparl/v1/system"))


def test_import_command_without_linked_papers_reads_nothing(server):
    out = io.StringIO()
    call_command("import_oparl", "--all-linked", "--url", server.url("/oparl/v1/system"), stdout=out)
    assert "Keine Drucksache ist mit einem Vorhaben verknüpft" in out.getvalue()
    assert server.requests == []
