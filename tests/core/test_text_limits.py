"""Long texts of residents: over the limit they are refused with the limit and the length in the message,
never cut. The textarea has no maxlength attribute (browsers cut pasted text there silently) but
data-charcount, which static/js/charcount.js turns into a counter; the help text names the limit."""

import re

import pytest
from django import forms
from django.urls import reverse

from stadtdialog.core.forms import BarrierReportForm, limited_text
from stadtdialog.dialog.forms import CommentForm as DialogCommentForm
from stadtdialog.dialog.forms import ContributionForm
from stadtdialog.initiatives.forms import InitiativeForm
from stadtdialog.reports.forms import CommentForm as ReportCommentForm
from stadtdialog.reports.forms import ConceptCommentForm

RESIDENT_FORMS = [
    (ContributionForm, "text", 5000),
    (DialogCommentForm, "text", 2000),
    (InitiativeForm, "description", 5000),
    (ReportCommentForm, "text", None),
    (ConceptCommentForm, "text", None),
    (BarrierReportForm, "text", None),
]


class _Form(forms.Form):
    text = limited_text("Text", 10, help_text="Kurz bitte.")


def test_the_helper_refuses_with_limit_and_length_and_keeps_the_text():
    form = _Form({"text": "x" * 11})
    assert not form.is_valid()
    assert form.errors["text"] == ["Höchstens 10 Zeichen, Sie haben 11 eingegeben."]
    html = str(form["text"])
    assert "x" * 11 in html  # what was typed stays in the form
    assert "maxlength" not in html
    assert 'data-charcount="10"' in html
    assert 'data-charcount-text="{count} von {limit} Zeichen"' in html
    assert str(form.fields["text"].help_text) == "Höchstens 10 Zeichen. Kurz bitte."


def test_a_line_break_counts_as_one_character_as_in_the_counter():
    form = _Form({"text": "abc\r\nefgh\r\ni"})  # browsers send \r\n; 10 characters once \r\n is one
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "abc\nefgh\ni"


@pytest.mark.parametrize(("form_class", "name", "limit"), RESIDENT_FORMS)
def test_every_long_text_of_residents_is_refused_over_its_limit_not_cut(db, form_class, name, limit):
    # db: the contribution form asks once (then the cache) whether quarter boundaries are imported (issue 16, item 8)
    field = form_class.base_fields[name]
    limit = limit or field.limit
    rendered = str(form_class()[name])
    assert "maxlength" not in rendered
    assert f'data-charcount="{limit}"' in rendered
    assert f"Höchstens {limit} Zeichen." in str(field.help_text)
    form = form_class({name: "ä" * (limit + 1)})
    assert not form.is_valid()
    assert f"Höchstens {limit} Zeichen, Sie haben {limit + 1} eingegeben." in form.errors[name]


@pytest.mark.django_db
def test_the_barrier_form_page_loads_the_counter_script_from_the_site(client):
    page = client.get(reverse("core:barrier_report")).content.decode()
    assert re.search(r'<script src="/static/js/charcount\.js[^"]*" defer></script>', page)
    assert 'data-charcount="' in page
