"""Forms of the office pages. Forms parse and check fields; the services check what crosses objects (free dates,
blackouts, the past) and save."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff
from stadtdialog.core.antibot import AntiBotMixin
from stadtdialog.core.forms import SingleLineField, id_field, limited_text, max_length_of
from stadtdialog.core.models import Page
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District
from stadtdialog.organisation.points import point_error
from stadtdialog.plans.models import Attachment
from stadtdialog.plans.uploads import check_upload

from .models import Blackout, Booking, Equipment, OfficeHour, OfficeHourException, Room, RoomPhoto, SlotBooking

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
MAX_YEARS = 3  # week views and requests stay within a few years of today


def datetime_field(label, **kwargs):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=DATETIME_FORMATS,
        **kwargs,
    )


def date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        **kwargs,
    )


def within_years(day: datetime.date | None) -> datetime.date | None:
    """The day if it lies within MAX_YEARS of today, else None (a query value far out is ignored)."""
    if day is None:
        return None
    today = datetime.date.today()
    return day if abs((day - today).days) <= MAX_YEARS * 366 else None


class WeekQuery(forms.Form):
    """The week of a week view (?ab=2027-01-11); core.forms.parse_query reads it."""

    ab = forms.DateField(required=False, input_formats=DATE_FORMATS)


class MonthQuery(forms.Form):
    monat = forms.DateField(required=False, input_formats=["%Y-%m", *DATE_FORMATS])


class YearQuery(forms.Form):
    jahr = forms.IntegerField(required=False, min_value=2000, max_value=2100)


class DayQuery(forms.Form):
    tag = forms.DateField(required=False, input_formats=DATE_FORMATS)


class RoomQuery(forms.Form):
    raum = forms.SlugField(required=False, max_length=80)
    material = forms.SlugField(required=False, max_length=80)


class ExportQuery(forms.Form):
    von = forms.DateField(required=False, input_formats=DATE_FORMATS)
    bis = forms.DateField(required=False, input_formats=DATE_FORMATS)


class OccurrenceChoice(forms.Form):
    termin = id_field()


class DateListField(forms.MultipleChoiceField):
    """Dates (ISO) to leave out of a series: any valid date is accepted; the view offers the conflicting ones."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return True

    def clean(self, value):
        values = super().clean(value)
        days = set()
        for item in values:
            try:
                days.add(datetime.date.fromisoformat(item))
            except (TypeError, ValueError):
                raise ValidationError(gettext("Please choose the dates from the list.")) from None
        return days


class BookingRequestForm(forms.Form):
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("No room, equipment only")
    )
    start = datetime_field(_("Start"), error_messages={"required": _("Please give the start.")})
    end = datetime_field(_("End"), error_messages={"required": _("Please give the end.")})
    repeat = forms.ChoiceField(label=_("Repeat"), choices=Booking.Repeat.choices, required=False)
    repeat_until = date_field(_("Repeat until"), required=False, help_text=_("The last day of the series."))
    purpose = SingleLineField(
        label=_("Purpose"),
        max_length=max_length_of(Booking, "purpose"),
        help_text=_("For example “workshop on the playground in the Lindener Park”."),
        error_messages={"required": _("Please tell us what the booking is for.")},
    )
    organisation = SingleLineField(
        label=_("For (initiative, association, district council, department)"),
        max_length=max_length_of(Booking, "organisation"),
        required=False,
    )
    expected_people = forms.IntegerField(
        label=_("Expected number of people"),
        min_value=1,
        max_value=10000,
        error_messages={"required": _("Please give the expected number of people.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=max_length_of(Booking, "accessibility_needs"),
        required=False,
        help_text=_("For example step-free access, a hearing loop or sign language interpreting."),
    )
    leave_out = DateListField(label=_("Leave out these dates"), required=False)
    accept_rules = forms.BooleanField(
        label=_("I accept the rules of use of the rooms and the equipment."),
        error_messages={"required": _("Please accept the rules of use.")},
    )

    def __init__(self, *args, equipment=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(is_active=True).order_by("position", "name")
        self.equipment = list(equipment)
        for item in self.equipment:
            self.fields[f"quantity_{item.pk}"] = forms.IntegerField(
                label=item.name,
                required=False,
                min_value=0,
                max_value=item.stock,
                help_text=_("%(stock)s available, to collect at: %(pickup)s")
                % {"stock": item.stock, "pickup": item.pickup},
                error_messages={
                    "max_value": _("Only %(limit_value)s are available."),
                    "min_value": _("Please give a number of 0 or more."),
                },
            )

    def quantity_fields(self):
        return [self[f"quantity_{item.pk}"] for item in self.equipment]

    def main_fields(self):
        return [self[name] for name in ("room", "start", "end", "repeat", "repeat_until")]

    def about_fields(self):
        return [self[name] for name in ("purpose", "organisation", "expected_people", "accessibility_needs")]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", gettext("The end must be after the start."))
        if start and not within_years(start.date()):
            self.add_error("start", gettext("Please choose a date within the next three years."))
        repeat, until = data.get("repeat"), data.get("repeat_until")
        if repeat and not until:
            self.add_error("repeat_until", gettext("Please give the last day of the series."))
        elif repeat and start and until and until < start.date():
            self.add_error("repeat_until", gettext("The last day of the series lies before its start."))
        elif repeat and start and until and (until - start.date()).days > 366:
            self.add_error("repeat_until", gettext("A series can run for one year at most."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "room": data["room"],
            "quantities": {item: data.get(f"quantity_{item.pk}") or 0 for item in self.equipment},
            "start": data["start"],
            "end": data["end"],
            "repeat": data.get("repeat") or "",
            "repeat_until": data.get("repeat_until"),
            "purpose": data["purpose"],
            "organisation": data.get("organisation", ""),
            "expected_people": data["expected_people"],
            "accessibility_needs": data.get("accessibility_needs", ""),
            "leave_out": data.get("leave_out") or set(),
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=max_length_of(Booking, "decision_reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person who asked."),
        error_messages={"required": _("Please give the reason.")},
    )


class BlackoutForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("—"))
    equipment = forms.ModelChoiceField(
        label=_("Equipment"), queryset=Equipment.objects.none(), required=False, empty_label=_("—")
    )
    start = datetime_field(_("Start"))
    end = datetime_field(_("End"))
    reason = SingleLineField(
        label=_("Reason"),
        max_length=max_length_of(Blackout, "reason"),
        help_text=_("Shown in the week views, e.g. “summer holidays” or “maintenance”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.order_by("position", "name")
        self.fields["equipment"].queryset = Equipment.objects.order_by("position", "name")
        self.fields["room"].help_text = _("Leave room and equipment empty for a period without any bookings.")

    def clean(self):
        data = super().clean()
        if data.get("room") and data.get("equipment"):
            self.add_error("equipment", gettext("Please choose a room or an equipment item, not both."))
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", gettext("The end must be after the start."))
        return data


class OfficeHourForm(VersionedForm, forms.ModelForm):
    valid_from = date_field(_("First day"))
    valid_until = date_field(_("Last day"), required=False, help_text=_("Empty: until further notice."))

    class Meta:
        model = OfficeHour
        fields = [
            "title",
            "district",
            "weekday",
            "start_time",
            "end_time",
            "slot_minutes",
            "mode",
            "place",
            "valid_from",
            "valid_until",
            "is_active",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        field_classes = {"title": SingleLineField, "place": SingleLineField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        districts = District.objects.order_by("number")
        if user is not None and not is_city_wide_staff(user):
            districts = districts.filter(pk__in=district_ids_of(user))
            self.fields["district"].required = True
        self.fields["district"].queryset = districts

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", gettext("The end must be after the start."))
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", gettext("The last day lies before the first day."))
        return data

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ExceptionForm(forms.Form):
    date = date_field(_("Date"))
    reason = SingleLineField(label=_("Reason"), max_length=max_length_of(OfficeHourException, "reason"), required=False)


class SlotBookingForm(AntiBotMixin, forms.Form):
    name = SingleLineField(
        label=_("Your name"),
        max_length=max_length_of(SlotBooking, "name"),
        error_messages={"required": _("Please give your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the link to confirm and to cancel here."),
        error_messages={"required": _("Please give your e-mail address.")},
    )
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=max_length_of(SlotBooking, "topic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=max_length_of(SlotBooking, "needs"),
        required=False,
        help_text=_("For example sign language interpreting or a step-free room."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my name and e-mail address are stored for this appointment."),
        error_messages={"required": _("Please agree so that we can book the appointment.")},
    )


# --- the catalogue (staff) ---------------------------------------------------------------------------


class RoomForm(VersionedForm, forms.ModelForm):
    """A room of the catalogue: created and edited by the coordination office (versioned, core.versioning)."""

    description = limited_text(_("Description"), max_length_of(Room, "description"), rows=4, required=False)

    class Meta:
        model = Room
        fields = [
            "name",
            "description",
            "capacity",
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "accessibility_note",
            "fixed_equipment",
            "address",
            "latitude",
            "longitude",
            "district",
            "opening_hours",
            "rules_page",
            "fee",
            "is_active",
        ]
        field_classes = dict.fromkeys(
            ("name", "accessibility_note", "fixed_equipment", "address", "opening_hours", "fee"), SingleLineField
        )
        labels = {"is_active": _("Published: can be booked")}
        help_texts = {
            "latitude": _("For the map, e.g. 52.3744 (both or neither)."),
            "longitude": _("For example 9.7386."),
        }
        error_messages = {
            "name": {"required": _("Please give the name of the room.")},
            "capacity": {"required": _("Please give the number of places.")},
            "address": {"required": _("Please give the address.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("number")
        self.fields["rules_page"].queryset = Page.objects.order_by("title")
        self.fields["rules_page"].help_text = _("A page the city writes (Pages in the staff area).")
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["capacity"].error_messages["min_value"] = _("A room has at least one place.")
        self.fields["opening_hours"].help_text = _("For example “Mon–Fri 8–20, Sat 10–16”.")

    def clean(self):
        data = super().clean()
        points_parsed = "latitude" not in self.errors and "longitude" not in self.errors
        if points_parsed and (message := point_error(data.get("latitude"), data.get("longitude"))):
            self.add_error("latitude", message)
        return data

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class EquipmentForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["name", "description", "stock", "pickup", "is_active"]
        field_classes = {"name": SingleLineField, "pickup": SingleLineField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"is_active": _("Published: can be booked")}
        error_messages = {
            "name": {"required": _("Please give the name.")},
            "stock": {"required": _("Please give the number available.")},
            "pickup": {"required": _("Please say where it is collected.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stock"].min_value = 1
        self.fields["stock"].widget.attrs["min"] = 1
        self.fields["stock"].error_messages["min_value"] = _("At least one must be available.")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class RoomPhotoForm(forms.Form):
    """A photo of a room: checked by its content and size; the service re-encodes it without metadata."""

    image = forms.FileField(
        label=_("Photo"),
        help_text=_("PNG, JPEG or WebP."),
        error_messages={"required": _("Please choose a photo.")},
    )
    alt_text = SingleLineField(
        label=_("Description of the photo"),
        max_length=max_length_of(RoomPhoto, "alt_text"),
        help_text=_("For people who cannot see the photo, e.g. “Bright hall with a row of windows”."),
        error_messages={"required": _("Please describe what the photo shows, for people who cannot see it.")},
    )

    def clean_image(self):
        image = self.cleaned_data["image"]
        kind, _extension = check_upload(image)
        if kind != Attachment.Kind.IMAGE:
            raise ValidationError(gettext("Only PNG, JPEG or WebP images are allowed."))
        return image


class PhotoChoice(forms.Form):
    photo = id_field()
