"""The Jinja2 environment of the templates under <app>/jinja2/ (the second engine in settings.TEMPLATES).

Jinja2 renders the partials of long lists (plan items, contribution items, comments, page links); every other
template uses Django's engine. The environment offers what those partials need: url() and static(), Django's
translations through the i18n extension (_, gettext, ngettext), escaping with autoescape on, the current query
string with a parameter replaced (query_with), numbers and dates as Django formats them, and truncation as the
truncatechars filter does it.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import linebreaks
from jinja2 import Environment, pass_eval_context
from markupsafe import Markup

from .text import truncate_chars


def url(name: str, *args, **kwargs) -> str:
    """The path of a named URL, as {% url %} gives it."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def query_with(request: HttpRequest, **changes) -> str:
    """The request's query string with some parameters replaced (None or "" removes one), as core_tags.query_with."""
    pairs = []
    for key, values in request.GET.lists():  # the parameters in their order, a replaced one in its place
        if key not in changes:
            pairs.extend((key, value) for value in values)
        elif changes[key] is not None and changes[key] != "":
            pairs.append((key, changes[key]))
    pairs.extend((key, value) for key, value in changes.items() if key not in request.GET and value not in (None, ""))
    encoded = urlencode(pairs)
    return f"?{encoded}" if encoded else "?"


def number(value) -> str:
    """A whole number as {{ value }} writes it in a Django template (with thousand separators only where enabled)."""
    return formats.localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def local_date(value: datetime.datetime, fmt: str) -> str:
    """A point in time in the current time zone (Europe/Berlin), written with a Django date format ("d.m.Y")."""
    from django.utils.dateformat import format as date_format

    return date_format(timezone.localtime(value), fmt)


def local_iso(value: datetime.datetime) -> str:
    """A point in time in the current time zone, in ISO 8601 (for datetime attributes)."""
    return timezone.localtime(value).isoformat()


@pass_eval_context
def paragraphs(eval_ctx, value) -> Markup:
    """What Django's linebreaks filter writes: paragraphs and line breaks, the text escaped."""
    return Markup(linebreaks(value, autoescape=True))


def environment(**options) -> Environment:
    """The environment that settings.TEMPLATES names for the Jinja2 backend."""
    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, **options)
    env.install_gettext_translations(translation, newstyle=False)
    env.globals.update(url=url, static=static, query_with=query_with, number=number)
    env.filters.update(
        local_date=local_date, local_iso=local_iso, truncatechars=truncate_chars, linebreaks=paragraphs, number=number
    )
    return env
