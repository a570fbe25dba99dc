"""Results (summary, recommendations, documents, sources; publishing tells followers) and the
decision (verdict per recommendation, a reason whenever it deviates, council paper, responsibility)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stadtdialog.core.models import AuditEntry
from stadtdialog.outcomes import signals
from stadtdialog.outcomes.forms import DecisionForm, DocumentForm
from stadtdialog.outcomes.models import Decision, Result, Verdict
from stadtdialog.outcomes.services import decision as decision_services
from stadtdialog.outcomes.services import results as services
from stadtdialog.plans.models import CouncilPaper
from tests.dialog.dialog_factories import ContributionFactory
from tests.events.factories import EventFactory
from tests.factories import OrgUnitFactory, UserFactory, published_process, staff_user
from tests.images import png_with_text
from tests.pdf import one_page_pdf

pytestmark = pytest.mark.django_db

RECS = [{"id": None, "text": "Mehr Bäume pflanzen"}, {"id": None, "text": "Eine Trinkwasserstelle bauen"}]


def documented(process, user=None, publish=True) -> Result:
    user = user or process.lead_contact
    result = services.save_result(
        user, process, summary="<p>Viele wünschen sich Schatten.</p><script>x()</script>", recommendations=RECS
    )
    if publish:
        services.publish_result(user, process)
    result.refresh_from_db()
    return result


def test_lead_contact_documents_results_with_ordered_recommendations_and_sources():
    process = published_process()
    contribution = ContributionFactory(process=process)
    event = EventFactory(process=process)
    result = services.save_result(
        process.lead_contact,
        process,
        summary="<p>Zusammenfassung</p><script>alert(1)</script>",
        recommendations=RECS,
        contributions=[contribution],
        events=[event],
    )
    assert "<script>" not in result.summary
    assert [r.text for r in result.recommendations.all()] == ["Mehr Bäume pflanzen", "Eine Trinkwasserstelle bauen"]
    assert list(result.contributions.all()) == [contribution]
    assert list(result.events.all()) == [event]
    assert AuditEntry.objects.filter(action="outcomes.save_result").exists()
    # Reordering keeps the recommendations' identities.
    first, second = result.recommendations.all()
    services.save_result(
        process.lead_contact,
        process,
        summary=result.summary,
        recommendations=[{"id": second.pk, "text": second.text}, {"id": first.pk, "text": first.text}],
    )
    assert [r.pk for r in result.recommendations.all()] == [second.pk, first.pk]


def test_only_the_process_s_own_contributions_and_events_can_be_linked():
    process = published_process()
    foreign = ContributionFactory(process=published_process())
    foreign_event = EventFactory(process=published_process())
    with pytest.raises(ValidationError) as error:
        services.save_result(
            process.lead_contact,
            process,
            summary="<p>x</p>",
            recommendations=RECS,
            contributions=[foreign],
            events=[foreign_event],
        )
    assert error.value.message_dict["contributions"] == ["Nur Beiträge dieses Verfahrens können verknüpft werden."]
    assert "events" in error.value.message_dict


def test_only_the_process_s_staff_write_results():
    process = published_process()
    for user in [UserFactory(), staff_user(org_unit=OrgUnitFactory())]:
        with pytest.raises(PermissionDenied):
            services.save_result(user, process, summary="<p>x</p>", recommendations=RECS)
    assert not Result.objects.exists()


def test_publishing_needs_summary_and_a_recommendation_and_sends_the_signal_once(django_capture_on_commit_callbacks):
    process = published_process()
    services.save_result(process.lead_contact, process, summary="", recommendations=[])
    with pytest.raises(ValidationError) as error:
        services.publish_result(process.lead_contact, process)
    assert error.value.messages == [
        "Bitte fassen Sie die Ergebnisse zusammen.",
        "Bitte geben Sie mindestens eine Empfehlung an.",
    ]
    services.save_result(process.lead_contact, process, summary="<p>Ergebnis</p>", recommendations=RECS)
    received = []

    def listener(sender, result, **kwargs):
        received.append(result.pk)

    signals.results_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.publish_result(process.lead_contact, process)
        with django_capture_on_commit_callbacks(execute=True):
            services.publish_result(process.lead_contact, process)
    finally:
        signals.results_published.disconnect(listener)
    assert received == [process.result.pk]


def document_form(upload, title: str, alt_text: str = "") -> DocumentForm:
    return DocumentForm({"title": title, "alt_text": alt_text}, {"file": upload})


def test_documents_are_checked_by_content_and_images_need_a_description():
    process = published_process()
    form = document_form(SimpleUploadedFile("Protokoll.PDF", one_page_pdf()), "Protokoll der Werkstatt")
    assert form.is_valid(), form.errors
    document = services.add_document(process.lead_contact, process, **form.service_data())
    assert document.kind == "pdf"
    assert document.file.name.endswith("protokoll.pdf")
    form = document_form(SimpleUploadedFile("bild.pdf", b"MZ\x90\x00 not a pdf"), "Bild")
    assert not form.is_valid()
    assert form.errors["file"] == ["Nur PDF-, PNG-, JPEG- oder WebP-Dateien sind erlaubt."]
    png = png_with_text().read()
    form = document_form(SimpleUploadedFile("plan.png", png), "Plan")
    assert not form.is_valid()
    assert form.errors["alt_text"] == ["Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen können."]
    form = document_form(SimpleUploadedFile("plan.png", png), "")
    assert not form.is_valid()
    assert form.errors["title"] == ["Dieses Feld ist zwingend erforderlich."]


# --- decision ---------------------------------------------------------------------------------------


def decide(process, outcomes: list[tuple[str, str]], publish=True, **data):
    """Send the decision form with `data` and a (outcome, reason) per recommendation, then save it.

    Raises a ValidationError with the form's errors, or with the service's."""
    recs = list(process.result.recommendations.all())
    values = {
        "decision_maker": "Rat der Landeshauptstadt Hannover",
        "date": datetime.date(2027, 3, 15),
        "body": "Rat",
        "council_paper_number": "1736/2018",
        "text": "<p>Der Rat beschließt.</p>",
    }
    values.update(data)
    for rec, (outcome, reason) in zip(recs, outcomes):
        values[f"outcome_{rec.pk}"], values[f"reason_{rec.pk}"] = outcome, reason
    form = DecisionForm(values, recommendations=recs)
    if not form.is_valid():
        raise ValidationError({name: list(messages) for name, messages in form.errors.items()})
    return decision_services.save_decision(process.lead_contact, process, publish=publish, **form.service_data())


def test_decision_maker_is_prefilled_from_the_concept():
    process = published_process()
    assert decision_services.decision_of(process).decision_maker == "Stadtbezirksrat Linden-Limmer"


def test_a_deviation_without_a_reason_is_refused_with_a_german_message():
    process = published_process()
    documented(process)
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", ""), ("not_followed", "  ")])
    second = process.result.recommendations.all()[1]
    assert error.value.message_dict[f"reason_{second.pk}"] == [
        "Empfehlung 2: Die Entscheidung weicht davon ab, deshalb ist eine Begründung erforderlich. "
        "Die Begründung wird veröffentlicht."
    ]
    assert not Decision.objects.exists()
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", ""), ("partly", "")])
    assert f"reason_{second.pk}" in error.value.message_dict


def test_a_deviation_with_a_reason_is_accepted_and_published():
    process = published_process()
    documented(process)
    decision = decide(process, [("followed", "ignored"), ("not_followed", "Kein Wasseranschluss vorhanden.")])
    verdicts = list(decision.verdicts.order_by("recommendation__position"))
    assert [(v.outcome, v.reason) for v in verdicts] == [
        ("followed", ""),
        ("not_followed", "Kein Wasseranschluss vorhanden."),
    ]
    assert decision.is_published
    assert decision.council_paper == CouncilPaper.objects.get(number="1736/2018")
    assert AuditEntry.objects.filter(action="outcomes.publish_decision").exists()


def test_every_recommendation_needs_a_verdict():
    process = published_process()
    documented(process)
    first = process.result.recommendations.first()
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", "")])
    assert first.pk not in [k for k in error.value.message_dict if k.endswith(str(first.pk))]
    assert any(m.startswith("Empfehlung 2: Bitte geben Sie an") for m in error.value.messages)


@pytest.mark.parametrize("number", ["17/36/2018", "1736-2018", "abc", "1736/18"])
def test_a_council_paper_number_in_the_wrong_form_is_refused(number):
    process = published_process()
    documented(process)
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", ""), ("followed", "")], council_paper_number=number)
    assert error.value.message_dict["council_paper_number"] == [
        f"„{number}“ ist keine Drucksachennummer. Bitte nutzen Sie die Form 1736/2018 oder 15-1178/2022."
    ]
    assert not CouncilPaper.objects.exists()


def test_a_council_paper_of_the_other_form_is_accepted():
    process = published_process()
    documented(process)
    decision = decide(process, [("followed", ""), ("followed", "")], council_paper_number="15-1178/2022")
    assert decision.council_paper.number == "15-1178/2022"


def test_publishing_the_decision_needs_published_results_a_date_and_a_text():
    process = published_process()
    documented(process, publish=False)
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", ""), ("followed", "")], date=None, text="")
    errors = error.value.message_dict
    assert errors["__all__"] == ["Die Ergebnisse müssen vor der Entscheidung veröffentlicht werden."]
    assert errors["date"] == ["Bitte geben Sie das Datum der Entscheidung an."]
    assert errors["text"] == ["Bitte geben Sie den Text der Entscheidung an."]
    # A draft may be saved without them.
    assert not decide(process, [("followed", ""), ("followed", "")], publish=False, date=None, text="").is_published


def test_responsibility_for_implementation_is_recorded():
    process = published_process()
    documented(process)
    unit = process.plan.lead_unit
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", ""), ("followed", "")], responsible_kind="unit")
    assert "responsible_unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        decide(process, [("followed", ""), ("followed", "")], responsible_kind="residents")
    assert "responsible_name" in error.value.message_dict
    decision = decide(process, [("followed", ""), ("followed", "")], responsible_kind="unit", responsible_unit=unit)
    assert decision.responsible_label == str(unit)
    decision = decide(
        process,
        [("followed", ""), ("followed", "")],
        responsible_kind="residents",
        responsible_name="Initiative Grüner Platz",
    )
    assert decision.responsible_unit is None
    assert decision.responsible_label == "Initiative Grüner Platz"


def test_a_recommendation_with_a_verdict_cannot_be_removed():
    process = published_process()
    documented(process)
    decide(process, [("followed", ""), ("followed", "")])
    first = process.result.recommendations.first()
    with pytest.raises(ValidationError):
        services.save_result(
            process.lead_contact, process, summary="<p>x</p>", recommendations=[{"id": first.pk, "text": first.text}]
        )
    assert Verdict.objects.count() == 2


def test_the_database_refuses_a_deviation_without_reason():
    from django.db import IntegrityError, transaction

    process = published_process()
    result = documented(process)
    decision = Decision.objects.create(process=process, decision_maker="Rat")
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(
            decision=decision, recommendation=result.recommendations.first(), outcome="partly", reason=""
        )
