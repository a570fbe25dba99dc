"""Taking a plan, a process or a report back from the public: the same steps, each with its audit entry."""

import pytest

from stadtdialog.core import audit
from stadtdialog.plans import services as plan_services
from stadtdialog.processes import services as process_services
from stadtdialog.reports import services as reports
from tests.factories import published_process
from tests.reports.report_factories import ReportFactory

pytestmark = pytest.mark.django_db


def _targets():
    process = published_process()
    report = ReportFactory(process=process)
    lead = process.lead_contact
    return [
        (process.plan, lambda: plan_services.unpublish_plan(lead, process.plan), "plan.unpublish"),
        (process, lambda: process_services.unpublish_process(lead, process), "process.unpublish"),
        (report, lambda: reports.unpublish_report(lead, report), "report.unpublish"),
    ]


def test_unpublishing_makes_a_draft_and_records_who_and_when():
    for obj, unpublish, action in _targets():
        published_at = obj.published_at
        assert unpublish() is obj
        obj.refresh_from_db()
        assert obj.published_at is None
        entry = audit.history(obj).get(action=action)
        assert entry.changes == {"published_at": [str(published_at), None]}
        assert entry.actor is not None


def test_unpublishing_a_draft_changes_nothing_and_records_nothing():
    for obj, unpublish, action in _targets():
        unpublish()
        unpublish()
        assert audit.history(obj).filter(action=action).count() == 1
