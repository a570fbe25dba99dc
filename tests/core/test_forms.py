"""The helpers every staff form view uses: run the service for a valid form, show its errors at the right place."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from stadtdialog.core.forms import add_service_errors, run_service


class NoteForm(forms.Form):
    title = forms.CharField(max_length=50)
    text = forms.CharField(required=False)


class Service:
    """A stand-in for a service: remembers its calls and either returns a value or refuses."""

    def __init__(self, returns=None, refuses=None):
        self.calls, self.returns, self.refuses = 0, returns, refuses

    def __call__(self):
        self.calls += 1
        if self.refuses is not None:
            raise self.refuses
        return self.returns


def post(data=None):
    request = RequestFactory().post("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def shown(request) -> list[str]:
    return [str(message) for message in get_messages(request)]


def test_a_valid_form_runs_the_service_once_and_returns_its_result_with_the_message():
    request = post({"title": "Bänke am Küchengarten"})
    service = Service(returns="the new plan")
    result = run_service(request, NoteForm(request.POST), service, "Gespeichert.")
    assert result == "the new plan"
    assert service.calls == 1
    assert shown(request) == ["Gespeichert."]


def test_a_service_that_returns_nothing_still_counts_as_done():
    request = post({"title": "Bänke"})
    assert run_service(request, NoteForm(request.POST), Service(returns=None), "Gespeichert.") is True


def test_an_unsent_or_invalid_form_does_not_run_the_service():
    service = Service(returns="x")
    request = post()
    assert run_service(request, NoteForm(None), service, "Gespeichert.") is None
    invalid = NoteForm({"title": "", "text": "Bleibt stehen"})
    assert run_service(request, invalid, service, "Gespeichert.") is None
    assert service.calls == 0
    assert shown(request) == []
    assert invalid.errors["title"]
    assert invalid["text"].value() == "Bleibt stehen"


def test_field_errors_of_the_service_stand_at_their_fields_and_the_input_is_kept():
    request = post({"title": "Doppelt", "text": "Mein langer Text"})
    form = NoteForm(request.POST)
    refusal = ValidationError({"title": "Diesen Titel gibt es schon.", "text": ["Zu kurz.", "Bitte genauer."]})
    result = run_service(request, form, Service(refuses=refusal), "Gespeichert.")
    assert result is None
    assert shown(request) == []
    assert form.errors["title"] == ["Diesen Titel gibt es schon."]
    assert form.errors["text"] == ["Zu kurz.", "Bitte genauer."]
    assert form.non_field_errors() == []
    assert 'value="Doppelt"' in str(form["title"])
    assert 'value="Mein langer Text"' in str(form["text"])


def test_an_error_without_a_field_stands_above_the_form():
    request = post({"title": "Frist"})
    form = NoteForm(request.POST)
    refusal = ValidationError("Die Frist ist abgelaufen.")
    assert run_service(request, form, Service(refuses=refusal), "Gespeichert.") is None
    assert form.non_field_errors() == ["Die Frist ist abgelaufen."]
    assert "title" not in form.errors
    assert form["title"].value() == "Frist"


def test_an_error_for_a_field_the_form_does_not_have_stands_above_the_form():
    form = NoteForm({"title": "Plan"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"districts": "Bitte wählen Sie einen Stadtbezirk."}))
    assert form.non_field_errors() == ["Bitte wählen Sie einen Stadtbezirk."]
