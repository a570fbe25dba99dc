from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import id_field, max_length_of
from stadtdialog.core.versioning import VersionedForm

from .models import GoalAssessment, Question
from .services import ASSESSMENTS_VERSION
from .standard import NO_ANSWER_LABEL, SCALE


class AccompaniedForm(forms.Form):
    """The process the coordination office marks for accompanied evaluation (core.forms.parse_query)."""

    process = id_field()


class GoalAssessmentForm(forms.Form):
    """The assessment of one goal; all fields empty means: not assessed (yet)."""

    measured_value = forms.CharField(
        label=_("Measured value"), max_length=max_length_of(GoalAssessment, "measured_value"), required=False
    )
    rating = forms.ChoiceField(
        label=_("Was the goal reached?"),
        required=False,
        widget=forms.RadioSelect,
        choices=GoalAssessment.Rating.choices,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=max_length_of(GoalAssessment, "comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, goal, **kwargs):
        self.goal = goal
        super().__init__(*args, prefix=f"goal-{goal.pk}", **kwargs)

    def clean(self):
        data = super().clean()
        if any(data.get(name) for name in ("measured_value", "rating", "comment")):
            if not data.get("measured_value"):
                self.add_error("measured_value", _("Please enter the value that was measured."))
            if not data.get("rating"):
                self.add_error("rating", _("Please choose whether the goal was reached."))
        return data

    def entry(self):
        data = self.cleaned_data
        if not any(data.get(name) for name in ("measured_value", "rating", "comment")):
            return (self.goal, None)
        return (self.goal, {name: data.get(name, "") for name in ("measured_value", "rating", "comment")})


def assessment_initial(goal, assessment) -> dict:
    if assessment is None:
        return {}
    return {"measured_value": assessment.measured_value, "rating": assessment.rating, "comment": assessment.comment}


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=max_length_of(Question, "text"))
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=Question.Kind.choices, widget=forms.RadioSelect, initial=Question.Kind.LIKERT
    )


class LessonsForm(VersionedForm):
    lessons_learned = forms.CharField(
        label=_("Lessons learned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "What went well, what should be done differently next time? Simple HTML is allowed "
            "(paragraphs, lists, links)."
        ),
    )


class AssessmentsVersionForm(VersionedForm):
    """The version of the goal assessment page (one token for all its goal forms; core.versioning)."""

    version_fields = ()
    version_extra = ASSESSMENTS_VERSION


class QuestionnaireForm(forms.Form):
    """One field per question: a scale (with "no answer") or free text. Nothing is required, but at
    least one question must be answered."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        choices = [(str(value), label) for value, label in SCALE] + [("0", NO_ANSWER_LABEL)]
        for question in self.questions:
            if question.kind == Question.Kind.LIKERT:
                self.fields[f"q{question.pk}"] = forms.ChoiceField(
                    label=question.text,
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=3000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def clean(self):
        data = super().clean()
        if not self.errors and not any(value not in ("", "0", None) for value in data.values()):
            raise forms.ValidationError(_("Please answer at least one question."))
        return data

    def answers(self):
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == Question.Kind.LIKERT:
                result.append((question, int(value) if value else None, ""))
            else:
                result.append((question, None, value or ""))
        return result
