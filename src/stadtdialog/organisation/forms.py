"""Staff forms of the organisation: a unit, its contact data, its move and dissolution, a district council.

Forms only parse and check the fields (limits from the model fields); services save and check the tree.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import SingleLineField, id_field, max_length_of
from stadtdialog.core.versioning import VersionedForm

from .models import DistrictCouncil, OrgUnit
from .queries import active_units, units_outside
from .services import CONTACT_FIELDS, COUNCIL_FIELDS, COUNCIL_VERSION, UNIT_FIELDS

OUTSIDE_ONLY = _("Please choose an existing unit that is neither this unit nor one below it.")


def _text(model, name: str, label, required: bool = False, **kwargs) -> forms.CharField:
    return SingleLineField(label=label, max_length=max_length_of(model, name), required=required, **kwargs)


class ParentChoice(forms.Form):
    """The unit a new unit is made under (?unter=<id>), read with core.forms.parse_query."""

    unter = id_field()


class UnitContactForm(VersionedForm):
    """The public contact data of a unit (what a unit lead may change)."""

    email = forms.EmailField(label=_("E-mail"), required=False, max_length=max_length_of(OrgUnit, "email"))
    phone = _text(OrgUnit, "phone", _("Phone"))
    address = _text(OrgUnit, "address", _("Address"), help_text=_("Street, number, postcode and town."))
    website = forms.URLField(
        label=_("Web page"),
        required=False,
        max_length=max_length_of(OrgUnit, "website"),
        assume_scheme="https",
        help_text=_("For example https://www.hannover.de/…"),
    )
    opening_hours = _text(
        OrgUnit, "opening_hours", _("Opening hours"), help_text=_("For example “Mon–Thu 9–15, Fri 9–12”.")
    )

    service_fields = CONTACT_FIELDS

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.service_fields}


class UnitForm(UnitContactForm):
    """A unit's names, kind and contact data; on creation also where it belongs."""

    short_name = _text(OrgUnit, "short_name", _("Short name"), required=True, help_text=_("For example “FB 61”."))
    name = _text(OrgUnit, "name", _("Name"), required=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgUnit.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Belongs to"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("– nothing: a top unit –"),
        error_messages={"invalid_choice": OUTSIDE_ONLY},
    )

    field_order = ["short_name", "name", "kind", "parent", *CONTACT_FIELDS]
    service_fields = UNIT_FIELDS

    def __init__(self, *args, with_parent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_parent:
            self.fields["parent"].queryset = active_units()
        else:
            del self.fields["parent"]

    def service_data(self) -> dict:
        data = super().service_data()
        if "parent" in self.fields:
            data["parent"] = self.cleaned_data["parent"]
        return data


def unit_initial(unit: OrgUnit) -> dict:
    return {name: getattr(unit, name) for name in UNIT_FIELDS}


class MoveForm(VersionedForm):
    parent = forms.ModelChoiceField(
        label=_("New place: below"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("– nothing: a top unit –"),
        error_messages={"invalid_choice": OUTSIDE_ONLY},
    )

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units_outside(unit)


class DissolveForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=OrgUnit.objects.none(),
        help_text=_("Takes over the plans, processes, events, staff, roles and units below of the dissolved unit."),
        error_messages={"invalid_choice": OUTSIDE_ONLY, "required": _("Please choose the unit that takes over.")},
    )

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = units_outside(unit)


class CouncilForm(VersionedForm):
    version_fields = ()
    version_extra = COUNCIL_VERSION

    name = _text(DistrictCouncil, "name", _("Name"), required=True, help_text=_("For example “Stadtbezirksrat Mitte”."))
    chair = _text(
        DistrictCouncil,
        "chair",
        _("Chair"),
        help_text=_("The name under which the chair appears in public."),
    )
    email = forms.EmailField(
        label=_("E-mail of the council's office"), required=False, max_length=max_length_of(DistrictCouncil, "email")
    )
    phone = _text(DistrictCouncil, "phone", _("Phone of the council's office"))
    website = forms.URLField(
        label=_("Web page (meetings, minutes)"),
        required=False,
        max_length=max_length_of(DistrictCouncil, "website"),
        assume_scheme="https",
    )
    meetings = _text(
        DistrictCouncil, "meetings", _("Meetings"), help_text=_("For example “monthly, Thursdays 18:00, public”.")
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in COUNCIL_FIELDS}


def council_initial(council: DistrictCouncil | None) -> dict:
    return {name: getattr(council, name) for name in COUNCIL_FIELDS} if council else {}
