"""A city full of public data, with personal data wherever it can exist, for the open-data tests."""

import datetime
import itertools

import pytest
from django.utils import timezone

from stadtdialog.dialog.models import Contribution
from stadtdialog.evaluation import services as evaluation_services
from stadtdialog.evaluation.models import Evaluation
from stadtdialog.organisation.models import District, FieldOfAction, Quarter
from stadtdialog.plans.models import Plan
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory, ResponseFactory
from tests.evaluation.factories import answers_for, started
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PlanFactory, UserFactory, published_process
from tests.outcomes.factories import (
    DecisionFactory,
    MilestoneFactory,
    RecommendationFactory,
    ResultFactory,
    VerdictFactory,
)
from tests.reports.report_factories import ReportCommentFactory, ReportFactory

# strings that must never leave the portal through the API, the catalogue or the download
SECRET_NAME = "Geheimhild Privatmann"
SECRET_EMAIL = "geheimhild.privatmann@example.org"
SECRET_PHONE = "0511 99887766"
SECRET_TEXT = "Meine Telefonnummer ist vertraulich"
_SEEDS = itertools.count()


def seed_public_data(n: int = 1) -> dict:
    """n published plans, each with a public process, contributions (one hidden), comments, answers, a report, an
    event with registrations, results, a decision with verdicts, milestones and a published evaluation; plus a draft
    plan and an unpublished process that must not appear. Every person has a name and an e-mail address that must
    not appear, only their display name."""
    district = District.objects.order_by("number").first()
    quarter = Quarter.objects.filter(district=district).first()
    field = FieldOfAction.objects.order_by("position").first()
    made = {"plans": [], "processes": [], "contributions": []}
    for i in range(n):
        run = next(_SEEDS)
        plan = PlanFactory(title=f"Neugestaltung Platz {i}", status=Plan.Status.PARTICIPATION)
        plan.districts.add(district)
        plan.quarters.add(quarter)
        plan.fields_of_action.add(field)
        process = published_process(plan=plan)
        author = UserFactory(full_name=SECRET_NAME, email=f"{run}.{SECRET_EMAIL}", display_name=f"Pseudonym{i}")
        contribution = ContributionFactory(process=process, author=author, quarter=quarter)
        ContributionFactory(process=process, author=author, kind=Contribution.Kind.QUESTION)
        ContributionFactory(process=process, author=author, hidden_at=timezone.now(), title=f"Versteckt {i}")
        CommentFactory(contribution=contribution, author=author)
        ResponseFactory(contribution=contribution)
        report = ReportFactory(process=process)
        ReportCommentFactory(report=report, author=author)
        event = EventFactory(process=process, district=district)
        RegistrationFactory(event=event, name=SECRET_NAME, email=f"r{run}.{SECRET_EMAIL}", needs=SECRET_TEXT)
        result = ResultFactory(process=process)
        recommendation = RecommendationFactory(result=result)
        decision = DecisionFactory(process=process)
        VerdictFactory(decision=decision, recommendation=recommendation)
        MilestoneFactory(process=process)
        made["plans"].append(plan)
        made["processes"].append(process)
        made["contributions"].append(contribution)
        if i == 0:
            publish_evaluation(process)
    made["draft_plan"] = PlanFactory(title="Entwurf eines Vorhabens", published_at=None)
    hidden_process = published_process(plan=PlanFactory(title="Noch geheim", published_at=None))
    ContributionFactory(process=hidden_process, title="Beitrag im Entwurf")
    made["hidden_process"] = hidden_process
    return made


def publish_evaluation(process) -> Evaluation:
    """A published evaluation with one questionnaire answered, free text with personal details included."""
    _process, evaluation, lead = started(process)
    evaluation_services.submit_paper(lead, evaluation, answers_for(evaluation, value=4, text=SECRET_TEXT))
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=Evaluation.Status.PUBLISHED, published_at=timezone.now(), lessons_learned="Abendtermine helfen."
    )
    return evaluation


@pytest.fixture
def public_data(db):
    return seed_public_data(2)


@pytest.fixture
def api_get(client):
    def get(path, **params):
        return client.get(path, params, HTTP_ACCEPT="application/json")

    return get


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)
