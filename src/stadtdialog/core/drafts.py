"""Text that survives an expired session or a refused form: a draft kept on the server for the way round the
login (or back from the page that explains a CSRF failure).

A resident writes a contribution, the session runs out meanwhile, and the form is sent without a login: the
view's `keeps_draft` decorator (instead of `login_required`) keeps the text fields of the POST in the shared
cache (Redis, or Django's database cache: every worker sees it) for DRAFT_SECONDS under a random id, and sends
the resident to log in with `next` = the form's page plus `?entwurf=<id>`. The URL carries only that opaque id,
never the text. After the login the form's page asks `restored(request)` and fills the form in again. The
first account that opens a draft owns it; no other account gets it. The CSRF failure page
(`core.views.csrf_failure`) keeps the text of the same forms the same way: the decorator marks its view with
the fields to keep and the page to go back to.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest

DRAFT_PARAMETER = "entwurf"
DRAFT_SECONDS = 2 * 3600  # long enough to find the password, short enough not to keep text for days
FIELD_LIMIT = 20_000  # characters kept per field: more than any form takes, the form itself says its limit
_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")


@dataclass(frozen=True)
class DraftForm:
    """The text fields of a view's form worth keeping, and the page with the form, from the view's URL kwargs."""

    fields: tuple[str, ...]
    back_to: Callable[..., str]


def _key(draft_id: str) -> str:
    return f"stadtdialog:draft:{draft_id}"


def keep(request: HttpRequest, form: DraftForm, url_kwargs: dict) -> str:
    """Keep the POSTed text fields of `form`; return the URL of the form's page that finds them again
    (the plain page when nothing was written)."""
    url = form.back_to(**url_kwargs)
    fields = {name: request.POST.get(name, "")[:FIELD_LIMIT] for name in form.fields if name in request.POST}
    if not any(value.strip() for value in fields.values()):
        return url
    draft_id = secrets.token_urlsafe(16)
    owner = request.user.pk if request.user.is_authenticated else None
    cache.set(_key(draft_id), {"url": url, "fields": fields, "owner": owner}, DRAFT_SECONDS)
    return f"{url}{'&' if '?' in url else '?'}{DRAFT_PARAMETER}={draft_id}"


def restored(request: HttpRequest) -> dict[str, str]:
    """The fields of the draft named by `?entwurf=` for this page and this account ({} for none, another
    page's, an expired one or another account's), with a message that the text is back."""
    draft_id = request.GET.get(DRAFT_PARAMETER, "")
    if request.method != "GET" or not request.user.is_authenticated or not _ID.match(draft_id):
        return {}
    draft = cache.get(_key(draft_id))
    if not draft or draft["url"] != request.path or draft["owner"] not in (None, request.user.pk):
        return {}
    if draft["owner"] is None:  # the first account that opens it after the login owns it
        cache.set(_key(draft_id), {**draft, "owner": request.user.pk}, DRAFT_SECONDS)
    messages.info(request, _("Your text is filled in again. Please check it and send it."))
    return draft["fields"]


def keeps_draft(*fields: str, back_to: Callable[..., str]):
    """Instead of `login_required` on a view with a text form: a POST without a login keeps `fields` (see
    `keep`) and sends to the login with the draft's id in `next`; the view is marked for the CSRF failure page."""
    form = DraftForm(fields, back_to)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if request.method == "POST":
                url = keep(request, form, kwargs)
                if DRAFT_PARAMETER in url:
                    messages.info(request, _("You were logged out meanwhile. Your text is kept: please log in."))
                return redirect_to_login(url)
            return redirect_to_login(request.get_full_path())

        wrapper.draft_form = form
        return wrapper

    return decorate


def draft_form_of(view) -> DraftForm | None:
    return getattr(view, "draft_form", None)
