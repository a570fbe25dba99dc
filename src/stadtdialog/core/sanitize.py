"""User and staff HTML is cleaned with nh3 (Ammonia) before it is stored."""

import html

import nh3

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


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for search and diffs."""
    text = nh3.clean(value or "", tags={"p", "br", "li"}, attributes={})
    for tag in ("<p>", "<br>", "<li>"):
        text = text.replace(tag, "\n")
    for tag in ("</p>", "</li>"):
        text = text.replace(tag, "")
    return html.unescape(text).strip()
