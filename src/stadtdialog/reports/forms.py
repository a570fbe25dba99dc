"""Forms for reports, comments on reports and comments on the concept. The comment and attachment forms
check their fields (limits from the models, German messages); the services check permission, the deadline
and the rate limit, and save."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import SingleLineField, limited_text, max_length_of
from stadtdialog.core.sanitize import html_to_text, sanitize_html
from stadtdialog.core.versioning import VersionedForm
from stadtdialog.plans.uploads import checked_upload, megabytes

from .models import ConceptComment, Report, ReportAttachment, ReportComment


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(VersionedForm):
    """A report's fields: the text sanitised, an interim report with where and when the decision is taken and,
    if residents may comment, a deadline that is not in the past; only an interim report takes comments."""

    kind = forms.ChoiceField(label=_("Kind of report"), choices=Report.Kind.choices, widget=forms.RadioSelect)
    title = SingleLineField(label=_("Title"), max_length=max_length_of(Report, "title"))
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Paragraphs, bold and italic text, lists, links, headings and tables are kept (HTML); "
            "everything else is removed."
        ),
    )
    decision_where_when = forms.CharField(
        label=_("Where and when the decision is taken"),
        max_length=max_length_of(Report, "decision_where_when"),
        required=False,
        help_text=_("Required for an interim report, e.g. “District council Linden-Limmer, meeting on 12 March 2027”."),
    )
    open_comments = forms.BooleanField(label=_("Residents may comment on this interim report"), required=False)
    comments_until = forms.DateField(
        label=_("Comments possible until"),
        required=False,
        widget=date_input(),
        help_text=_("The last day on which comments are accepted."),
    )

    def clean_text(self) -> str:
        text = sanitize_html(self.cleaned_data["text"].strip())
        if not html_to_text(text):
            raise ValidationError(gettext("Please write the text of the report."))
        return text

    def clean(self) -> dict:
        data = super().clean()
        kind, until = data.get("kind"), data.get("comments_until")
        if kind == Report.Kind.INTERIM:
            if not data.get("decision_where_when") and "decision_where_when" not in self.errors:
                self.add_error(
                    "decision_where_when", gettext("An interim report states where and when the decision is taken.")
                )
            if data.get("open_comments") and until is None and "comments_until" not in self.errors:
                self.add_error("comments_until", gettext("Please give the date until which comments are possible."))
            elif until is not None and until < timezone.localdate():
                self.add_error("comments_until", gettext("The deadline for comments cannot be in the past."))
        elif kind and (until is not None or data.get("open_comments")):
            self.add_error("comments_until", gettext("Only an interim report can take comments."))
        return data

    def service_data(self) -> dict:
        """The keyword arguments of services.create_report and update_report."""
        data = self.cleaned_data
        interim = data["kind"] == Report.Kind.INTERIM
        return {
            "kind": data["kind"],
            "title": data["title"],
            "text": data["text"],
            "decision_where_when": data["decision_where_when"],
            "comments_until": data["comments_until"] if interim else None,
        }


def report_initial(report: Report) -> dict:
    initial = {
        name: getattr(report, name) for name in ["kind", "title", "text", "decision_where_when", "comments_until"]
    }
    initial["open_comments"] = report.comments_until is not None
    return initial


class ReportAttachmentForm(forms.Form):
    """A PDF or image, checked by its content and size; an image is re-encoded without its metadata."""

    file = forms.FileField(label=_("File"))
    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(ReportAttachment, "title"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, PNG, JPEG or WebP, at most %(limit)s MB.") % {
            "limit": megabytes(settings.MAX_ATTACHMENT_BYTES)
        }

    def clean_file(self):
        _kind, stored = checked_upload(self.cleaned_data["file"])
        return stored


def comment_field(label: str, limit: int) -> forms.CharField:
    """A comment's text: required, at most `limit` characters (refused over it, with a counter while typing)."""
    return limited_text(label, limit, rows=5, help_text=_("Your display name is shown with the comment."))


class CommentForm(forms.Form):
    LIMIT = max_length_of(ReportComment, "text")
    text = comment_field(_("Your comment"), LIMIT)


class ConceptCommentForm(forms.Form):
    LIMIT = max_length_of(ConceptComment, "text")
    text = comment_field(_("Your comment on the concept"), LIMIT)


class HandleConceptCommentForm(forms.Form):
    DECISIONS = [
        (ConceptComment.Status.ADOPTED, _("Adopted into the concept")),
        (ConceptComment.Status.DECLINED, _("Not adopted")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    version = forms.TypedChoiceField(
        label=_("Version of the concept that takes up the comment"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Revise the concept first and save it; the saved revision appears here as a new version."),
    )
    reason = forms.CharField(
        label=_("Reason (published)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the comment is not adopted."),
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [("", _("– choose a version –"))] + [
            (number, _("Version %(number)s") % {"number": number}) for number in versions
        ]
