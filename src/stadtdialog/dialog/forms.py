"""Forms of the dialog. They parse and check every field (limits from the model fields) and the image;
the services check what crosses objects (permission, open dialog, the point in the city) and save."""

import decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.antibot import ALTCHA_FIELD, AntiBotMixin
from stadtdialog.core.forms import limited_text
from stadtdialog.core.text import without_invisible_controls
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import Quarter
from stadtdialog.plans.filters import FilterChoices, filter_form_renderer, shared

from .images import CheckedImage, checked_image
from .models import Comment, Contribution, Response
from .queries import NOT_ANSWERED, Criteria, Sort
from .services import OWN_CONTRIBUTION_FIELDS, RESPONSE_VERSION


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _one_line(value: str) -> str:
    """Runs of white space (line breaks too) as one space, as a title or a description shows them; without bidi
    control and zero-width characters."""
    return " ".join(without_invisible_controls(value).split())


class CoordinateField(forms.DecimalField):
    """A latitude or longitude; a German decimal comma ("52,3745") is accepted as well as a point."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=6, required=False, **kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        return value.quantize(decimal.Decimal("0.000001")) if value is not None else None


def quarter_boundaries_imported() -> bool:
    """Whether any quarter has a boundary, so that a point on the map finds its quarter (issue 16, item 8); kept in
    the shared cache for five minutes (an import shows the hint after at most that)."""
    from django.core.cache import cache

    return cache.get_or_set(
        "dialog:quarter-boundaries", lambda: Quarter.objects.filter(boundary__isnull=False).exists(), 300
    )


def quarter_choices():
    return Quarter.objects.select_related("district").order_by("name")


class ContributionForm(AntiBotMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of contribution"), choices=Contribution.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title"), max_length=_max_length(Contribution, "title"), help_text=_("At most 120 characters.")
    )
    text = limited_text(
        _("Your contribution"),
        _max_length(Contribution, "text"),
        rows=8,
        help_text=_("Please do not write personal data of other people."),
    )
    quarter = forms.ModelChoiceField(
        label=_("Quarter"),
        queryset=Quarter.objects.none(),
        required=False,
        empty_label=_("No particular quarter"),
        help_text=_("If you mark a point on the map, its quarter is found automatically."),
    )
    latitude = CoordinateField(
        label=_("Latitude"),
        help_text=_("e.g. 52.3745 – optional; together with the longitude it marks a point in the city."),
    )
    longitude = CoordinateField(label=_("Longitude"), help_text=_("e.g. 9.7386"))
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("What the image shows"),
        required=False,
        max_length=_max_length(Contribution, "image_alt"),
        help_text=_("Needed with an image: a short description for people who cannot see it."),
    )

    field_order = ["kind", "title", "text", "image", "image_alt", "quarter", "latitude", "longitude"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].queryset = quarter_choices()
        if not quarter_boundaries_imported():  # the promise holds only with boundaries (manage.py import_boundaries)
            self.fields["quarter"].help_text = ""

    # what the services take (see service_data); the on-site form adds its source
    SERVICE_FIELDS = ("kind", "title", "text", "latitude", "longitude", "quarter", "image", "image_alt")

    def clean_title(self):
        return _one_line(self.cleaned_data["title"])

    def clean_image_alt(self):
        return _one_line(self.cleaned_data.get("image_alt") or "")

    def clean_image(self) -> CheckedImage | None:
        """The image checked by its content and size, once; the service stores it re-encoded."""
        image = self.cleaned_data.get("image")
        return checked_image(image) if image else None

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt") and "image_alt" not in self.errors:
            self.add_error("image_alt", _("Please describe what the image shows, for people who cannot see it."))
        if ("latitude" in data and "longitude" in data) and (data["latitude"] is None) != (data["longitude"] is None):
            self.add_error("latitude", _("Please enter both latitude and longitude, or neither."))
        return data

    def service_data(self) -> dict:
        """The cleaned fields as the service's keyword arguments."""
        return {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}


class OnSiteContributionForm(ContributionForm):
    """Staff enter contributions collected on site; the source says where."""

    source = forms.ChoiceField(
        label=_("Collected through"),
        choices=[c for c in Contribution.Source.choices if c[0] != Contribution.Source.ONLINE],
    )
    source_note = forms.CharField(
        label=_("Where and when"),
        max_length=_max_length(Contribution, "source_note"),
        required=False,
        help_text=_("e.g. “Workshop in the Freizeitheim Linden, 12 May”. No names of residents."),
    )

    SERVICE_FIELDS = (*ContributionForm.SERVICE_FIELDS, "source", "source_note")

    def clean_source_note(self):
        return _one_line(self.cleaned_data.get("source_note") or "")

    field_order = [
        "source",
        "source_note",
        "kind",
        "title",
        "text",
        "image",
        "image_alt",
        "quarter",
        "latitude",
        "longitude",
    ]


class CommentForm(AntiBotMixin, forms.Form):
    """Honeypot and signed timestamp, but no proof of work: a page may hold many reply forms."""

    text = limited_text(_("Your comment"), _max_length(Comment, "text"), rows=4)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop(ALTCHA_FIELD, None)

    def parent_comment(self, contribution) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        return Comment.objects.filter(pk=parent_id, contribution=contribution).first()


class OwnContributionForm(AntiBotMixin, VersionedForm):
    """The author changes their contribution: kind, title, text, image, quarter and point, with the same limits
    and checks as when writing it (ContributionForm's fields); a stored image can be kept, replaced or removed.
    The version guards against a lost update (another tab, or an answer meanwhile)."""

    version_fields = OWN_CONTRIBUTION_FIELDS

    kind = ContributionForm.base_fields["kind"]
    title = ContributionForm.base_fields["title"]
    text = ContributionForm.base_fields["text"]
    image = forms.FileField(
        label=_("New image"),
        required=False,
        help_text=_("Replaces the current image. PNG, JPEG or WebP, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)
    image_alt = ContributionForm.base_fields["image_alt"]
    quarter = ContributionForm.base_fields["quarter"]
    latitude = ContributionForm.base_fields["latitude"]
    longitude = ContributionForm.base_fields["longitude"]

    field_order = ["kind", "title", "text", "image", "remove_image", "image_alt", "quarter", "latitude", "longitude"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].queryset = quarter_choices()
        if not quarter_boundaries_imported():
            self.fields["quarter"].help_text = ""
        self.has_image = bool(self.version_of is not None and self.version_of.image)
        if not self.has_image:  # nothing to replace or remove: the field reads as on creation
            self.fields.pop("remove_image")
            self.fields["image"].label = ContributionForm.base_fields["image"].label
            self.fields["image"].help_text = ContributionForm.base_fields["image"].help_text

    clean_title = ContributionForm.clean_title
    clean_image_alt = ContributionForm.clean_image_alt
    clean_image = ContributionForm.clean_image

    def clean(self):
        data = super().clean()
        removed = data.get("remove_image") and not data.get("image")
        keeps_image = data.get("image") or (self.has_image and not removed)
        if keeps_image and not data.get("image_alt") and "image_alt" not in self.errors:
            self.add_error("image_alt", _("Please describe what the image shows, for people who cannot see it."))
        if ("latitude" in data and "longitude" in data) and (data["latitude"] is None) != (data["longitude"] is None):
            self.add_error("latitude", _("Please enter both latitude and longitude, or neither."))
        return data

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in OWN_CONTRIBUTION_FIELDS}
        data["image"] = self.cleaned_data.get("image")  # a CheckedImage to replace the stored one, or None: kept
        data["remove_image"] = bool(self.cleaned_data.get("remove_image"))
        return data


class OwnCommentForm(AntiBotMixin, VersionedForm):
    """The author changes their comment (honeypot and signed timestamp as for writing it)."""

    version_fields = ("text",)

    text = CommentForm.base_fields["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop(ALTCHA_FIELD, None)


class ResponseForm(VersionedForm):
    version_fields = ()
    version_extra = RESPONSE_VERSION

    status = forms.ChoiceField(
        label=_("Status of the answer"), choices=Response.Status.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Answer and reason"),
        required=False,
        max_length=_max_length(Response, "text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Required for every status except “Taken into account” and “Under review”. It is published with the contribution."  # noqa: E501
        ),
    )


class FilterForm(forms.Form):
    """The GET form above the list: filter by kind, quarter and answer, and sort.

    The quarters come from the plan list's cached filter choices (no query); the selects are rendered with Django's
    Jinja2 widget templates (plans.filters.filter_form_renderer).
    """

    default_renderer = filter_form_renderer

    SORTS = [
        (Sort.NEWEST, _("Newest first")),
        (Sort.SUPPORTED, _("Most supported")),
        (Sort.COMMENTED, _("Most commented")),
        (Sort.RANDOM, _("Random order")),
    ]

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=shared([("", _("All kinds")), *Contribution.Kind.choices])
    )
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    answer = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=shared([("", _("All")), (NOT_ANSWERED, _("Not yet answered")), *Response.Status.choices]),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=shared(SORTS))
    seed = forms.IntegerField(required=False, min_value=0, max_value=1_000_000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = FilterChoices.current()
        self.fields["quarter"].choices = shared(self.choices.dialog_quarter_choices)

    def criteria(self) -> Criteria:
        if not self.is_valid():
            return Criteria()
        data = self.cleaned_data
        return Criteria(
            kind=data["kind"],
            quarter_id=self.choices.id_of("quarter", data["quarter"]),
            answer=data["answer"],
            sort=data["sort"] or Sort.NEWEST,
            seed=data["seed"],
        )
