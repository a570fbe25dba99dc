"""Forms of the events pages. Forms parse and check; the services save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.accounts.rules import is_city_wide_staff, unit_ids_of
from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import SingleLineField, id_field, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District
from stadtdialog.organisation.queries import active_units
from stadtdialog.plans.models import Attachment
from stadtdialog.plans.uploads import checked_upload
from stadtdialog.processes.models import Process

from .models import Event, EventPhoto, Registration


def datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventListQuery(forms.Form):
    """The process an event list or a new event is for (?beteiligung=<id>); core.forms.parse_query reads it."""

    beteiligung = id_field()


class PhotoChoice(forms.Form):
    """The photo a staff member removes from an event's documentation."""

    photo = id_field()


class EventForm(VersionedForm, forms.ModelForm):
    start = forms.DateTimeField(
        label=_("Start"), widget=datetime_input(), input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
    )
    end = forms.DateTimeField(
        label=_("End"), widget=datetime_input(), input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "format",
            "start",
            "end",
            "place_name",
            "address",
            "latitude",
            "longitude",
            "process",
            "org_unit",
            "district",
            "step_free",
            "hearing_loop",
            "easy_language",
            "sign_language",
            "childcare",
            "accessibility_note",
            "for_staff",
            "for_politics",
            "for_residents",
            "registration_required",
            "capacity",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"title": SingleLineField, "place_name": SingleLineField, "address": SingleLineField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        processes = Process.objects.select_related("plan").order_by("title")
        units = active_units()
        if user is not None and not is_city_wide_staff(user):
            processes = processes.filter(plan__lead_unit_id__in=unit_ids_of(user))
            units = units.filter(id__in=unit_ids_of(user))
        self.fields["process"].queryset = processes
        self.fields["org_unit"].queryset = units
        self.fields["district"].queryset = District.objects.order_by("number")
        self.fields["description"].help_text = _("Plain text; blank lines separate paragraphs.")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        max_length=max_length_of(Event, "cancellation_reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published on the event page and sent to everyone registered."),
    )


class DocumentationForm(VersionedForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What was discussed and what happens next. Plain text; blank lines separate paragraphs."),
    )


class PhotoForm(forms.Form):
    """A photo of the event: checked by its content, re-encoded without its metadata, and described."""

    image = forms.FileField(label=_("Photo"), help_text=_("PNG, JPEG or WebP."))
    alt_text = forms.CharField(
        label=_("Description of the photo"),
        max_length=max_length_of(EventPhoto, "alt_text"),
        help_text=_("For people who cannot see the photo."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=max_length_of(EventPhoto, "caption"), required=False)

    def clean_image(self):
        kind, stored = checked_upload(self.cleaned_data["image"])  # a photo without its metadata
        if kind != Attachment.Kind.IMAGE:
            raise ValidationError(gettext("Only PNG, JPEG or WebP images are allowed."))
        return stored


class RegistrationForm(AntiBotMixin, forms.Form):
    name = SingleLineField(label=_("Your name"), max_length=max_length_of(Registration, "name"))
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("We send the confirmation and the link to cancel here.")
    )
    needs = forms.CharField(
        label=_("What you need to take part"),
        max_length=max_length_of(Registration, "needs"),
        required=False,
        help_text=_("For example sign language interpreting, childcare or a seat near the front."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my name and e-mail address are stored to organise this event."),
        error_messages={"required": _("Please agree so that we can register you.")},
    )


class AttendanceForm(forms.Form):
    """Who took part in an event: the confirmed registrations ticked, and people who came without registering
    (one name a line)."""

    registrations = forms.MultipleChoiceField(
        label=_("Registered people who took part"), required=False, widget=forms.CheckboxSelectMultiple
    )
    walk_ins = forms.CharField(
        label=_("People who came without registering"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One name a line, as it should appear on the certificate."),
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].choices = [(str(r.pk), r.name) for r in registrations if r.name]

    def clean_walk_ins(self):
        names = [line.strip() for line in self.cleaned_data["walk_ins"].splitlines() if line.strip()]
        limit = max_length_of(Registration, "name")
        for name in names:
            if len(name) > limit:
                raise ValidationError(
                    gettext("At most %(limit)s characters a name: “%(name)s…”") % {"limit": limit, "name": name[:30]}
                )
        return names

    def service_data(self) -> dict:
        return {
            "registration_ids": [int(pk) for pk in self.cleaned_data["registrations"]],
            "walk_ins": self.cleaned_data["walk_ins"],
        }
