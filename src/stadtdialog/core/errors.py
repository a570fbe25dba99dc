"""The error pages: German, in the site's layout, saying what happened and what to do (handler400, 403, 404
and 500 in the project's urls.py; 405 by `core.middleware.MethodNotAllowedPageMiddleware`).

The 500 page is a plain template rendered without a request: no context processor runs, so it needs neither
the database nor the cache, which may be what failed."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Anonymous visitors are asked to log in (and come back here); logged-in users learn that their account
    lacks the right and whom to ask (the place "permission_denied": organisation adds the coordination office's
    contact)."""
    return render(request, "core/errors/403.html", {"next": request.get_full_path()}, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/errors/404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render())


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    response = render(request, "core/errors/405.html", status=405)
    response["Allow"] = allowed
    return response
