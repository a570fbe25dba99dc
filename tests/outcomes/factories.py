"""Factories and helpers for the outcomes tests: results, decisions, milestones."""

import datetime

import factory
from django.utils import timezone

from stadtdialog.outcomes.models import (
    CouncilPaperConsultation,
    Decision,
    ImplementationUpdate,
    Milestone,
    Recommendation,
    Result,
    Verdict,
)
from tests.factories import CouncilPaperFactory, published_process


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    process = factory.LazyFunction(published_process)
    summary = "<p>Die Beteiligten wünschen sich mehr Schatten und Sitzplätze.</p>"
    published_at = factory.LazyFunction(timezone.now)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    result = factory.SubFactory(ResultFactory)
    text = factory.Sequence(lambda n: f"Empfehlung Nummer {n}: Bäume pflanzen")
    position = factory.Sequence(lambda n: n)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    process = factory.LazyFunction(published_process)
    decision_maker = "Stadtbezirksrat Linden-Limmer"
    date = datetime.date(2027, 3, 15)
    body = "Stadtbezirksrat"
    text = "<p>Der Stadtbezirksrat beschließt die Umgestaltung.</p>"
    published_at = factory.LazyFunction(timezone.now)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    decision = factory.SubFactory(DecisionFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
    outcome = Verdict.Outcome.FOLLOWED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    process = factory.LazyFunction(published_process)
    title = factory.Sequence(lambda n: f"Bauabschnitt {n}")
    planned_start = datetime.date(2027, 4, 1)
    planned_end = datetime.date(2027, 9, 30)
    status = Milestone.Status.IN_PROGRESS
    progress = 50


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImplementationUpdate

    process = factory.LazyFunction(published_process)
    date = datetime.date(2027, 5, 1)
    text = "Die ersten Bäume sind gepflanzt."


def milestone_data(**changes) -> dict:
    data = {
        "title": "Spielgeräte aufstellen",
        "planned_start": datetime.date(2027, 4, 1),
        "planned_end": datetime.date(2027, 6, 30),
        "status": Milestone.Status.PLANNED,
        "progress": 0,
    }
    data.update(changes)
    return data


def lead_of(process):
    return process.lead_contact


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilPaperConsultation

    paper = factory.SubFactory(CouncilPaperFactory)
    position = factory.Sequence(lambda n: n + 1)
    organization = "Stadtbezirksrat Linden-Limmer"
    meeting = "Sitzung des Stadtbezirksrates Linden-Limmer"
    date = datetime.date(2027, 2, 3)
    role = "Vorberatung"
    authoritative = False
