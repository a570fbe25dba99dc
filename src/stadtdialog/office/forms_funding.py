"""Forms of the funding pages: rounds and the committee (office), applications with their budget plan
(applicants), screening, the session (attendance, conflicts, votes, decisions), payment dates and the
use-of-funds report. Forms parse and check fields; the services check what crosses objects (the round's
budget, the deadline, the sum of the budget plan, the quorum) and save."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.accounts.models import User
from stadtdialog.core.forms import SingleLineField, limited_text, max_length_of
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.organisation.models import District, FieldOfAction
from stadtdialog.plans.uploads import check_upload

from .forms import date_field, datetime_field
from .models_funding import (
    AgendaItem,
    Committee,
    CommitteeMember,
    FundingApplication,
    FundingRound,
    UseOfFundsReport,
    Vote,
)

ITEM_ROWS = 8
MAX_AMOUNT = Decimal("9999999999.99")


GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class MoneyField(forms.DecimalField):
    """Euros and cents as people write them: "1.250,50", "1250,50", "1250.50", "1.250 €"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif GROUPED.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


def money_field(label, *, required=True, **kwargs) -> forms.DecimalField:
    """Euros and cents; a negative amount gets a German message, the input is kept."""
    field = MoneyField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MAX_AMOUNT,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "min_value": _("The amount must not be negative."),
            "max_decimal_places": _("At most two digits after the comma (cents)."),
            "invalid": _("Please enter an amount in euros, e.g. 1250,50."),
            "required": _("Please enter an amount."),
        },
        **kwargs,
    )
    return field


class RoundForm(VersionedForm, forms.ModelForm):
    """A funding round, opened and changed by the coordination office (versioned, core.versioning)."""

    description = limited_text(_("What may be funded"), max_length_of(FundingRound, "description"), rows=6)
    budget = money_field(_("Budget in euros"))
    submission_deadline = datetime_field(_("Submission deadline"))
    committee_date = date_field(_("Committee date"))

    class Meta:
        model = FundingRound
        fields = [
            "title",
            "slug",
            "description",
            "budget",
            "submission_deadline",
            "committee_date",
            "committee",
            "open_to_initiatives",
            "rules_page",
            "is_published",
        ]
        field_classes = {"title": SingleLineField}
        help_texts = {"slug": _("Part of the web address, e.g. “stadtteilfonds-2027-1”.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].error_messages["min_value"] = _("The budget must be more than 0 €.")
        if self.instance.pk:
            del self.fields["slug"]

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget <= 0:
            raise ValidationError(gettext("The budget must be more than 0 €."))
        return budget

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "quorum"]
        field_classes = {"name": SingleLineField}


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the member's account"),
        help_text=_("External members register an account first (they need no role)."),
    )
    affiliation = SingleLineField(label=_("Sent by"), required=False, max_length=200)
    is_chair = forms.BooleanField(label=_("Chair"), required=False)
    is_external = forms.BooleanField(label=_("External member (not city staff or council)"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(gettext("There is no active account with this e-mail address."))
        self.member = user
        return email


class ApplicationForm(forms.Form):
    """An application with its budget plan: up to ITEM_ROWS cost items (rows left empty are ignored)."""

    applicant = forms.ChoiceField(label=_("Filed through"))
    title = SingleLineField(label=_("Project title"), max_length=200)
    organisation = SingleLineField(
        label=_("Applicant organisation"),
        max_length=200,
        help_text=_("The department, the district council, the initiative or the association."),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("Citywide")
    )
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.all(), required=False
    )
    purpose = limited_text(
        _("Purpose"),
        max_length_of(FundingApplication, "purpose"),
        rows=3,
        help_text=_("Published with the title, district and amount if approved; no names, please."),
    )
    participation = limited_text(_("How people take part"), 3000, rows=4, required=False)
    timeline = limited_text(_("Timeline"), 2000, rows=3, required=False)
    contact_name = SingleLineField(label=_("Contact person"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = SingleLineField(label=_("Contact phone"), max_length=40, required=False)
    own_funds = money_field(_("Own funds in euros"), required=False)
    other_funding = money_field(_("Other funding in euros"), required=False)
    requested_amount = money_field(_("Requested amount in euros"), required=False)

    MAIN = (
        "applicant",
        "title",
        "organisation",
        "district",
        "field_of_action",
        "purpose",
        "participation",
        "timeline",
        "contact_name",
        "contact_email",
        "contact_phone",
    )
    FINANCING = ("own_funds", "other_funding", "requested_amount")

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, ITEM_ROWS + 1):
            self.fields[f"item_{row}_text"] = SingleLineField(
                label=_("Cost item %(row)s") % {"row": row}, max_length=200, required=False
            )
            self.fields[f"item_{row}_amount"] = money_field(
                _("Amount of item %(row)s in euros") % {"row": row}, required=False
            )
        if choices is None:
            del self.fields["applicant"]
        else:
            self.choice_objects = {key: value for key, _label, value in choices}
            self.fields["applicant"].choices = [(key, label) for key, label, _value in choices]

    def main_fields(self):
        return [self[name] for name in self.MAIN if name in self.fields]

    def financing_fields(self):
        return [self[name] for name in self.FINANCING]

    def item_rows(self):
        return [(self[f"item_{row}_text"], self[f"item_{row}_amount"]) for row in range(1, ITEM_ROWS + 1)]

    def clean(self):
        data = super().clean()
        items = []
        for row in range(1, ITEM_ROWS + 1):
            text, amount = data.get(f"item_{row}_text"), data.get(f"item_{row}_amount")
            if f"item_{row}_amount" in self.errors:
                continue
            if text and amount is None:
                self.add_error(f"item_{row}_amount", gettext("Please give the amount of this cost item."))
            elif amount is not None and not text:
                self.add_error(f"item_{row}_text", gettext("Please name this cost item."))
            elif text and amount is not None:
                if amount <= 0:
                    self.add_error(f"item_{row}_amount", gettext("A cost item needs an amount above 0 €."))
                items.append((text, amount))
        self.items = items
        return data

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.MAIN + self.FINANCING if name != "applicant"}
        for name in self.FINANCING:
            if data[name] is None:
                data[name] = Decimal("0.00")
        for name in ("participation", "timeline", "contact_name", "contact_email", "contact_phone"):
            data[name] = data[name] or ""
        data["items"] = self.items
        if "applicant" in self.fields:
            kind, obj = self.choice_objects[self.cleaned_data["applicant"]]
            data["kind"], data["applicant"] = kind, obj
        return data


def application_initial(application: FundingApplication) -> dict:
    initial = {name: getattr(application, name) for name in ApplicationForm.MAIN[1:] + ApplicationForm.FINANCING}
    initial["district"], initial["field_of_action"] = application.district_id, application.field_of_action_id
    for row, item in enumerate(application.budget_items.all()[:ITEM_ROWS], start=1):
        initial[f"item_{row}_text"], initial[f"item_{row}_amount"] = item.description, item.amount
    return initial


class MoreInfoForm(forms.Form):
    note = limited_text(_("What is missing"), 2000, rows=4, help_text=_("The applicant sees this note."))


class ScreenForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Result of the eligibility check"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation to the committee"),
        choices=FundingApplication.Recommendation.choices,
        required=False,
    )
    recommended_amount = money_field(_("Recommended amount in euros"), required=False)
    note = limited_text(_("Note (internal; the reason if not eligible)"), 2000, rows=3, required=False)


class SessionForm(forms.Form):
    date = datetime_field(_("Date and time"))
    place = SingleLineField(label=_("Place"), max_length=200)


class AgendaForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=FundingApplication.objects.none())

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = FundingApplication.objects.filter(
            round_id=session.round_id, state=FundingApplication.State.ELIGIBLE
        )


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"), queryset=CommitteeMember.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = session.round.committee.members.select_related("user")
        self.fields["present"].label_from_instance = lambda member: member.name


class ConflictForm(forms.Form):
    reason = SingleLineField(label=_("Reason of the conflict of interest"), max_length=300)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=AgendaItem.Outcome.choices[1:], widget=forms.RadioSelect)
    amount = money_field(_("Approved amount in euros"), required=False)
    conditions = limited_text(_("Conditions"), 2000, rows=2, required=False)
    reason = limited_text(_("Reason"), 2000, rows=2, required=False)


class InstalmentForm(forms.Form):
    due_date = date_field(_("Payment date"))
    amount = money_field(_("Amount in euros"))


class ReportForm(forms.Form):
    summary = limited_text(_("What was done and who took part"), max_length_of(UseOfFundsReport, "summary"), rows=6)
    spent_amount = money_field(_("Funds spent in euros"))
    document_title = SingleLineField(label=_("Title of the document"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Document (receipts, photos, flyer)"), required=False, help_text=_("PDF, PNG, JPEG or WebP.")
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload


class ReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Accept the report")), ("0", _("Return it for changes"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = limited_text(_("Note to the applicant"), 2000, rows=3, required=False)
