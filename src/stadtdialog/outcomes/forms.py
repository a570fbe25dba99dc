"""Forms of the staff pages. They parse and check every field (limits from the models, German messages);
the services check what crosses objects and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import RichTextarea, SingleLineField, id_field, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.queries import active_units
from stadtdialog.plans.models import CouncilPaper, validate_council_paper_number
from stadtdialog.plans.uploads import checked_upload

from .models import Decision, Milestone, ResultDocument, UpdatePhoto, Verdict
from .services.decision import DECISION_VERSION
from .services.results import RESULT_VERSION


class DeleteChoice(forms.Form):
    """The document or update a staff member removes (core.forms.parse_query): not an id gives 404."""

    delete = id_field()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ResultForm(VersionedForm):
    """The results' summary and links; its version (core.versioning) is of the process (RESULT_VERSION, with the
    recommendations of the page's formset)."""

    version_fields = ()
    version_extra = RESULT_VERSION
    summary = forms.CharField(
        label=_("Summary of the results"),
        required=False,
        widget=RichTextarea(),
        help_text=_("What came out of the participation? Simple HTML (paragraphs, lists, links) is allowed."),
    )
    summary.needed_for_publishing = True  # publish_result refuses an empty summary
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

    def service_data(self) -> dict:
        """The keyword arguments of services.results.save_result, without the recommendations."""
        return {name: self.cleaned_data[name] for name in ("summary", "contributions", "events")}


class RecommendationForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Recommendation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


# Three empty rows without JavaScript; with it, "add another" shows one at a time (static/js/formset-rows.js).
RecommendationFormSet = forms.formset_factory(RecommendationForm, extra=3)


class DocumentForm(forms.Form):
    """A result document: the file is checked by its content, an image is re-encoded without its metadata
    and needs a description."""

    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(ResultDocument, "title"),
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG or WebP."))
    alt_text = forms.CharField(
        label=_("Description of the image"),
        max_length=max_length_of(ResultDocument, "alt_text"),
        required=False,
        help_text=_("Required for images: for people who cannot see the image."),
    )

    def clean_file(self):
        self.kind, stored = checked_upload(self.cleaned_data["file"])
        return stored

    def clean(self):
        cleaned = super().clean()
        if getattr(self, "kind", None) == "image" and not cleaned.get("alt_text"):
            self.add_error("alt_text", gettext("Please describe the image for people who cannot see it."))
        return cleaned

    def service_data(self) -> dict:
        """The keyword arguments of services.results.add_document."""
        return {"kind": self.kind, **{name: self.cleaned_data[name] for name in ("file", "title", "alt_text")}}


class DecisionForm(VersionedForm):
    """The decision and a verdict per recommendation; a deviation from a recommendation needs a reason. Its
    version (core.versioning) is of the process: the decision's fields and verdicts (DECISION_VERSION)."""

    version_fields = ()
    version_extra = DECISION_VERSION

    decision_maker = forms.CharField(
        label=_("Decision maker"),
        max_length=max_length_of(Decision, "decision_maker"),
        error_messages={"required": _("Please name the decision maker.")},
    )
    date = forms.DateField(label=_("Date of the decision"), required=False, widget=DateInput())
    date.needed_for_publishing = True
    body = forms.CharField(
        label=_("Body"),
        max_length=max_length_of(Decision, "body"),
        required=False,
        help_text=_("e.g. the council, a committee or a district council"),
    )
    council_paper_number = forms.CharField(
        label=_("Council paper number"),
        max_length=max_length_of(CouncilPaper, "number"),
        required=False,
        validators=[validate_council_paper_number],
        help_text=_("e.g. 1736/2018 or 15-1178/2022"),
    )
    text = forms.CharField(label=_("Text of the decision"), required=False, widget=RichTextarea({"rows": 6}))
    text.needed_for_publishing = True  # save_decision refuses to publish without it, and without the date
    responsible_kind = forms.ChoiceField(
        label=_("Responsible for the implementation"),
        required=False,
        choices=[("", _("not decided yet"))] + list(Decision.Responsible.choices),
        error_messages={"invalid_choice": _("Please choose who is responsible for the implementation.")},
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("Administration unit"),
        queryset=active_units().order_by("short_name", "name"),
        required=False,
        help_text=_("If an administration unit is responsible."),
    )
    responsible_name = forms.CharField(
        label=_("Name of the body or group"),
        max_length=max_length_of(Decision, "responsible_name"),
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
                choices=Verdict.Outcome.choices,
                widget=forms.RadioSelect,
                error_messages={
                    code: _("Recommendation %(number)s: please state whether the decision follows it.")
                    % {"number": number}
                    for code in ("required", "invalid_choice")
                },
            )
            self.fields[f"reason_{rec.pk}"] = forms.CharField(
                label=_("Reason for recommendation %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Required and published if the decision does not fully follow the recommendation."),
            )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("responsible_kind")
        if kind == Decision.Responsible.UNIT:
            cleaned["responsible_name"] = ""
            if cleaned.get("responsible_unit") is None:
                self.add_error(
                    "responsible_unit",
                    gettext("Please choose the administration unit responsible for the implementation."),
                )
        elif kind:
            cleaned["responsible_unit"] = None
            if not cleaned.get("responsible_name"):
                self.add_error(
                    "responsible_name", gettext("Please name the body or group responsible for the implementation.")
                )
        for number, rec in enumerate(self.recommendations, start=1):
            outcome = cleaned.get(f"outcome_{rec.pk}")
            if outcome and outcome != Verdict.Outcome.FOLLOWED and not cleaned.get(f"reason_{rec.pk}"):
                self.add_error(
                    f"reason_{rec.pk}",
                    gettext(
                        "Recommendation %(number)s: the decision deviates from it, so a reason is required. "
                        "The reason is published."
                    )
                    % {"number": number},
                )
        return cleaned

    def base_fields_bound(self):
        return [self[name] for name in self.BASE_FIELDS]

    def verdict_rows(self):
        return [(rec, self[f"outcome_{rec.pk}"], self[f"reason_{rec.pk}"]) for rec in self.recommendations]

    def service_data(self) -> dict:
        """The keyword arguments of services.decision.save_decision (without `publish`)."""
        data = {name: self.cleaned_data[name] for name in self.BASE_FIELDS}
        data["verdicts"] = {
            rec.pk: (self.cleaned_data[f"outcome_{rec.pk}"], self.cleaned_data[f"reason_{rec.pk}"])
            for rec in self.recommendations
        }
        return data


PROGRESS_ERROR = _("Progress must be a whole number between 0 and 100 percent.")
WEIGHT_ERROR = _("The weight must be a whole number between 1 and 1000.")


class MilestoneForm(VersionedForm):
    """A milestone: title, planned dates in order, actual dates in order, status, progress 0-100, weight
    1-1000 and a parent among the process's other milestones."""

    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(Milestone, "title"),
        error_messages={"required": _("Please give the milestone a title.")},
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=None,
        required=False,
        help_text=_("The progress of a milestone with parts follows its parts."),
        error_messages={"invalid_choice": _("The milestone it is part of must belong to the same process.")},
    )
    planned_start = forms.DateField(
        label=_("Planned start"), widget=DateInput(), error_messages={"required": _("Please give the planned start.")}
    )
    planned_end = forms.DateField(
        label=_("Planned end"), widget=DateInput(), error_messages={"required": _("Please give the planned end.")}
    )
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DateInput())
    actual_end = forms.DateField(label=_("Actual end"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Milestone.Status.choices,
        error_messages={"invalid_choice": _("Please choose a status.")},
    )
    progress = forms.IntegerField(
        label=_("Progress in percent"),
        required=False,
        help_text=_("0 to 100"),
    )
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

    def clean_progress(self):
        progress = self.cleaned_data["progress"]
        if progress is None:
            return 0
        if not 0 <= progress <= 100:
            raise ValidationError(PROGRESS_ERROR)
        return progress

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight is not None and not 1 <= weight <= 1000:
            raise ValidationError(WEIGHT_ERROR)
        return weight

    def clean(self):
        cleaned = super().clean()
        planned_start, planned_end = cleaned.get("planned_start"), cleaned.get("planned_end")
        actual_start, actual_end = cleaned.get("actual_start"), cleaned.get("actual_end")
        if planned_start and planned_end and planned_end < planned_start:
            self.add_error("planned_end", gettext("The planned end must not be before the planned start."))
        if actual_start and actual_end and actual_end < actual_start:
            self.add_error("actual_end", gettext("The actual end must not be before the actual start."))
        if actual_end and not actual_start and "actual_start" not in self.errors:
            self.add_error("actual_start", gettext("Please give the actual start as well."))
        return cleaned


class UpdateForm(forms.Form):
    """An implementation update: what has happened, a milestone of the process, and up to two photos, each
    checked by its content, re-encoded without its metadata and described."""

    PHOTOS = (1, 2)

    text = forms.CharField(
        label=_("What has happened?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write what has happened.")},
    )
    milestone = forms.ModelChoiceField(
        label=_("Milestone"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("The milestone must belong to the same process.")},
    )
    photo_1 = forms.FileField(label=_("Photo 1"), required=False, help_text=_("PNG, JPEG or WebP."))
    alt_1 = forms.CharField(
        label=_("Description of photo 1"),
        max_length=max_length_of(UpdatePhoto, "alt_text"),
        required=False,
        help_text=_("Required with a photo: for people who cannot see it."),
    )
    photo_2 = forms.FileField(label=_("Photo 2"), required=False, help_text=_("PNG, JPEG or WebP."))
    alt_2 = forms.CharField(
        label=_("Description of photo 2"),
        max_length=max_length_of(UpdatePhoto, "alt_text"),
        required=False,
        help_text=_("Required with a photo: for people who cannot see it."),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = process.milestones.order_by("planned_start", "id")

    def clean(self):
        cleaned = super().clean()
        checked = []
        for number in self.PHOTOS:
            upload, alt_text = cleaned.get(f"photo_{number}"), cleaned.get(f"alt_{number}", "")
            if upload is None:
                continue
            try:
                kind, stored = checked_upload(upload)  # a photo without its metadata
            except ValidationError as error:
                for message in error.messages:
                    self.add_error(None, f"{gettext('Photo %(number)s') % {'number': number}}: {message}")
                continue
            if kind != "image":
                self.add_error(
                    None, gettext("Photo %(number)s: only PNG, JPEG or WebP images are allowed.") % {"number": number}
                )
            elif not alt_text:
                self.add_error(
                    None,
                    gettext("Photo %(number)s: please describe the photo for people who cannot see it.")
                    % {"number": number},
                )
            else:
                checked.append((stored, alt_text))
        cleaned["photos"] = checked
        return cleaned

    def service_data(self) -> dict:
        """The keyword arguments of services.implementation.add_update."""
        return {name: self.cleaned_data[name] for name in ("text", "milestone", "photos")}
