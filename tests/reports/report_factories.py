"""Factories and helpers for the tests of reports and comments on the concept."""

import datetime
from contextlib import contextmanager
from unittest import mock

import factory
from django.utils import timezone

from stadtdialog.reports.models import ConceptComment, Report, ReportComment
from tests.factories import UserFactory, published_process


class ReportFactory(factory.django.DjangoModelFactory):
    """A published interim report that takes comments for two more weeks."""

    class Meta:
        model = Report

    process = factory.LazyFunction(published_process)
    kind = Report.Kind.INTERIM
    title = factory.Sequence(lambda n: f"Zwischenstand {n}: Entwurf für den Spielplatz")
    text = "<p>Aus 120 Beiträgen ist ein Entwurf entstanden.</p>"
    decision_where_when = "Stadtbezirksrat Linden-Limmer, Sitzung am 12. März 2027"
    comments_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    published_at = factory.LazyFunction(timezone.now)


class ReportCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportComment

    report = factory.SubFactory(ReportFactory)
    author = factory.SubFactory(UserFactory)
    text = "Bitte die Bänke in den Schatten stellen."


class ConceptCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConceptComment

    concept = factory.LazyFunction(lambda: published_process().concept)
    concept_version = 1
    author = factory.SubFactory(UserFactory)
    text = "Die Kinder selbst sollten in der Projektbegleitgruppe vertreten sein."


def report_data(**changes) -> dict:
    """The keyword arguments of services.create_report for an interim report that takes comments."""
    data = {
        "kind": "interim",
        "title": "Zwischenstand der Planung",
        "text": "<p>Der Entwurf liegt vor.</p>",
        "decision_where_when": "Stadtbezirksrat, Sitzung am 12. März 2027",
        "comments_until": timezone.localdate() + datetime.timedelta(days=10),
    }
    data.update(changes)
    return data


def report_form_data(**changes) -> dict:
    """What the staff report form sends for the same report."""
    data = {**report_data(), "open_comments": "on"}
    data.update(changes)
    return {name: value.isoformat() if isinstance(value, datetime.date) else value for name, value in data.items()}


@contextmanager
def clock_at(moment: datetime.datetime):
    """Run the block as if it were `moment` (timezone.now and timezone.localdate follow)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def day_after(date: datetime.date) -> datetime.datetime:
    """Noon of the day after `date`, in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(date + datetime.timedelta(days=1), datetime.time(12)))


def late_on(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(23, 30)))
