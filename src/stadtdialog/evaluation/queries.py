"""Reads of the evaluation pages, each with a fixed number of queries whatever the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from stadtdialog.processes.models import Goal, Process

from .charts import bar_chart
from .models import Answer, Evaluation, GoalAssessment, Question, Submission
from .standard import NO_ANSWER_LABEL, SCALE

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

OVERVIEW_LABELS = {
    Evaluation.Status.NOT_STARTED: _("none"),
    Evaluation.Status.IN_PROGRESS: _("in progress"),
    Evaluation.Status.PUBLISHED: _("published"),
}


def process_with_evaluation(pk: int) -> Process:
    """A process with its plan, concept, goals (each with its assessment) and evaluation."""
    return get_object_or_404(
        Process.objects.select_related("plan__lead_unit", "concept", "evaluation").prefetch_related(
            Prefetch("concept__goals", queryset=Goal.objects.select_related("assessment").order_by("position", "id")),
        ),
        pk=pk,
    )


def evaluation_or_none(process: Process) -> Evaluation | None:
    try:
        return process.evaluation
    except Evaluation.DoesNotExist:
        return None


def goals_of(process: Process) -> list[Goal]:
    try:
        concept = process.concept
    except Process.concept.RelatedObjectDoesNotExist:
        return []
    return list(concept.goals.all())


def assessment_of(goal: Goal) -> GoalAssessment | None:
    try:
        return goal.assessment
    except GoalAssessment.DoesNotExist:
        return None


@dataclass
class QuestionResult:
    question: Question
    rows: list = field(default_factory=list)  # (label, count)
    total: int = 0
    texts: list = field(default_factory=list)
    text_count: int = 0
    chart: str = ""


def results(evaluation: Evaluation, with_texts: bool = False) -> dict:
    """Counts per question and scale value, the number of submissions by source, and the charts.

    Free-text answers are loaded only for staff (`with_texts`): residents may write personal details."""
    questions = list(evaluation.questions.all())
    counts = {}
    for row in (
        Answer.objects.filter(question__evaluation=evaluation, text="")
        .values("question_id", "value")
        .annotate(n=Count("id"))
    ):
        counts[(row["question_id"], row["value"])] = row["n"]
    text_counts = dict(
        Answer.objects.filter(question__evaluation=evaluation)
        .exclude(text="")
        .values_list("question_id")
        .annotate(n=Count("id"))
    )
    texts = {}
    if with_texts:
        for question_id, text in (
            Answer.objects.filter(question__evaluation=evaluation)
            .exclude(text="")
            .order_by("text")
            .values_list("question_id", "text")
        ):
            texts.setdefault(question_id, []).append(text)
    by_source = dict(Submission.objects.filter(evaluation=evaluation).values_list("source").annotate(n=Count("id")))
    items = []
    for question in questions:
        item = QuestionResult(
            question=question, text_count=text_counts.get(question.pk, 0), texts=texts.get(question.pk, [])
        )
        if question.kind == Question.Kind.LIKERT:
            item.rows = [(str(label), counts.get((question.pk, value), 0)) for value, label in SCALE]
            item.rows.append((str(NO_ANSWER_LABEL), counts.get((question.pk, Answer.NO_ANSWER), 0)))
            item.total = sum(count for _label, count in item.rows)
            item.chart = bar_chart(item.rows, question.text, f"chart-{question.pk}")
        items.append(item)
    return {
        "questions": items,
        "online": by_source.get(Submission.Source.ONLINE, 0),
        "paper": by_source.get(Submission.Source.PAPER, 0),
        "submissions": sum(by_source.values()),
    }


def rating_counts(evaluation: Evaluation) -> dict:
    return dict(evaluation.assessments.values_list("rating").annotate(n=Count("id")))


def overview() -> list[Process]:
    """All processes with their evaluation, by department (the plan's lead unit), each labelled
    none / in progress / published and whether it is accompanied. One query."""
    processes = list(
        Process.objects.select_related("plan__lead_unit", "evaluation").order_by(
            "plan__lead_unit__short_name", "plan__lead_unit__name", "title", "id"
        )
    )
    for process in processes:
        evaluation = evaluation_or_none(process)
        status = evaluation.status if evaluation else Evaluation.Status.NOT_STARTED
        process.evaluation_label = OVERVIEW_LABELS[status]
        process.evaluation_accompanied = bool(evaluation and evaluation.accompanied)
    return processes


def process_page_probe(process: Process) -> QuerySet[Evaluation]:
    """Whether the section "evaluation" has anything (core/extensions.py, asked with the page's other sections in
    one query): an evaluation that has started."""
    return Evaluation.objects.filter(process_id=process.pk).exclude(status=Evaluation.Status.NOT_STARTED)


def process_page_section(request: HttpRequest, process: Process) -> dict | None:
    """The section "evaluation" of the public process page (core/extensions.py): the process's evaluation with
    its counts (goals by rating, questionnaires answered), or None when it has not started. One query."""
    rating = GoalAssessment.Rating
    evaluation = (
        Evaluation.objects.filter(process_id=process.pk)
        .annotate(
            achieved=Count("assessments", filter=Q(assessments__rating=rating.ACHIEVED), distinct=True),
            partly=Count("assessments", filter=Q(assessments__rating=rating.PARTLY), distinct=True),
            not_achieved=Count("assessments", filter=Q(assessments__rating=rating.NOT_ACHIEVED), distinct=True),
            answered=Count("submissions", distinct=True),
        )
        .first()
    )
    return {"evaluation": evaluation} if evaluation is not None and evaluation.is_started else None
