"""The items of contribution lists and the comments of a contribution: Jinja2 partials (dialog/jinja2/dialog/)
inside the Django templates of the pages."""

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

from stadtdialog.dialog.models import Response
from stadtdialog.dialog.rules import edit_refusal, is_author

register = template.Library()


@register.simple_tag
def contribution_items(contributions) -> SafeString:
    """The <li> items of the contributions (with author and quarter selected), one after the other."""
    partial = engines["jinja2"].get_template("dialog/_contribution_items.html")
    return mark_safe(partial.render({"contributions": contributions, "statuses": dict(Response.Status.choices)}))


@register.simple_tag
def comment_html(comment, user=None) -> SafeString:
    """One comment (with its author selected): its author, date, text and the link to report it, or the note that the
    moderators hid it or its author withdrew it; for its author the links to edit (until answered) and withdraw."""
    own = user is not None and is_author(user, comment)
    context = {"comment": comment, "own": own, "editable": own and not edit_refusal(user, comment)}
    return mark_safe(engines["jinja2"].get_template("dialog/_comment.html").render(context))
