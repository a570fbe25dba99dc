"""The items of contribution lists (the list of a process, the newest contributions on the process page) and the
comments of a contribution, written in Python.

Through the template engine (an include with about 30 nodes per contribution, four of them translations with
plurals, and truncatechars) the 20 items were most of the list page's CPU time. contribution_items writes the same
HTML with plain string formatting; every value is escaped as {{ value }} would escape it. The markup is that of
dialog/contribution_item.html before this change; tests/dialog/test_contribution_items.py compares both. Likewise
comment_html writes what dialog/contribution_comment.html (with dialog/_flag_form.html) wrote for one comment.
"""

import unicodedata

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length
from django.utils.translation import get_language, gettext, ngettext

from stadtdialog.dialog.models import Contribution, Response
from stadtdialog.plans.templatetags.plan_items import escape, number

register = template.Library()

TEXT_LENGTH = 240  # characters of the text in a list, as {{ c.text|truncatechars:240 }}
_PK = "2147483647"  # stands for the id in a reversed URL


def truncate_chars(text: str, length: int) -> str:
    """django.utils.text.Truncator(text).chars(length) (the truncatechars filter), quicker when the text is short or
    its beginning holds no combining characters (the common case: then a character is a character)."""
    text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    if any(map(unicodedata.combining, text[: length + 1])):
        return Truncator(text).chars(length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)], None)


class _Labels:
    """The translated words of items and comments, looked up once per language (see labels())."""

    def __init__(self):
        self.hidden = escape(gettext("Hidden by the moderators"))
        self.reason = escape(gettext("Reason"))
        self.details = escape(gettext("Show details"))
        self.number = gettext("contribution no. %(n)s")
        self.on_site = gettext("collected on site (%(source)s)")
        self.deleted = escape(gettext("deleted account"))
        self.with_image = escape(gettext("with image"))
        self.answer = escape(gettext("Answer"))
        self.not_answered = escape(gettext("not yet answered"))
        self.kinds = {value: escape(label) for value, label in Contribution.Kind.choices}
        self.sources = {value: escape(label) for value, label in Contribution.Source.choices}
        self.statuses = {value: escape(label) for value, label in Response.Status.choices}
        self.url = reverse("dialog:contribution", args=[_PK])
        self.comment_hidden = escape(gettext("This comment was hidden by the moderators."))
        self.comment_number = gettext("comment no. %(n)s")
        self.report = escape(gettext("Report to the moderators"))
        self.flag_url = reverse("dialog:flag", args=["comment", _PK])


_labels: dict[tuple, _Labels] = {}


def labels() -> _Labels:
    key = (get_language(), get_script_prefix())  # the URLs start with the script prefix of the request
    found = _labels.get(key)
    if found is None:
        found = _labels[key] = _Labels()
    return found


def _hidden(c, labels: _Labels, url: str) -> str:
    reason = f" – {labels.reason}: {escape(c.hidden_reason)}" if c.hidden_reason else ""
    return (
        f'\n    <p class="kern-body hidden-note"><strong>{labels.hidden}</strong>{reason}</p>\n'
        f'    <p class="meta-line"><a class="kern-link" href="{url}">{labels.details}<span class="visually-hidden"> '
        f"({labels.number % {'n': number(c.pk)}})</span></a></p>\n  "
    )


def _shown(c, labels: _Labels, url: str) -> str:
    if c.source != Contribution.Source.ONLINE:
        source = c.get_source_display()
        author = labels.on_site % {"source": labels.sources.get(c.source) or escape(source)}
    elif c.author:
        author = escape(c.author.display_name)
    else:
        author = labels.deleted
    created = timezone.localtime(c.created_at)
    quarter = f"· {escape(c.quarter.name)}" if c.quarter else ""
    image = f"· {labels.with_image}" if c.image else ""
    kind = labels.kinds.get(c.kind) or escape(c.get_kind_display())
    return (
        f'\n    <h3 class="kern-heading-small"><a class="kern-link" href="{url}">{escape(c.title)}</a></h3>\n'
        f'    <p class="meta-line">\n'
        f'      <span class="tag">{kind}</span>\n'
        f"      · {author}\n"
        f'      · <time datetime="{created.isoformat()}">{created.day:02d}.{created.month:02d}.{created.year:04d}</time>\n'
        f"      {quarter}\n"
        f"      {image}\n"
        f"    </p>\n"
        f'    <p class="kern-body">{escape(truncate_chars(c.text, TEXT_LENGTH))}</p>\n  '
    )


def item_html(c, labels: _Labels) -> str:
    url = labels.url.replace(_PK, str(c.pk))
    hidden = c.is_hidden
    supports = ngettext("%(n)s support", "%(n)s supports", c.support_count) % {"n": number(c.support_count)}
    comments = ngettext("%(n)s comment", "%(n)s comments", c.comment_count) % {"n": number(c.comment_count)}
    if c.answer_status:
        answer = f"<strong>{labels.statuses.get(c.answer_status, '')}</strong>"
    else:
        answer = labels.not_answered
    return (
        f'<li class="contribution-item{" contribution-item--hidden" if hidden else ""}">\n  '
        f"{_hidden(c, labels, url) if hidden else _shown(c, labels, url)}\n"
        f'  <p class="meta-line">\n'
        f"    {supports}\n"
        f"    · {comments}\n"
        f"    · {labels.answer}: {answer}\n"
        f"  </p>\n"
        f"</li>\n"
    )


@register.simple_tag
def contribution_items(contributions) -> SafeString:
    """The <li> items of the contributions (with author and quarter selected), one after the other."""
    words = labels()
    return SafeString("".join(item_html(c, words) for c in contributions))


@register.simple_tag
def comment_html(comment) -> SafeString:
    """One comment (with its author selected): its author, date, text and the link to report it, or the note that the
    moderators hid it."""
    words = labels()
    if comment.is_hidden:
        reason = f" {words.reason}: {escape(comment.hidden_reason)}" if comment.hidden_reason else ""
        return SafeString(f'\n  <p class="kern-body hidden-note">{words.comment_hidden}{reason}</p>\n\n')
    author = escape(comment.author.display_name) if comment.author else words.deleted
    created = timezone.localtime(comment.created_at)
    flag_label = words.comment_number % {"n": number(comment.pk)}
    flag_url = words.flag_url.replace(_PK, str(comment.pk))
    return SafeString(
        f'\n  <p class="meta-line"><strong>{author}</strong>\n'
        f'    · <time datetime="{created.isoformat()}">{created.day:02d}.{created.month:02d}.{created.year:04d}, '
        f"{created.hour:02d}:{created.minute:02d}</time></p>\n"
        f'  <div class="kern-body">{linebreaks(comment.text, autoescape=True)}</div>\n'
        f'  <p class="meta-line">\n<a class="kern-link flag-link" href="{flag_url}" rel="nofollow">{words.report}'
        f'<span class="visually-hidden">: {flag_label}</span></a>\n</p>\n\n'
    )
