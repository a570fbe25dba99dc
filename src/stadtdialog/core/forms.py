"""Forms of the core app (the audit log's filters, the pages staff write, the barrier reports), and the two
helpers every staff form view uses to call its service.

The forms of the pages staff write and of the barrier reports are at the end of this module."""

import urllib.parse

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .antibot import AntiBotMixin
from .models import BarrierReport, Page
from .text import has_line_break, without_invisible_controls
from .uploads import check_captions, check_video
from .versioning import StaleEdit, VersionedForm, take_stale_edit


def max_length_of(model, name: str) -> int:
    """The max_length of a model field, so that a form and its model share one limit."""
    return model._meta.get_field(name).max_length


# --- long texts with a limit (issue 11, item 8): refused over the limit, never cut ---------------


class LimitedTextField(forms.CharField):
    """A text area that refuses text over `limit` characters with the limit and the length in the message.

    The textarea gets no `maxlength` attribute: browsers cut pasted text there silently. It gets
    `data-charcount` instead, which static/js/charcount.js turns into a counter while typing (without
    JavaScript the help text names the limit and the server refuses). Line breaks count as one character,
    as in the browser's counter."""

    def __init__(self, *, limit: int, rows: int = 6, help_text="", **kwargs):
        self.limit = limit
        attrs = {
            "rows": rows,
            "data-charcount": limit,
            "data-charcount-text": _("{count} of {limit} characters"),
            "data-charcount-over": _("{over} characters too many"),
        }
        at_most = format_lazy(_("At most {limit} characters."), limit=limit)
        kwargs.setdefault("widget", forms.Textarea(attrs=attrs))
        super().__init__(help_text=format_lazy("{} {}", at_most, help_text) if help_text else at_most, **kwargs)
        self.validators.append(
            MaxLengthValidator(limit, message=_("At most %(limit_value)d characters, you typed %(show_value)d."))
        )

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


def limited_text(label, limit: int, *, rows: int = 6, help_text="", **kwargs) -> LimitedTextField:
    """The long-text field of the residents' forms, e.g.

    text = limited_text(_("Your comment"), max_length_of(Comment, "text"), rows=4)"""
    return LimitedTextField(label=label, limit=limit, rows=rows, help_text=help_text, **kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError at the fields it names (or above the form). A StaleEdit (core.versioning)
    names what changed meanwhile and gives a VersionedForm the current version."""
    if isinstance(error, StaleEdit):
        take_stale_edit(form, error)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


def run_service(request, form, service, success_message):
    """Call `service()` if the form was sent and is valid; return its result after showing the message.

    Returns None when the form was not sent, is not valid, or the service raised a ValidationError
    (its errors are then put on the form). The view then renders the form again, with what was typed.
    A service that returns nothing counts as done: the result is then True.

        plan = run_service(request, form, lambda: services.create_plan(request.user, **form.service_data()),
                           _("The plan has been saved as a draft."))
        if plan:
            return redirect("plans:staff_detail", pk=plan.pk)
    """
    if not form.is_valid():
        return None
    try:
        result = service()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success_message)
    return True if result is None else result


class AuditLogForm(forms.Form):
    """The filters of the site-wide audit log (core.views_staff.audit_log): person, area, action, period."""

    person = forms.CharField(label=_("Person"), required=False, max_length=100, help_text=_("Name or e-mail address"))
    area = forms.ChoiceField(label=_("Area"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, areas=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas")), *areas]
        self.fields["action"].choices = [("", _("All actions")), *actions]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data


# --- single-line text fields (issue 11, item 7) ------------------------------------------------------


def refuse_line_breaks(value) -> None:
    """A validator for single-line fields (titles, names): a line break would break calendar files and headers."""
    if isinstance(value, str) and has_line_break(value):
        raise ValidationError(_("Please write this on one line, without line breaks."), code="line_break")


class SingleLineField(forms.CharField):
    """A CharField for titles and names: no line breaks (refused with a German message, the input is kept), and
    bidi control and zero-width characters are removed (core.text.without_invisible_controls)."""

    default_validators = [refuse_line_breaks]

    def to_python(self, value):
        if isinstance(value, str):
            value = without_invisible_controls(value)
        return super().to_python(value)  # strips white space after the invisible characters are gone


# --- the pages staff write and the barrier reports -------------------------------------------------

RICH_TEXT_HELP = _(
    "Paragraphs, bold and italic text, lists, links, headings and tables are kept (HTML); everything else is removed."
)
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def rich_text(label, rows: int = 12, required: bool = False, help_text=RICH_TEXT_HELP) -> forms.CharField:
    """A rich-text field as on the other staff forms: HTML in a text area, sanitised when it is saved."""
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": _("Please fill in this field.")},
    )


class PageForm(VersionedForm):
    """A page's address, title, text and place in the footer. For a required page the address is fixed."""

    slug = forms.CharField(
        label=_("Address"),
        max_length=max_length_of(Page, "slug"),
        validators=[
            RegexValidator(
                SLUG_PATTERN,
                _("Use only lower-case letters a–z, digits and hyphens, e.g. leitlinien-beteiligung."),
            )
        ],
        help_text=_("The last part of the page's address (/seite/…/): lower-case letters, digits and hyphens."),
        error_messages={"required": _("Please give the page an address.")},
    )
    title = SingleLineField(
        label=_("Title"),
        max_length=max_length_of(Page, "title"),
        error_messages={"required": _("Please give the page a title.")},
    )
    body = rich_text(_("Text"), rows=18)
    in_footer = forms.BooleanField(label=_("Link the page in the footer of every page"), required=False)

    def __init__(self, *args, page: Page | None = None, **kwargs):
        if page is not None:
            kwargs.setdefault("initial", {name: getattr(page, name) for name in self.initial_names()})
            kwargs.setdefault("version_of", page)
        super().__init__(*args, **kwargs)
        self.page = page
        if page is not None and page.is_reserved:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("A required page: its address stays.")

    @classmethod
    def initial_names(cls) -> list[str]:
        """The form's fields that are the page's own (not the files and the "remove" boxes)."""
        model_fields = {field.name for field in Page._meta.fields} - {"video", "captions"}
        return [name for name in cls.base_fields if name in model_fields]

    def clean_slug(self):
        return self.cleaned_data["slug"].strip().lower()

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class SignLanguagePageForm(PageForm):
    """The sign-language page: a video (an upload or an https address on the city's media server),
    captions and the transcript, which is required."""

    video = forms.FileField(
        label=_("Video file (MP4 or WebM)"),
        required=False,
        help_text=_("A video in German Sign Language from the city's own media."),
    )
    video_url = forms.URLField(
        label=_("Or: address of the video on the city's media server"),
        required=False,
        max_length=max_length_of(Page, "video_url"),
        assume_scheme="https",
        help_text=_("Only https addresses."),
    )
    remove_video = forms.BooleanField(label=_("Remove the video"), required=False)
    captions = forms.FileField(
        label=_("Captions (WebVTT file, .vtt)"),
        required=False,
        help_text=_("Optional: captions in German for people who do not sign."),
    )
    remove_captions = forms.BooleanField(label=_("Remove the captions"), required=False)
    transcript = rich_text(
        _("Transcript"),
        rows=14,
        required=True,
        help_text=format_lazy("{} {}", _("What the video says, as text; shown below the video."), RICH_TEXT_HELP),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transcript"].error_messages["required"] = _("Please give the transcript of the video.")
        page = self.page
        if page is not None and page.video:
            self.fields["video"].help_text = _("Now: %(name)s. Choose a file to replace it.") % {
                "name": page.video.name.rsplit("/", 1)[-1]
            }
        if page is not None and page.captions:
            self.fields["captions"].help_text = _("Now: %(name)s. Choose a file to replace it.") % {
                "name": page.captions.name.rsplit("/", 1)[-1]
            }

    def clean_video(self):
        video = self.cleaned_data.get("video")
        if video:
            check_video(video)
        return video

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url", "")
        if not url:
            return ""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "https":
            raise ValidationError(_("Only https addresses are allowed."), code="not_https")
        hosts = settings.PAGE_VIDEO_HOSTS
        if hosts and parts.hostname not in hosts:
            raise ValidationError(
                _("Videos may only come from the city's media server (%(hosts)s).") % {"hosts": ", ".join(hosts)},
                code="host",
            )
        return url

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if captions:
            check_captions(captions)
        return captions

    def clean(self):
        data = super().clean()
        if data.get("video") and data.get("video_url"):
            raise ValidationError(_("Please give either a video file or an address, not both."))
        return data


class StatementPageForm(PageForm):
    """The accessibility statement: state of compliance, known barriers, date and the arbitration body."""

    compliance = forms.ChoiceField(
        label=_("This portal is"),
        choices=[("", "—"), *Page.Compliance.choices],
        required=False,
        help_text=_("… with the requirements of BITV 2.0 (state of compliance)."),
    )
    known_barriers = rich_text(
        _("Known barriers"), rows=10, help_text=_("Which parts are not yet accessible, why, and what to use instead.")
    )
    statement_date = forms.DateField(
        label=_("Date of the statement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the statement was made or last checked."),
    )
    arbitration_body = rich_text(
        _("Arbitration body"),
        rows=6,
        help_text=_(
            "Name, address, telephone and e-mail of the arbitration body (Schlichtungsstelle) people can turn "
            "to when our answer does not satisfy them. Shown on the statement and after a report."
        ),
    )


def page_form_class(page: Page | None) -> type[PageForm]:
    if page is not None and page.is_sign_language:
        return SignLanguagePageForm
    if page is not None and page.is_statement:
        return StatementPageForm
    return PageForm


class PageOrderForm(forms.Form):
    """One position field per page: the order of the page list and the footer."""

    def __init__(self, *args, pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = list(pages)
        for page in self.pages:
            self.fields[f"position_{page.pk}"] = forms.IntegerField(
                label=page.title, min_value=0, max_value=99999, initial=page.position
            )

    def positions(self) -> dict[int, int]:
        return {page.pk: self.cleaned_data[f"position_{page.pk}"] for page in self.pages}


class BarrierReportForm(AntiBotMixin, forms.Form):
    """The public form of the accessibility statement: what does not work, where, and (optional) who to answer."""

    text = limited_text(
        _("What does not work?"),
        max_length_of(BarrierReport, "text"),
        rows=6,
        help_text=_("For example: a button cannot be reached with the keyboard, a text is hard to read."),
        error_messages={"required": _("Please describe the barrier.")},
    )
    page_url = forms.CharField(
        label=_("Where? (address or name of the page)"),
        max_length=max_length_of(BarrierReport, "page_url"),
        error_messages={"required": _("Please tell us where you met the barrier.")},
    )
    name = SingleLineField(
        label=_("Your name (optional)"), max_length=max_length_of(BarrierReport, "name"), required=False
    )
    email = forms.EmailField(
        label=_("Your e-mail address for our answer (optional)"),
        required=False,
        help_text=_("Only the coordination office sees your name and address; they are never published."),
    )


class BarrierAnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=max_length_of(BarrierReport, "answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. It is mailed to the person who reported the barrier, if they gave an address."),
        error_messages={"required": _("Please write the answer.")},
    )


MAX_ID = 2**63 - 1  # the largest value of a (big) integer primary key


def id_field(**kwargs) -> forms.IntegerField:
    """An optional field for the id of an object sent in a query string or a form: a positive whole number a
    primary key can hold ("²", "-1" or 10**20 are refused, so the view ignores them or answers 404)."""
    return forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, **kwargs)


def parse_query(params, form_class) -> dict:
    """The valid values of a small filter form over query parameters (request.GET); a value its field refuses
    (not a number, "²", out of range, too long) is left out, so the filter is ignored instead of failing.

        data = parse_query(request.GET, EventListQuery)
        process_id = data.get("beteiligung")
    """
    form = form_class(params)
    form.is_valid()
    return form.cleaned_data


class RichTextarea(forms.Textarea):
    """A textarea for sanitised HTML (core.sanitize) that static/js/richtext.js turns into a small rich-text editor
    (bold, italic, heading, lists, links) under the strict CSP; without JavaScript it stays a plain textarea in which
    simple HTML may be written. The editor's German labels travel in `data-richtext` (JSON). The page loads
    `js/richtext.js`."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 8, **(attrs or {})})

    def get_context(self, name, value, attrs):
        import json

        from django.utils.translation import gettext

        context = super().get_context(name, value, attrs)
        labels = {
            "toolbar": gettext("Formatting"),
            "bold": gettext("Bold"),
            "italic": gettext("Italic"),
            "heading": gettext("Heading"),
            "paragraph": gettext("Normal text"),
            "bullets": gettext("List"),
            "numbers": gettext("Numbered list"),
            "link": gettext("Link"),
            "unlink": gettext("Remove link"),
            "link_prompt": gettext("Address of the link (https://…)"),
        }
        context["widget"]["attrs"]["data-richtext"] = json.dumps(labels, ensure_ascii=False)
        return context
