"""Forms of the sortition pages and the reader of the register extract (CSV)."""

import csv
import io
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import SingleLineField
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District

from .models import (
    LEGACY_DRAWS,
    MAX_LEGACY_DRAWS,
    Feature,
    Quota,
    Respondent,
    SelectionRun,
    Sortition,
    normalise_code,
)
from .versions import QUOTA_VERSION

REGISTER_COLUMNS = {
    "first_name": "Vorname",
    "last_name": "Nachname",
    "street": "Straße",
    "house_number": "Hausnummer",
    "postcode": "PLZ",
    "city": "Ort",
    "district": "Stadtbezirk",
}
OPTIONAL_REGISTER_COLUMNS = {"address_extra": "Adresszusatz"}
POSTCODE = re.compile(r"^\d{5}$")
MAX_REGISTER_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RowIssue:
    line: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.line and self.column:
            return gettext("Line %(line)s, column “%(column)s”: %(message)s") % vars(self)
        if self.line:
            return gettext("Line %(line)s: %(message)s") % vars(self)
        return self.message


class RegisterImportError(Exception):
    def __init__(self, issues: list[RowIssue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # German spreadsheet exports


def _district_lookup() -> dict[str, District]:
    lookup = {}
    for district in District.objects.all():
        for name in (str(district.number), f"{district.number:02d}", district.name, str(district)):
            lookup[name.casefold()] = district
    return lookup


def parse_register_csv(data: bytes) -> list[dict]:
    """Read a register extract; return one dict per person or raise with every bad row.

    Columns (German headers, separated by semicolons or commas): Vorname, Nachname, Straße,
    Hausnummer, PLZ, Ort, Stadtbezirk (number or name) and optionally Adresszusatz. Line numbers
    count the header as line 1, as a spreadsheet shows them.
    """
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    issues: list[RowIssue] = []
    missing = [name for name in REGISTER_COLUMNS.values() if name not in header]
    for name in missing:
        issues.append(RowIssue(1, name, gettext("the column is missing")))
    if missing:
        raise RegisterImportError(issues)
    position = {name: header.index(name) for name in header}
    districts = _district_lookup()
    rows, seen = [], {}
    line = reader.line_num + 1
    for record in reader:
        if not any(cell.strip() for cell in record):
            line = reader.line_num + 1
            continue
        cells = {
            key: (record[position[name]].strip() if position[name] < len(record) else "")
            for key, name in {**REGISTER_COLUMNS, **OPTIONAL_REGISTER_COLUMNS}.items()
            if name in position
        }
        for key, name in REGISTER_COLUMNS.items():
            if not cells[key]:
                issues.append(RowIssue(line, name, gettext("this field is empty")))
        if cells["postcode"] and not POSTCODE.match(cells["postcode"]):
            issues.append(
                RowIssue(
                    line, "PLZ", gettext("“%(value)s” is not a postcode of five digits") % {"value": cells["postcode"]}
                )
            )
        district = districts.get(cells["district"].casefold()) if cells["district"] else None
        if cells["district"] and district is None:
            issues.append(
                RowIssue(
                    line,
                    "Stadtbezirk",
                    gettext("“%(value)s” is not a district of the city") % {"value": cells["district"]},
                )
            )
        identity = tuple(
            " ".join(cells[k].casefold().split())
            for k in ("first_name", "last_name", "street", "house_number", "postcode")
        )
        if all(identity):
            if identity in seen:
                issues.append(
                    RowIssue(
                        line,
                        "Nachname",
                        gettext("the same person is already in line %(line)s") % {"line": seen[identity]},
                    )
                )
            else:
                seen[identity] = line
        cells["district"] = district
        cells["line"] = line
        rows.append(cells)
        line = reader.line_num + 1
    if not rows and not issues:
        issues.append(RowIssue(None, None, gettext("The file contains no people.")))
    if issues:
        raise RegisterImportError(issues)
    return rows


class SortitionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Sortition
        fields = ["title", "description", "process", "panel_size", "lottery_size", "one_per_household", "purge_after"]
        field_classes = {"title": SingleLineField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "purge_after": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Register extract (CSV)"),
        help_text=_("Columns: Vorname, Nachname, Straße, Hausnummer, Adresszusatz (optional), PLZ, Ort, Stadtbezirk."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_REGISTER_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Please upload a CSV file."))
        return upload


class InvitationForm(forms.Form):
    count = forms.IntegerField(label=_("Number of invitations"), min_value=1)
    stratify_by_district = forms.BooleanField(
        label=_("Stratify by district (proportional to the register)"), required=False
    )
    seed = forms.CharField(
        label=_("Seed"),
        required=False,
        max_length=40,
        help_text=_("Leave empty for a new random seed. The seed is recorded; the same seed gives the same sample."),
    )


class FeatureForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40, help_text=_("Short name for files, e.g. “age”."))
    name = SingleLineField(label=_("Question"), max_length=200, help_text=_("e.g. “How old are you?”"))
    values = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One answer per line: key; text; share in the population in percent. Example: 16-29; 16 to 29 years; 18"
        ),
    )

    def __init__(self, *args, sortition=None, **kwargs):
        self.sortition = sortition
        super().__init__(*args, **kwargs)

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.sortition and Feature.objects.filter(sortition=self.sortition, key=key).exists():
            raise ValidationError(_("This sortition already has a feature with this key."))
        return key

    def clean_values(self):
        result, keys = [], set()
        for number, raw in enumerate(self.cleaned_data["values"].splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.split(";")]
            if len(parts) != 3 or not all(parts):
                raise ValidationError(_("Line %(line)s: please give key; text; share.") % {"line": number})
            key, label, share = parts
            if not re.match(r"^[-\w]+$", key):
                raise ValidationError(
                    _("Line %(line)s: the key may contain letters, digits, - and _ only.") % {"line": number}
                )
            if key in keys:
                raise ValidationError(
                    _("Line %(line)s: the key “%(key)s” is used twice.") % {"line": number, "key": key}
                )
            try:
                share_value = float(share.replace(",", ".").rstrip("%").strip())
            except ValueError:
                raise ValidationError(
                    _("Line %(line)s: “%(share)s” is not a number.") % {"line": number, "share": share}
                ) from None
            if not 0 <= share_value <= 100:
                raise ValidationError(_("Line %(line)s: the share must be between 0 and 100.") % {"line": number})
            keys.add(key)
            result.append((key, label, round(share_value, 2)))
        if len(result) < 2:
            raise ValidationError(_("A feature needs at least two answers."))
        return result


class SignUpForm(forms.Form):
    """Stage two: a person answers the invitation with their code and their features."""

    code = forms.CharField(
        label=_("Your response code"),
        max_length=20,
        help_text=_("Printed on your invitation letter, e.g. ABCDE-FGHJK."),
    )
    email = forms.EmailField(
        label=_("E-mail address"), required=False, help_text=_("So that we can tell you the result.")
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    consent = forms.BooleanField(
        label=_(
            "I agree that the city processes my details to select the panel. They are deleted when the panel ends."
        ),
    )

    def __init__(self, *args, features=(), with_consent=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.feature_fields = []
        for feature in features:
            name = f"feature_{feature.key}"
            self.fields[name] = forms.ChoiceField(
                label=feature.name,
                choices=[(v.key, v.label) for v in feature.values.all()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )
            self.feature_fields.append((feature, name))
        # Keep the consent last.
        self.fields["consent"] = self.fields.pop("consent")
        if not with_consent:
            self.fields["consent"].label = _("The person agreed in writing to the processing of their details.")

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):  # the honeypot: people leave it empty
            raise ValidationError(_("Your reply could not be accepted."))
        return cleaned

    def answers(self) -> dict[str, str]:
        return {feature.key: self.cleaned_data[name] for feature, name in self.feature_fields}


class QuotaForm(VersionedForm):
    """Minimum and maximum per feature value; fields named min_<id> and max_<id>. Its version (core.versioning)
    is of the sortition: all its quotas (QUOTA_VERSION)."""

    version_fields = ()
    version_extra = QUOTA_VERSION

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for value in values:
            try:
                quota = value.quota
            except Quota.DoesNotExist:
                quota = None
            label = f"{value.feature.name}: {value.label}"
            self.fields[f"min_{value.pk}"] = forms.IntegerField(
                label=_("Minimum for %(value)s") % {"value": label},
                min_value=0,
                initial=quota.minimum if quota else None,
            )
            self.fields[f"max_{value.pk}"] = forms.IntegerField(
                label=_("Maximum for %(value)s") % {"value": label},
                min_value=0,
                initial=quota.maximum if quota else None,
            )
            self.rows.append((value, self[f"min_{value.pk}"], self[f"max_{value.pk}"]))

    def clean(self):
        cleaned = super().clean()
        for value, _min, _max in self.rows:
            low, high = cleaned.get(f"min_{value.pk}"), cleaned.get(f"max_{value.pk}")
            if low is not None and high is not None and low > high:
                self.add_error(f"max_{value.pk}", _("The maximum must not be smaller than the minimum."))
        self._check_totals_per_feature(cleaned)
        return cleaned

    def _check_totals_per_feature(self, cleaned) -> None:
        """The values of one feature share the panel's seats: their minimums together may not ask for more
        seats than the panel has (more than 100 %), and their maximums together must allow all of them."""
        by_feature: dict = {}
        for value, _min, _max in self.rows:
            by_feature.setdefault(value.feature, []).append(value)
        for feature, values in by_feature.items():
            size = feature.sortition.panel_size
            lows = [cleaned.get(f"min_{value.pk}") for value in values]
            highs = [cleaned.get(f"max_{value.pk}") for value in values]
            if None not in lows and sum(lows) > size:
                self.add_error(
                    f"min_{values[0].pk}",
                    _(
                        "The minimums for “%(feature)s” add up to %(total)s seats, but the panel has only "
                        "%(size)s (%(share)s %% of its seats). Lower them so that they fit."
                    )
                    % {
                        "feature": feature.name,
                        "total": sum(lows),
                        "size": size,
                        "share": round(100 * sum(lows) / size),
                    },
                )
            if None not in highs and sum(highs) < size:
                self.add_error(
                    f"max_{values[0].pk}",
                    _(
                        "The maximums for “%(feature)s” add up to %(total)s seats, but the panel has %(size)s: "
                        "it could not be filled. Raise them so that they allow every seat."
                    )
                    % {"feature": feature.name, "total": sum(highs), "size": size},
                )

    def bounds(self) -> dict[int, tuple[int, int]]:
        return {
            value.pk: (self.cleaned_data[f"min_{value.pk}"], self.cleaned_data[f"max_{value.pk}"])
            for value, *_ in self.rows
        }


class ProposeQuotasForm(forms.Form):
    tolerance = forms.IntegerField(
        label=_("Tolerance (seats above and below the proportional number)"), min_value=0, initial=1
    )


class RunForm(forms.Form):
    algorithm = forms.ChoiceField(
        label=_("Algorithm"),
        choices=SelectionRun.Algorithm.choices,
        widget=forms.RadioSelect,
        initial=SelectionRun.Algorithm.LEXIMIN,
    )
    draws = forms.IntegerField(
        label=_("Simulated draws (LEGACY only)"),
        required=False,
        min_value=100,
        max_value=MAX_LEGACY_DRAWS,
        initial=LEGACY_DRAWS,
        help_text=_(
            "LEGACY has no explicit distribution: its probabilities are estimated from this many simulated draws. "
            "More draws give a more exact estimate and take longer."
        ),
    )
    seed = forms.CharField(
        label=_("Seed"),
        required=False,
        max_length=18,
        help_text=_(
            "Leave empty for a new random seed. The seed is recorded with the run; the same seed gives the same result."
        ),
    )


PUBLIC_NUMBER = RegexValidator(
    r"^\s*[0-9]+(?:\s*[-–,./:]?\s*[0-9]+)*\s*$",
    _("Enter the public random number as digits, groups separated by spaces or hyphens, e.g. 4-17-23-38-41."),
)


def public_number_field(*, digits: int = 4, **kwargs) -> forms.CharField:
    """The public random number: digits, in groups separated by spaces or hyphens. A draw needs at least four
    digits (so that nobody can guess it before it is read out); a check takes any number, as the rule does."""
    validators = [PUBLIC_NUMBER]
    if digits > 1:
        validators.append(_at_least_digits(digits))
    return forms.CharField(label=_("Public random number"), max_length=200, validators=validators, **kwargs)


def _at_least_digits(digits: int):
    def check(value: str) -> None:
        if len(re.findall("[0-9]", value)) < digits:
            raise ValidationError(_("The public random number needs at least four digits."), code="short")

    return check


class DrawForm(forms.Form):
    public_number = public_number_field(
        help_text=_("The number read out at the public meeting, e.g. from drawn lottery balls: 4-17-23-38-41."),
    )


class ReplacementForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member who dropped out"), queryset=Respondent.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, sortition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Respondent.objects.filter(
            sortition=sortition, status=Respondent.Status.SELECTED
        ).order_by("pseudonym")


class VerifyForm(forms.Form):
    public_number = public_number_field(digits=1)
    document = forms.CharField(
        label=_("Published lottery (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to use the lottery published on this page, or paste a downloaded copy."),
    )
