"""Writes of the evaluation app. Each checks permission, validates, runs in one transaction and
writes an audit entry. Anonymous answers are recorded without actor and without naming the answer."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import Derived, check_version
from stadtdialog.organisation.queries import current_city

from .models import Answer, Evaluation, GoalAssessment, Invitation, Question, Submission
from .standard import STANDARD_QUESTIONS

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User
    from stadtdialog.processes.models import Goal, Process

# One answer as a form gives it: (question, the scale value or None, the text).
AnswerInput = tuple[Question, "int | str | None", str]

FIELDS = ["status", "accompanied", "lessons_learned", "published_at", "invitations_sent_on", "invitations_sent"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def evaluation_of(process: Process) -> Evaluation | None:
    return Evaluation.objects.filter(process=process).first()


def _locked(process: Process) -> Evaluation:
    evaluation, _created = Evaluation.objects.select_for_update().get_or_create(process=process)
    return evaluation


def _record(user: User, action: str, evaluation: Evaluation, before: dict) -> None:
    audit.record(user, action, evaluation, audit.diff(before, audit.snapshot(evaluation, FIELDS)))


# --- staff -------------------------------------------------------------------------------------------


def set_accompanied(user: User, process: Process, accompanied: bool) -> Evaluation:
    """The coordination office marks (or unmarks) a process for accompanied evaluation."""
    require(user, "evaluation.mark_accompanied", process)
    with transaction.atomic():
        evaluation = _locked(process)
        before = audit.snapshot(evaluation, FIELDS)
        evaluation.accompanied = accompanied
        evaluation.save()
        _record(user, "evaluation.accompany" if accompanied else "evaluation.unaccompany", evaluation, before)
    return evaluation


def start_evaluation(user: User, process: Process) -> Evaluation:
    """Begin the evaluation: the questionnaire gets the standard questions of the quality criteria."""
    require(user, "evaluation.manage_evaluation", process)
    with transaction.atomic():
        evaluation = _locked(process)
        if evaluation.is_started:
            return evaluation
        before = audit.snapshot(evaluation, FIELDS)
        evaluation.status = Evaluation.Status.IN_PROGRESS
        evaluation.save()
        if not evaluation.questions.exists():
            with translation.override(settings.LANGUAGE_CODE):
                Question.objects.bulk_create(
                    [
                        Question(evaluation=evaluation, text=str(text), criterion=key, position=index)
                        for index, (key, text) in enumerate(STANDARD_QUESTIONS, start=1)
                    ]
                )
        _record(user, "evaluation.start", evaluation, before)
    return evaluation


def _require_editable(user: User, evaluation: Evaluation) -> None:
    require(user, "evaluation.manage_evaluation", evaluation.process)
    if not evaluation.is_started:
        raise ValidationError(_("The evaluation has not been started yet."))


def _assessments(evaluation: Evaluation) -> list:
    return sorted(
        GoalAssessment.objects.filter(evaluation=evaluation).values_list(
            "goal_id", "measured_value", "rating", "comment"
        )
    )


# What the goal assessment page's version covers (core.versioning); the evaluation row is the one locked.
ASSESSMENTS_VERSION = {
    "assessments": Derived(
        gettext_lazy("Goal assessment"),
        _assessments,
        lambda evaluation: (
            "; ".join(f"{value} ({rating})" for _goal, value, rating, _c in _assessments(evaluation)) or _("(empty)")
        ),
    )
}


def save_goal_assessments(
    user: User, evaluation: Evaluation, entries: Iterable[tuple[Goal, dict | None]], *, version: str = ""
) -> None:
    """entries: (goal, data or None) as GoalAssessmentForm checked them; data has measured_value, rating and
    comment. None removes an assessment. Every goal must be one of the process's goals. `version` is the page's
    token (AssessmentsVersionForm): a stale save raises StaleEdit (core.versioning)."""
    _require_editable(user, evaluation)
    from stadtdialog.processes.models import Goal

    goal_ids = set(Goal.objects.filter(concept__process_id=evaluation.process_id).values_list("id", flat=True))
    if any(goal.pk not in goal_ids for goal, _data in entries):
        raise ValidationError(_("This goal does not belong to the process."))
    with transaction.atomic():
        check_version(evaluation, version, extra=ASSESSMENTS_VERSION)
        existing = {a.goal_id: a for a in GoalAssessment.objects.select_for_update().filter(evaluation=evaluation)}
        for goal, data in entries:
            item = existing.get(goal.pk)
            fields = ["measured_value", "rating", "comment"]
            if not data:
                if item is not None:
                    audit.record(user, "evaluation.goal_remove", item, {"goal": [str(goal), None]})
                    item.delete()
                continue
            item = item or GoalAssessment(evaluation=evaluation, goal=goal)
            before = audit.snapshot(item, fields) if item.pk else {}
            for name in fields:
                setattr(item, name, data.get(name, "") or "")
            item.save()
            changes = audit.diff(before, audit.snapshot(item, fields))
            if changes:
                audit.record(user, "evaluation.goal_assess", item, changes)


def add_question(user: User, evaluation: Evaluation, text: str, kind: str) -> Question:
    """Add a question (text and kind checked by QuestionForm) at the end of the questionnaire."""
    _require_editable(user, evaluation)
    with transaction.atomic():
        position = (evaluation.questions.aggregate(m=Max("position"))["m"] or 0) + 1
        question = Question.objects.create(evaluation=evaluation, text=text, kind=kind, position=position)
        audit.record(user, "evaluation.question_add", question, {"text": [None, text], "kind": [None, kind]})
    return question


def delete_question(user: User, question: Question) -> None:
    evaluation = question.evaluation
    _require_editable(user, evaluation)
    if question.is_standard:
        raise ValidationError(_("The standard questions belong to every questionnaire and cannot be removed."))
    if question.answers.exists():
        raise ValidationError(_("This question has already been answered and cannot be removed."))
    with transaction.atomic():
        audit.record(user, "evaluation.question_delete", evaluation, {"question": [question.text, None]})
        question.delete()


def save_lessons(user: User, evaluation: Evaluation, lessons_learned: str, *, version: str = "") -> Evaluation:
    """`version` is LessonsForm's token: a stale save raises StaleEdit (core.versioning)."""
    _require_editable(user, evaluation)
    with transaction.atomic():
        check_version(evaluation, version)
        before = audit.snapshot(evaluation, FIELDS)
        evaluation.lessons_learned = lessons_learned
        evaluation.save()
        _record(user, "evaluation.lessons", evaluation, before)
    return evaluation


def publish(user: User, evaluation: Evaluation) -> Evaluation:
    """Publish the evaluation; the questionnaire closes. Lessons learned are required."""
    _require_editable(user, evaluation)
    if evaluation.is_published:
        return evaluation
    if not evaluation.lessons_learned.strip():
        raise ValidationError(_("Please write up the lessons learned before publishing the evaluation."))
    with transaction.atomic():
        before = audit.snapshot(evaluation, FIELDS)
        evaluation.status = Evaluation.Status.PUBLISHED
        evaluation.published_at = timezone.now()
        evaluation.save()
        _record(user, "evaluation.publish", evaluation, before)
    return evaluation


def unpublish(user: User, evaluation: Evaluation) -> Evaluation:
    _require_editable(user, evaluation)
    with transaction.atomic():
        before = audit.snapshot(evaluation, FIELDS)
        evaluation.status = Evaluation.Status.IN_PROGRESS
        evaluation.published_at = None
        evaluation.save()
        _record(user, "evaluation.unpublish", evaluation, before)
    return evaluation


# --- sending the questionnaire -----------------------------------------------------------------------


def participant_addresses(process: Process) -> list[str]:
    """E-mail addresses of the registered participants: authors of contributions and comments of the
    process (active accounts with a confirmed address) and confirmed registrants of its events."""
    from stadtdialog.accounts.models import User
    from stadtdialog.events.models import Registration

    users = User.objects.filter(is_active=True, email_verified=True)
    addresses = set(users.filter(contributions__process=process).values_list("email", flat=True))
    addresses |= set(users.filter(comments__contribution__process=process).values_list("email", flat=True))
    addresses |= set(
        Registration.objects.filter(event__process=process, status=Registration.Status.CONFIRMED)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({a.strip().lower() for a in addresses if a})


def send_invitations(user: User, evaluation: Evaluation, link_for: Callable[[str], str]) -> int:
    """Send each participant a one-time link. `link_for(token)` makes the absolute URL.

    Tokens are made, hashed and mailed in this request and never stored in clear (not even in a task
    queue); the recipients are shuffled so that not even the order of the stored hashes follows them.
    The questionnaire is sent once per evaluation.
    """
    _require_editable(user, evaluation)
    if not evaluation.is_open:
        raise ValidationError(_("The questionnaire is closed."))
    if evaluation.invitations_sent_on:
        raise ValidationError(_("The questionnaire has already been sent to the participants."))
    addresses = participant_addresses(evaluation.process)
    if not addresses:
        raise ValidationError(_("The process has no registered participants to send the questionnaire to."))
    secrets.SystemRandom().shuffle(addresses)
    tokens = [secrets.token_urlsafe(32) for _address in addresses]
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.invitations_sent_on:
            raise ValidationError(_("The questionnaire has already been sent to the participants."))
        before = audit.snapshot(locked, FIELDS)
        Invitation.objects.bulk_create([Invitation(evaluation=locked, token_hash=hash_token(t)) for t in tokens])
        locked.invitations_sent_on = timezone.localdate()
        locked.invitations_sent = len(tokens)
        locked.save()
        _record(user, "evaluation.send_questionnaire", locked, before)
    evaluation.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your opinion on “%(title)s”") % {"title": evaluation.process.title}
        messages = [
            EmailMessage(
                subject=subject,
                to=[address],
                body=render_to_string(
                    "evaluation/mail_questionnaire.txt",
                    {
                        "process": evaluation.process,
                        "link": link_for(token),
                        "site_name": current_city().site_name,
                    },
                ),
            )
            for address, token in zip(addresses, tokens)
        ]
    get_connection().send_messages(messages)
    return len(messages)


def invitation_for(token: str) -> Invitation | None:
    return Invitation.objects.select_related("evaluation__process").filter(token_hash=hash_token(token or "")).first()


# --- answers -----------------------------------------------------------------------------------------


def _clean_answers(evaluation: Evaluation, answers: Iterable[AnswerInput]) -> list[Answer]:
    """answers: (question, value, text). Returns unsaved Answers; refuses an empty questionnaire."""
    own = {q.pk for q in evaluation.questions.all()}
    rows = []
    for question, value, text in answers:
        if question.pk not in own:
            raise ValidationError(_("This question does not belong to the questionnaire."))
        text = (text or "").strip()
        if question.kind == Question.Kind.LIKERT:
            if value in (None, ""):
                value = Answer.NO_ANSWER
            value = int(value)
            if not 0 <= value <= 5:
                raise ValidationError(_("Please choose a value from the scale."))
            rows.append(Answer(question=question, value=value))
        elif text:
            rows.append(Answer(question=question, text=text))
    if not any(r.text or r.value for r in rows):
        raise ValidationError(_("Please answer at least one question."))
    return rows


def _store(evaluation: Evaluation, source: str, rows: list[Answer]) -> Submission:
    submission = Submission.objects.create(evaluation=evaluation, source=source, submitted_on=timezone.localdate())
    for row in rows:
        row.submission = submission
    Answer.objects.bulk_create(rows)
    return submission


def submit_online(token: str, answers: Iterable[AnswerInput]) -> None:
    """Answer with a one-time link. The link is marked used in the same transaction; nothing links
    the answers to the link or the person, and the audit entry names neither."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token_hash=hash_token(token or "")).first()
        if invitation is None:
            raise ValidationError(_("This link is not valid."))
        if invitation.used:
            raise ValidationError(_("This link has already been used. Each link can be used to answer only once."))
        evaluation = Evaluation.objects.get(pk=invitation.evaluation_id)
        if not evaluation.is_open:
            raise ValidationError(_("The questionnaire is closed."))
        rows = _clean_answers(evaluation, answers)
        invitation.used = True
        invitation.save(update_fields=["used"])
        _store(evaluation, Submission.Source.ONLINE, rows)
        audit.record(None, "evaluation.answer", evaluation, {})


def submit_paper(user: User, evaluation: Evaluation, answers: Iterable[AnswerInput]) -> Submission:
    """Staff enter the answers of a printed form."""
    _require_editable(user, evaluation)
    if not evaluation.is_open:
        raise ValidationError(_("The questionnaire is closed."))
    with transaction.atomic():
        rows = _clean_answers(evaluation, answers)
        submission = _store(evaluation, Submission.Source.PAPER, rows)
        audit.record(user, "evaluation.answer_paper", evaluation, {})
    return submission
