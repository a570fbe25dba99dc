"""Forms of the staff pages. They only parse input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.organisation.models import OrgUnit

from .models import Decision, Milestone, Verdict


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ResultForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What came out of the participation? Simple HTML (paragraphs, lists, links) is allowed."),
    )
    contributions = forms.ModelMultipleChoiceField(
        label=_("Contributions the results come from"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Events the results come from"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = process.contributions.filter(hidden_at__isnull=True).order_by(
            "created_at", "id"
        )
        self.fields["events"].queryset = process.events.order_by("start", "id")
        self.fields["contributions"].label_from_instance = lambda c: c.title
        self.fields["events"].label_from_instance = lambda e: f"{e.title} ({e.start:%d.%m.%Y})"


class RecommendationForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Recommendation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=3)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG or WebP."))
    alt_text = forms.CharField(
        label=_("Description of the image"),
        max_length=300,
        required=False,
        help_text=_("Required for images: for people who cannot see the image."),
    )


class DecisionForm(forms.Form):
    decision_maker = forms.CharField(label=_("Decision maker"), max_length=200, required=False)
    date = forms.DateField(label=_("Date of the decision"), required=False, widget=DateInput())
    body = forms.CharField(
        label=_("Body"),
        max_length=200,
        required=False,
        help_text=_("e.g. the council, a committee or a district council"),
    )
    council_paper_number = forms.CharField(
        label=_("Council paper number"), max_length=30, required=False, help_text=_("e.g. 1736/2018 or 15-1178/2022")
    )
    text = forms.CharField(label=_("Text of the decision"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    responsible_kind = forms.ChoiceField(
        label=_("Responsible for the implementation"),
        required=False,
        choices=[("", _("not decided yet"))] + list(Decision.Responsible.choices),
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("Administration unit"),
        queryset=OrgUnit.objects.order_by("short_name", "name"),
        required=False,
        help_text=_("If an administration unit is responsible."),
    )
    responsible_name = forms.CharField(
        label=_("Name of the body or group"),
        max_length=200,
        required=False,
        help_text=_("If a political body or a residents' group is responsible."),
    )
    BASE_FIELDS = [
        "decision_maker",
        "date",
        "body",
        "council_paper_number",
        "text",
        "responsible_kind",
        "responsible_unit",
        "responsible_name",
    ]

    def __init__(self, *args, recommendations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = list(recommendations)
        for number, rec in enumerate(self.recommendations, start=1):
            self.fields[f"outcome_{rec.pk}"] = forms.ChoiceField(
                label=_("Recommendation %(number)s") % {"number": number},
                required=False,
                choices=Verdict.Outcome.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{rec.pk}"] = forms.CharField(
                label=_("Reason for recommendation %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Required and published if the decision does not fully follow the recommendation."),
            )

    def base_fields_bound(self):
        return [self[name] for name in self.BASE_FIELDS]

    def verdict_rows(self):
        return [(rec, self[f"outcome_{rec.pk}"], self[f"reason_{rec.pk}"]) for rec in self.recommendations]

    def decision_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.BASE_FIELDS}

    def verdicts(self) -> dict:
        return {
            rec.pk: (self.cleaned_data.get(f"outcome_{rec.pk}") or "", self.cleaned_data.get(f"reason_{rec.pk}") or "")
            for rec in self.recommendations
        }


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=None,
        required=False,
        help_text=_("The progress of a milestone with parts follows its parts."),
    )
    planned_start = forms.DateField(label=_("Planned start"), required=False, widget=DateInput())
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DateInput())
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DateInput())
    actual_end = forms.DateField(label=_("Actual end"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    progress = forms.IntegerField(label=_("Progress in percent"), required=False, help_text=_("0 to 100"))
    weight = forms.IntegerField(
        label=_("Weight"),
        required=False,
        help_text=_("How much this milestone counts in the progress of the milestone it is part of (1 if empty)."),
    )

    def __init__(self, *args, process, milestone=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = process.milestones.order_by("planned_start", "id")
        if milestone is not None:
            queryset = queryset.exclude(pk=milestone.pk)
        self.fields["parent"].queryset = queryset


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("What has happened?"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    milestone = forms.ModelChoiceField(label=_("Milestone"), queryset=None, required=False)
    photo_1 = forms.FileField(label=_("Photo 1"), required=False, help_text=_("PNG, JPEG or WebP."))
    alt_1 = forms.CharField(
        label=_("Description of photo 1"),
        max_length=300,
        required=False,
        help_text=_("Required with a photo: for people who cannot see it."),
    )
    photo_2 = forms.FileField(label=_("Photo 2"), required=False, help_text=_("PNG, JPEG or WebP."))
    alt_2 = forms.CharField(
        label=_("Description of photo 2"),
        max_length=300,
        required=False,
        help_text=_("Required with a photo: for people who cannot see it."),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = process.milestones.order_by("planned_start", "id")

    def photos(self):
        return [(self.cleaned_data.get(f"photo_{n}"), self.cleaned_data.get(f"alt_{n}")) for n in (1, 2)]
