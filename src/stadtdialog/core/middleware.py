"""Input the database cannot store is refused before any view sees it.

A NUL character (PostgreSQL refuses it in text) or a lone surrogate (not encodable as UTF-8) in the path, a
query parameter or a sent form field is never meant: the middleware answers 400 with a German page in the
site's layout. Form fields refuse NUL as well (Django's CharField does), but views that read a value without a
form, and queries that compare it with a column, would otherwise fail with a 500 on PostgreSQL.
"""

import re

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

BAD_CHARACTERS = re.compile("[\x00\ud800-\udfff]")

# Path prefixes whose clients read JSON, not pages (an app above adds its own, e.g. the open-data API): the refusal
# is {"detail": ...} there.
JSON_PATHS: list[str] = []


def answer_in_json(prefix: str) -> None:
    if prefix not in JSON_PATHS:
        JSON_PATHS.append(prefix)


def has_bad_characters(text: str) -> bool:
    return bool(BAD_CHARACTERS.search(text))


def _bad_in(params) -> bool:
    return any(has_bad_characters(key) or any(has_bad_characters(v) for v in values) for key, values in params.lists())


class RefuseBadCharactersMiddleware:
    """Answers 400 for NUL characters and lone surrogates in the path, the query string or the POST fields.

    It stands after CsrfViewMiddleware, so a POST is first checked for its token (which reads request.POST as
    well). Uploaded files are not looked into, only the text fields sent with them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_bad_characters(request.path) or _bad_in(request.GET):
            return self.refuse(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and _bad_in(request.POST):
            return self.refuse(request)
        return None

    @staticmethod
    def refuse(request):
        if request.path.startswith(tuple(JSON_PATHS)):
            return JsonResponse({"detail": _("The request contains characters we cannot process")}, status=400)
        return render(request, "core/bad_input.html", status=400)


class MethodNotAllowedPageMiddleware:
    """A view that takes only some methods (`require_POST`, a form-only view) answers 405 with an empty body;
    this middleware gives that answer the German page in the site's layout and keeps its `Allow` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            from .errors import method_not_allowed

            return method_not_allowed(request, response.get("Allow", ""))
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (settings.CONTENT_SECURITY_POLICY), except for answers that set a policy of their
    own (uploaded files, the open-data API's JSON): django-csp would build the site's policy for them too before it
    sees that the header is set, an eighth of a short API answer's CPU. Their header stays as it is, as with
    django-csp itself."""

    def process_response(self, request, response):
        if HEADER in response:
            return response
        return super().process_response(request, response)
