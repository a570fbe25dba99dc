"""The items of contribution lists (the list of a process, the newest contributions on the process page), written
in Python.

Through the template engine (an include with about 30 nodes per contribution, four of them translations with
plurals, and truncatechars) the 20 items were most of the list page's CPU time. contribution_items writes the same
HTML with plain string formatting; every value is escaped as {{ value }} would escape it. The markup is that of
dialog/contribution_item.html before this change; tests/dialog/test_contribution_items.py compares both.
"""

import unicodedata
from html import escape as _escape

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import SafeData, SafeString
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length
from django.utils.translation import gettext, ngettext

from stadtdialog.dialog.models import Contribution, Response

register = template.Library()

TEXT_LENGTH = 240  # characters of the text in a list, as {{ c.text|truncatechars:240 }}
_PK = "2147483647"  # stands for the id in a reversed URL


def escape(value) -> str:
    """What {{ value }} writes: django.utils.html.conditional_escape, without its wrapper for lazy arguments."""
    return value if isinstance(value, SafeData) else _escape(str(value))


def number(value) -> str:
    """A whole number as the template engine writes it (localize; with thousand separators only when enabled)."""
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


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
    """The translated words of an item, looked up once per list."""

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
    labels = _Labels()
    return SafeString("".join(item_html(c, labels) for c in contributions))
