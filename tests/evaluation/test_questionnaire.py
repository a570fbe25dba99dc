"""The questionnaire: one-time links, anonymity in the schema and in the data, paper answers."""

import pytest
from django.core import mail
from django.db import models
from django.urls import reverse

from stadtdialog.core.models import AuditEntry
from stadtdialog.evaluation import services
from stadtdialog.evaluation.models import Answer, Invitation, Question, Submission
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory
from tests.evaluation.factories import answers_for, started
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def send(evaluation, lead):
    links = []
    services.send_invitations(
        lead, evaluation, lambda token: links.append(token) or f"http://testserver/fragebogen/{token}/"
    )
    return links


def test_participants_get_a_one_time_link_by_mail():
    process, evaluation, lead = started()
    contribution = ContributionFactory(process=process, author=UserFactory(email="anna@example.org"))
    CommentFactory(contribution=contribution, author=UserFactory(email="ben@example.org"))
    ContributionFactory(process=process, author=UserFactory(email="unconfirmed@example.org", email_verified=False))
    links = send(evaluation, lead)
    assert len(links) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    assert all("/fragebogen/" in m.body for m in mail.outbox)
    # Only hashes are stored, never the token itself.
    stored = list(Invitation.objects.values_list("token_hash", flat=True))
    assert len(stored) == 2
    assert not set(links) & set(stored)
    evaluation.refresh_from_db()
    assert evaluation.invitations_sent == 2
    with pytest.raises(Exception, match="bereits"):
        send(evaluation, lead)


def test_the_same_link_cannot_answer_twice(client):
    process, evaluation, lead = started()
    ContributionFactory(process=process)
    token = send(evaluation, lead)[0]
    url = reverse("evaluation:questionnaire", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "trifft voll zu" in page.content.decode()
    first_question = evaluation.questions.first()
    response = client.post(url, {f"q{first_question.pk}": "2"})
    assert response.status_code == 302
    assert Submission.objects.count() == 1
    again = client.post(url, {f"q{first_question.pk}": "5"})
    assert again.status_code == 410
    assert "Dieser Link wurde bereits verwendet" in again.content.decode()
    assert Submission.objects.count() == 1
    assert Answer.objects.get(question=first_question).value == 2
    # The service refuses too (e.g. two tabs sending at once).
    with pytest.raises(Exception, match="bereits verwendet"):
        services.submit_online(token, answers_for(evaluation))


def test_an_unknown_link_is_not_found(client):
    started()
    assert client.get(reverse("evaluation:questionnaire", args=["erfunden"])).status_code == 404


def test_an_empty_questionnaire_is_refused_and_the_link_stays_usable(client):
    process, evaluation, lead = started()
    ContributionFactory(process=process)
    token = send(evaluation, lead)[0]
    url = reverse("evaluation:questionnaire", args=[token])
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Bitte beantworten Sie mindestens eine Frage." in response.content.decode()
    assert Submission.objects.count() == 0
    assert not Invitation.objects.get().used


def test_schema_has_no_link_between_answers_and_person_or_link():
    for model in (Submission, Answer):
        for f in model._meta.get_fields():
            if f.is_relation and f.many_to_one:
                assert f.related_model._meta.label in {
                    "evaluation.Evaluation",
                    "evaluation.Submission",
                    "evaluation.Question",
                }, (model, f.name)
            assert "token" not in f.name
            assert "user" not in f.name
            assert "invitation" not in f.name
        # no time of day: only a date
        assert not any(isinstance(f, models.DateTimeField) for f in model._meta.concrete_fields)
    invitation_fields = {f.name for f in Invitation._meta.concrete_fields}
    assert invitation_fields == {"id", "evaluation", "token_hash", "used"}


def test_after_answering_nothing_maps_the_person_to_the_answers(client):
    process, evaluation, lead = started()
    person = UserFactory(email="carla@example.org", display_name="Carla Beispiel")
    ContributionFactory(process=process, author=person)
    token = send(evaluation, lead)[0]
    client.force_login(person)  # even when logged in, nothing is recorded about the person
    question = evaluation.questions.first()
    audit_before = AuditEntry.objects.count()
    client.post(reverse("evaluation:questionnaire", args=[token]), {f"q{question.pk}": "1"})
    submission = Submission.objects.get()
    assert Invitation.objects.get().used
    new_entries = AuditEntry.objects.order_by("-id")[: AuditEntry.objects.count() - audit_before]
    for entry in new_entries:
        assert entry.actor_id is None
        assert str(submission.pk) not in entry.object_id
        assert str(submission.pk) not in str(entry.changes)
        assert person.email not in str(entry.changes)
    # Every row that mentions the answers: none carries the person's id, address, name or the token.
    for model in (Submission, Answer, Invitation):
        for row in model.objects.values():
            text = str(row)
            assert person.email not in text
            assert "Carla" not in text
            assert token not in text
            assert str(person.pk) != str(row.get("user_id", ""))


def test_paper_answers_are_entered_by_staff(client):
    process, evaluation, lead = started()
    own = services.add_question(
        lead, evaluation, "Was sollten wir beim nächsten Mal anders machen?", Question.Kind.TEXT
    )
    client.force_login(lead)
    data = {f"q{q.pk}": "3" for q in evaluation.questions.filter(kind=Question.Kind.LIKERT)}
    data[f"q{own.pk}"] = "Mehr Termine am Abend."
    response = client.post(reverse("evaluation:staff_paper", args=[process.pk]), data)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.source == Submission.Source.PAPER
    assert Answer.objects.get(question=own).text == "Mehr Termine am Abend."


def test_bad_scale_value_is_refused(client):
    process, evaluation, lead = started()
    client.force_login(lead)
    question = evaluation.questions.first()
    response = client.post(reverse("evaluation:staff_paper", args=[process.pk]), {f"q{question.pk}": "9"})
    assert response.status_code == 200
    assert "9 ist keine gültige Auswahl" in response.content.decode()
    assert Submission.objects.count() == 0


def test_published_evaluation_closes_the_questionnaire(client):
    process, evaluation, lead = started()
    ContributionFactory(process=process)
    token = send(evaluation, lead)[0]
    services.save_lessons(lead, evaluation, "<p>Früher informieren.</p>")
    services.publish(lead, evaluation)
    response = client.get(reverse("evaluation:questionnaire", args=[token]))
    assert response.status_code == 410
    assert "Der Fragebogen ist geschlossen." in response.content.decode()
