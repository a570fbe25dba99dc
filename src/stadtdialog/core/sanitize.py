"""User and staff HTML is cleaned with nh3 (Ammonia) before it is stored."""

import html

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}


def sanitize_html(value: str) -> str:
    """Return `value` with every tag, attribute and URL scheme not on the allow-list removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def rich_text_html(value: str) -> str:
    """Sanitised HTML of a rich-text field's input. Text with no HTML in it (typed without the editor, or stored
    while the field was still plain text) first becomes paragraphs and line breaks, escaped, so that its breaks
    and its "<" and "&" stay as they were written."""
    if not value or not value.strip():
        return ""
    if not nh3.is_html(value):
        value = linebreaks(value.strip(), autoescape=True)
    value = sanitize_html(value)
    return value if html_to_text(value) else ""  # an editor left empty sends "<p><br></p>"


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for search and diffs."""
    text = nh3.clean(value or "", tags={"p", "br", "li"}, attributes={})
    for tag in ("<p>", "<br>", "<li>"):
        text = text.replace(tag, "\n")
    for tag in ("</p>", "</li>"):
        text = text.replace(tag, "")
    return html.unescape(text).strip()
