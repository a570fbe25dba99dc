"""The figure test: a world with known counts (fixtures.build) checks every figure of the report of 2025,
for the whole city and with each filter; and the frozen-history test."""

import pytest
from django.utils.translation import gettext as _

from stadtdialog.accounts.services import delete_account
from stadtdialog.dialog.models import Contribution, Response
from stadtdialog.evaluation.models import GoalAssessment
from stadtdialog.events.models import Event
from stadtdialog.organisation.models import District, FieldOfAction
from stadtdialog.outcomes.models import Milestone, Verdict
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Phase
from stadtdialog.reporting import queries
from stadtdialog.reporting.scope import ReportScope
from stadtdialog.reports.models import ConceptComment
from stadtdialog.sortition.models import Sortition
from tests.factories import PASSWORD

from .fixtures import AS_OF, YEAR, at, build, contribution, quarter_of

pytestmark = pytest.mark.django_db


def scope(**filters) -> ReportScope:
    return ReportScope(year=filters.pop("year", YEAR), units=queries.all_units(), as_of=AS_OF, **filters)


def tables(report_scope) -> dict:
    return {table.key: table for entry in queries.compute(report_scope) for table in entry.tables}


def numbers(table) -> list:
    return [row[1:] for row in table.rows]


def by_label(table) -> dict:
    return {str(row[0]): row[1:] for row in table.rows}


@pytest.fixture
def world():
    return build()


def test_every_figure_of_the_year(world):
    t = tables(scope())
    assert set(t) == {
        "plans_by_status",
        "plans_participation",
        "processes",
        "phases_by_format",
        "events_by_format",
        "input",
        "contributions_by_source",
        "answers",
        "answers_by_status",
        "not_taken_reasons",
        "concept_comments",
        "results",
        "verdicts",
        "deviations",
        "milestones",
        "evaluations_by_department",
        "goal_attainment",
        "sortitions",
        # the sections of districts and office (tests/reporting/test_sections_districts_office.py)
        "concerns_by_district",
        "concerns_overall",
        "concerns_by_status",
        "concerns_by_category",
        "room_utilisation",
        "booking_requests",
        "funding_rounds",
        "funding_by_district",
        "funding_by_field",
    }
    status = {str(label): n for label, n in t["plans_by_status"].rows}
    assert status == {str(label): 0 for _value, label in Plan.Status.choices} | {
        str(Plan.Status.IDEA.label): 1,
        str(Plan.Status.PARTICIPATION.label): 1,
        str(Plan.Status.DECIDED.label): 1,
        str(Plan.Status.STOPPED.label): 1,
    }
    assert numbers(t["plans_participation"]) == [[2], [1], [1]]
    assert numbers(t["processes"]) == [[2], [2]]

    phases = by_label(t["phases_by_format"])  # online, on site, both, total
    assert phases.pop(str(Phase.Format.ONLINE_DIALOG.label)) == [1, 0, 0, 1]
    assert phases.pop(str(Phase.Format.WORKSHOP.label)) == [0, 1, 0, 1]
    assert phases.pop(str(Phase.Format.WALK.label)) == [0, 1, 0, 1]
    assert phases.pop(str(Phase.Format.SURVEY.label)) == [0, 0, 1, 1]  # the survey of 2024-12-31 does not count
    assert all(row == [0, 0, 0, 0] for row in phases.values())

    events = by_label(t["events_by_format"])  # events, cancelled, participants
    assert events.pop(str(Event.Format.WORKSHOP.label)) == [1, 0, 3]
    assert events.pop(str(Event.Format.WALK.label)) == [1, 1, 0]
    assert events.pop(str(Event.Format.INFO_EVENT.label)) == [1, 0, 2]
    assert events.pop(_("Total")) == [3, 1, 5]
    assert all(row == [0, 0, 0] for row in events.values())

    assert numbers(t["input"]) == [[3], [3], [4], [2]]
    assert by_label(t["contributions_by_source"]) == {
        str(Contribution.Source.ONLINE.label): [3],
        str(Contribution.Source.POSTCARD.label): [1],
        str(Contribution.Source.WORKSHOP.label): [1],
        str(Contribution.Source.EVENT.label): [1],
        str(Contribution.Source.LETTER.label): [0],
        _("Total"): [6],
    }
    # 6 contributions, 4 answered after 2, 4, 10 and 20 days; nearest rank: median the 2nd, p90 the 4th
    assert numbers(t["answers"]) == [[6], [4], [66.7], [1], [4.0], [20.0]]
    assert by_label(t["answers_by_status"]) == {
        str(Response.Status.TAKEN.label): [1, 25.0],
        str(Response.Status.PARTLY.label): [1, 25.0],
        str(Response.Status.NOT_TAKEN.label): [1, 25.0],
        str(Response.Status.OUT_OF_SCOPE.label): [1, 25.0],
    }
    pr1 = world.processes["pr1"]
    assert t["not_taken_reasons"].rows == [["Tischtennis", pr1.title, "Die Fläche reicht für eine Platte nicht aus."]]

    assert by_label(t["concept_comments"]) == {
        str(ConceptComment.Status.OPEN.label): [1],
        str(ConceptComment.Status.ADOPTED.label): [2],
        str(ConceptComment.Status.DECLINED.label): [1],
        _("Total"): [4],
        _("adopted into a new version of the concept"): [1],
    }
    assert numbers(t["results"]) == [[1], [3], [1]]
    assert by_label(t["verdicts"]) == {
        str(Verdict.Outcome.FOLLOWED.label): [1, 33.3],
        str(Verdict.Outcome.PARTLY.label): [1, 33.3],
        str(Verdict.Outcome.NOT_FOLLOWED.label): [1, 33.3],
    }
    assert [row[1:] for row in t["deviations"].rows] == [
        [pr1.title, str(Verdict.Outcome.NOT_FOLLOWED.label), "Die Fläche wird für die Feuerwehr gebraucht."],
        [pr1.title, str(Verdict.Outcome.PARTLY.label), "Nur ein Teil ist finanzierbar."],
    ]
    milestones = by_label(t["milestones"])
    assert milestones == {
        str(Milestone.Status.PLANNED.label): [1],
        str(Milestone.Status.IN_PROGRESS.label): [1],
        str(Milestone.Status.DONE.label): [1],
        str(Milestone.Status.DELAYED.label): [0],
        str(Milestone.Status.DROPPED.label): [0],
        _("overdue (due, neither done nor dropped)"): [2],
        _("average progress (%)"): [50.0],
    }
    departments = by_label(t["evaluations_by_department"])  # processes, evaluations, achieved, partly, not
    assert departments["FB T1 Testbereich Grün"] == [2, 1, 1, 1, 0]  # pr2's plan is led by a section of FB T1
    assert departments["FB T2 Testbereich Verkehr"] == [0, 0, 0, 0, 0]
    assert sum(row[0] for row in departments.values()) == 2
    assert by_label(t["goal_attainment"]) == {
        str(GoalAssessment.Rating.ACHIEVED.label): [1, 50.0],
        str(GoalAssessment.Rating.PARTLY.label): [1, 50.0],
        str(GoalAssessment.Rating.NOT_ACHIEVED.label): [0, 0.0],
    }
    sortitions = by_label(t["sortitions"])
    assert sortitions.pop(str(Sortition.State.SETUP.label)) == [1]
    assert sortitions.pop(str(Sortition.State.DRAWN.label)) == [1]
    assert sortitions.pop(_("Total")) == [2]
    assert sortitions.pop(_("seats of the panels drawn")) == [30]
    assert all(row == [0] for row in sortitions.values())


def test_the_district_of_a_contribution_is_the_one_recorded_with_it(world):
    one = tables(scope(district=District.objects.get(number=1)))
    assert numbers(one["plans_participation"]) == [[1], [0], [0]]
    assert numbers(one["input"]) == [[2], [2], [3], [2]]
    assert numbers(one["answers"]) == [[4], [4], [100.0], [0], [4.0], [20.0]]
    assert by_label(one["events_by_format"])[_("Total")] == [1, 0, 3]  # e1 by its plan; e3 is in district 3

    two = tables(scope(district=District.objects.get(number=2)))
    assert numbers(two["input"]) == [[0], [1], [0], [0]]  # c5 was written about a quarter of district 4
    four = tables(scope(district=District.objects.get(number=4)))
    assert numbers(four["input"]) == [[1], [0], [1], [0]]
    assert numbers(four["answers"]) == [[1], [0], [0.0], [1], [None], [None]]
    three = tables(scope(district=District.objects.get(number=3)))
    assert by_label(three["events_by_format"])[_("Total")] == [1, 0, 2]  # the event of its own district


def test_filters_by_directorate_department_and_field(world):
    directorate = tables(scope(directorate=world.directorate))
    assert sum(row[1] for row in directorate["plans_by_status"].rows) == 2
    assert numbers(directorate["input"]) == [[3], [3], [4], [2]]
    assert by_label(directorate["events_by_format"])[_("Total")] == [3, 1, 5]  # e3 is the department's own
    assert [row[0] for row in directorate["evaluations_by_department"].rows] == ["FB T1 Testbereich Grün"]

    other = tables(scope(department=world.other_department))
    assert numbers(other["plans_participation"]) == [[0], [1], [1]]
    assert numbers(other["input"]) == [[0], [0], [0], [0]]
    assert numbers(other["sortitions"])[-2:] == [[0], [0]]

    field = tables(scope(field=FieldOfAction.objects.get(position=1)))
    assert sum(row[1] for row in field["plans_by_status"].rows) == 1
    assert numbers(field["input"]) == [[2], [2], [3], [2]]
    assert by_label(field["events_by_format"])[_("Total")] == [1, 0, 3]


def test_the_year_before_has_its_own_figures(world):
    before = tables(scope(year=YEAR - 1))
    assert sum(row[1] for row in before["plans_by_status"].rows) == 1
    assert numbers(before["input"]) == [[1], [0], [0], [0]]
    assert by_label(before["phases_by_format"])[str(Phase.Format.SURVEY.label)] == [1, 0, 0, 1]


def test_frozen_history_a_deleted_account_or_a_move_changes_no_figure_of_a_past_year(world):
    """CONSUL's figures drift because they count by the participants' current data. Here the resident who wrote
    a contribution, three comments and four concept comments and came to a workshop deletes the account; before
    that they moved and wrote from another district in the following year. The figures of 2025 stay."""
    scopes = [scope(), scope(district=District.objects.get(number=1)), scope(district=District.objects.get(number=5))]
    before = [queries.compute(item) for item in scopes]
    cached_before = queries.report(scopes[0])

    contribution(
        world.processes["pr1"],
        "online",
        "Neu aus dem anderen Bezirk",
        at(2, 1, year=YEAR + 1),
        quarter=quarter_of(5),
        author=world.resident,
    )
    delete_account(world.resident, password=PASSWORD)

    assert [queries.compute(item) for item in scopes] == before
    assert queries.report(scopes[0]) == cached_before  # computed afresh (the deletion made the cache stale)
    assert not Contribution.objects.filter(author__isnull=False, title="Schattenplätze").exists()
    following = tables(scope(year=YEAR + 1, district=District.objects.get(number=5)))
    assert numbers(following["input"])[0] == [1]
