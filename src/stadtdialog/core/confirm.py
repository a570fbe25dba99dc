"""The staff confirm page: "Publish plan: …? [Publish now] Cancel", shown on GET, the action run on POST.

Publishing, taking back from the public and removing an attachment share this page
(template core/staff_confirm.html). A service that refuses raises ValidationError; its messages are
shown on the page in the alert the view describes with a `Refusal`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@dataclass(frozen=True)
class Refusal:
    """The alert above the question when the action cannot be done.

    `items` are (url, text) pairs: a text with a url links to the part to fix, one without is plain.
    Items given up front (e.g. the missing parts of a concept) show on the first GET already; on POST
    the service's ValidationError messages become the items. `link` is an (url, text) pair below the
    list (e.g. "Edit plan"), `note` a sentence below it, `html_id` the id of the alert.
    """

    title: str = ""
    items: Sequence[tuple[str, str]] = ()
    note: str = ""
    link: tuple[str, str] | None = None
    html_id: str = "form-errors"


def confirm_and_run(
    request: HttpRequest,
    *,
    obj: Any,
    service: Callable[[], Any],
    title: str,
    question: str,
    button: str,
    done_message: str,
    back_url: str,
    breadcrumbs: str,
    done_url: str | None = None,
    object_label: str = "",
    refusal: Refusal | None = None,
    on_error: Callable[[ValidationError], HttpResponse] | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: the confirm page for `obj`. POST: run `service()`, show `done_message` and go to `done_url`.

    The page's title is "`title`: obj.title"; the heading is the same, or `title` alone followed by
    "`object_label`: obj.title" when a label is given. `question` says what will happen, `button` is
    the label of the submit button, `back_url` the Cancel link (and `done_url` unless given).
    `breadcrumbs` names the partial for the breadcrumbs; `context` holds what it reads (plan, process …).
    When the service raises ValidationError, `on_error(error)` answers if given; otherwise the page is
    shown again with the messages in the `refusal` alert. The caller has checked the permission.
    """
    if request.method == "POST":
        try:
            service()
        except ValidationError as error:
            if on_error is not None:
                return on_error(error)
            refusal = replace(refusal or Refusal(), items=[("", text) for text in error.messages])
        else:
            messages.success(request, done_message)
            return redirect(done_url or back_url)
    return render(
        request,
        "core/staff_confirm.html",
        {
            **(context or {}),
            "obj": obj,
            "title": title,
            "object_label": object_label,
            "question": question,
            "button": button,
            "back_url": back_url,
            "breadcrumbs": breadcrumbs,
            "refusal": refusal if refusal is not None and refusal.items else None,
        },
    )
