"""Exports and feeds are safe (issue 11, item 7): no formula in a CSV cell, plain text in the Atom feed as text,
no line break in a single-line field, no bidi or zero-width control characters in titles and names."""

import csv
import io
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from stadtdialog.accounts.models import Role
from stadtdialog.core import audit
from stadtdialog.core.csv import safe_cell, safe_writer
from stadtdialog.core.text import without_invisible_controls
from tests.events.factories import EventFactory
from tests.factories import PlanFactory, published_process, staff_user

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
ATOM = "{http://www.w3.org/2005/Atom}"


def _table(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+49 511 1680", "'+49 511 1680"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Stadtplatz = Treffpunkt", "Stadtplatz = Treffpunkt"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_safe_cell_neutralises_what_a_spreadsheet_reads_as_a_formula(value, cell):
    assert safe_cell(value) == cell


def test_the_safe_writer_streams_lines_and_writes_to_files():
    assert safe_writer(delimiter=";").writerow(["=1", "a"]) == "'=1;a\r\n"
    handle = io.StringIO()
    safe_writer(handle).writerows([["@x"], ["y"]])
    assert handle.getvalue() == "'@x\r\ny\r\n"


def test_the_public_plan_export_neutralises_formulas(client):
    PlanFactory(title=HYPERLINK, summary="-1+1")
    (header, row) = _table(client.get(reverse("plans:csv")))
    assert row[0] == "'" + HYPERLINK
    assert row[1] == "'-1+1"


def test_the_staff_list_export_neutralises_formulas(client):
    admin = staff_user(Role.Kind.ADMIN, full_name="Ada Admin", office_email="ada@hannover-stadt.example")
    staff_user(Role.Kind.MODERATOR, full_name=HYPERLINK, office_email="m@hannover-stadt.example")
    client.force_login(admin)
    names = [row[0] for row in _table(client.get(reverse("accounts:staff_csv")))[1:]]
    assert "'" + HYPERLINK in names
    assert HYPERLINK not in names


def test_the_audit_log_export_neutralises_formulas(client):
    admin = staff_user(Role.Kind.ADMIN, full_name="@Ada", office_email="ada@hannover-stadt.example")
    plan = PlanFactory(title=HYPERLINK)
    audit.record(admin, "plan.update", plan, {"title": ["+alt", HYPERLINK]})
    client.force_login(admin)
    (header, row) = _table(client.get(reverse("core:audit_log_csv")))[:2]
    assert row[1].startswith("'@Ada")
    assert row[4] == "'" + HYPERLINK
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_every_csv_the_project_writes_goes_through_the_safe_writer():
    """A new export that uses csv.writer directly fails here."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "src" / "stadtdialog"
    direct = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if any(call in path.read_text(encoding="utf-8") for call in ("csv.writer(", "DictWriter("))
        and path.name != "csv.py"
    ]
    assert direct == []


def test_the_atom_feed_sends_the_plain_text_summary_as_text(client):
    PlanFactory(title="Tom & Jerry <Platz>", summary="Ein <b>Platz</b> & mehr")
    response = client.get(reverse("plans:feed"))
    assert response.status_code == 200
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "Ein <b>Platz</b> & mehr"
    assert b"Ein &lt;b&gt;Platz&lt;/b&gt; &amp; mehr" in response.content
    title = entry.find(f"{ATOM}title")
    assert title.get("type") in (None, "text")
    assert title.text == "Tom & Jerry <Platz>"


def test_the_ics_of_an_event_whose_stored_title_has_a_line_break_is_valid(client):
    event = EventFactory(title="Titel\nZeile\r\nDrei\u2028Vier", place_name="Saal 1\nNord", address="Windheimstraße 4")
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.events
    assert str(vevent["SUMMARY"]) == "Titel Zeile Drei Vier"
    assert str(calendar["X-WR-CALNAME"]) == "Titel Zeile Drei Vier"
    assert str(vevent["LOCATION"]) == "Saal 1 Nord, Windheimstraße 4"


def test_without_invisible_controls_removes_bidi_and_zero_width_characters():
    text = "\u202eA\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200fB\u200b\u200c\u200d\ufeff\u2060C"
    assert without_invisible_controls(text) == "ABC"
    assert without_invisible_controls("Döhren – Wülfel") == "Döhren – Wülfel"


def _forms():
    """(form, field) for the single-line titles and names of the staff and public forms."""
    from stadtdialog.accounts import forms as accounts
    from stadtdialog.core import forms as core
    from stadtdialog.events import forms as events
    from stadtdialog.initiatives import forms as initiatives
    from stadtdialog.organisation import forms as organisation
    from stadtdialog.outcomes import forms as outcomes
    from stadtdialog.plans import forms as plans
    from stadtdialog.processes import forms as processes
    from stadtdialog.reports import forms as reports
    from stadtdialog.sortition import forms as sortition

    staff = staff_user(Role.Kind.COORDINATION)
    process = published_process()
    return {
        "plan": (lambda d: plans.PlanForm(d, user=staff), "title"),
        "plan attachment": (lambda d: plans.AttachmentForm(d), "title"),
        "process": (lambda d: processes.ProcessCreateForm(d), "title"),
        "concept": (lambda d: processes.ConceptForm(d, process=process), "title"),
        "phase": (lambda d: processes.PhaseForm(d), "title"),
        "event": (lambda d: events.EventForm(d, user=staff), "title"),
        "event place": (lambda d: events.EventForm(d, user=staff), "place_name"),
        "event registration": (lambda d: events.RegistrationForm(d, antibot=False), "name"),
        "initiative": (lambda d: initiatives.InitiativeForm(d, antibot=False), "title"),
        "report": (lambda d: reports.ReportForm(d), "title"),
        "report attachment": (lambda d: reports.ReportAttachmentForm(d), "title"),
        "page": (lambda d: core.PageForm(d), "title"),
        "barrier report": (lambda d: core.BarrierReportForm(d, antibot=False), "name"),
        "unit short name": (lambda d: organisation.UnitForm(d), "short_name"),
        "unit": (lambda d: organisation.UnitForm(d), "name"),
        "result document": (lambda d: outcomes.DocumentForm(d), "title"),
        "milestone": (lambda d: outcomes.MilestoneForm(d, process=process), "title"),
        "sortition": (lambda d: sortition.SortitionForm(d), "title"),
        "sortition question": (lambda d: sortition.FeatureForm(d), "name"),
        "staff invitation": (lambda d: accounts.InviteStaffForm(d, user=staff), "full_name"),
        "registration": (lambda d: accounts.RegistrationForm(d, antibot=False), "display_name"),
        "profile": (lambda d: accounts.ProfileForm(d), "display_name"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "plan",
        "plan attachment",
        "process",
        "concept",
        "phase",
        "event",
        "event place",
        "event registration",
        "initiative",
        "report",
        "report attachment",
        "page",
        "barrier report",
        "unit short name",
        "unit",
        "result document",
        "milestone",
        "sortition",
        "sortition question",
        "staff invitation",
        "registration",
        "profile",
    ],
)
def test_single_line_fields_refuse_line_breaks_and_drop_invisible_controls(name):
    make, field = _forms()[name]
    with translation.override("de"):
        for broken in ("Titel\nZeile", "Titel\r\nZeile", "Titel\rZeile", "Titel\u2028Zeile"):
            form = make({field: broken})
            assert not form.is_valid()
            assert form.errors[field] == ["Bitte schreiben Sie dies in eine Zeile, ohne Zeilenumbruch."], broken
        form = make({field: "\u200b \u202eTi\u200btel\u2066 am\ufeff Platz\u2069"})
        form.is_valid()
        assert field not in form.errors
        assert form.cleaned_data[field] == "Titel am Platz"


def test_a_title_with_a_line_break_is_refused_on_the_page_and_what_was_typed_is_kept(client):
    client.force_login(staff_user(Role.Kind.COORDINATION))
    response = client.post(reverse("plans:staff_create"), {"title": "Titel\nZeile", "summary": "Kurz"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bitte schreiben Sie dies in eine Zeile, ohne Zeilenumbruch." in page
    assert "Titel\nZeile" in page or "Titel&#10;Zeile" in page
