"""What every answer of the open-data API and catalogue gets around the view: CORS for reading from any web page,
the rate limit per client, German values, and ETag/Last-Modified with 304 Not Modified.

Rate limit: requests are counted per client and minute in the shared cache (Redis or the database cache, like the
login throttle in accounts/throttle.py). The client is named by an HMAC of its address with SECRET_KEY, kept for two
minutes at most: no IP address is stored. A client sending a valid `X-API-Key` is counted by its key, with the key's
own (higher) limit. Over the limit the answer is 429 with Retry-After.
"""

from __future__ import annotations

import functools
import hashlib
import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from .models import ApiKey

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest

WINDOW = 60  # seconds
READ_METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since, X-API-Key"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
KEY_CACHE_SECONDS = 60
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_cache_key(digest: str) -> str:
    return f"api-key:{digest}"


def _api_key_limit(key: str) -> tuple[str, int] | None:
    """(counter name, limit per minute) of a valid, not revoked key; the lookup is cached for a minute (a revocation
    removes it at once)."""
    digest = key_hash(key)
    cache_key = key_cache_key(digest)
    found = cache.get(cache_key)
    if found is None:
        row = ApiKey.objects.filter(key_hash=digest, revoked_at__isnull=True).values_list("pk", "requests_per_minute")
        found = row.first() or (0, 0)
        cache.set(cache_key, found, KEY_CACHE_SECONDS)
    pk, limit = found
    return (f"key-{pk}", limit) if pk else None


def client_and_limit(request: HttpRequest) -> tuple[str, int]:
    """The name the client is counted under and its limit per minute (0: no limit)."""
    key = request.headers.get("X-API-Key", "").strip()
    if key and len(key) <= 200:
        found = _api_key_limit(key)
        if found:
            return found
    address = request.META.get("REMOTE_ADDR", "")
    name = salted_hmac("stadtdialog.api.http.client", address).hexdigest()[:32]
    return name, settings.API_RATE_LIMIT


def count_request(request: HttpRequest) -> tuple[bool, dict[str, str]]:
    """Count the request; (allowed, the RateLimit headers)."""
    client, limit = client_and_limit(request)
    if not limit:
        return True, {}
    now = time.time()
    window = int(now // WINDOW)
    key = f"api-rate:{client}:{window}"
    cache.add(key, 0, 2 * WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 2 * WINDOW)
        count = 1
    reset = int((window + 1) * WINDOW - now) + 1
    headers = {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": str(max(limit - count, 0)),
        "RateLimit-Reset": str(reset),
    }
    if count > limit:
        headers["Retry-After"] = str(reset)
        return False, headers
    return True, headers


def _cors(response: HttpResponse) -> HttpResponse:
    """CORS for reading from any web page, and the policy of data that is never a page: nothing in it may load or
    run, nor may it be framed (core.middleware.ContentSecurityPolicyMiddleware leaves it so)."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    response["Content-Security-Policy"] = DATA_POLICY
    return response


def preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = "86400"
    return _cors(response)


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def open_data(view: Callable) -> Callable:
    """Wrap a read-only view of the API or the catalogue (see the module's docstring)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in READ_METHODS:
            response = JsonResponse({"detail": _("This API only reads: use GET.")}, status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
            return _cors(response)
        allowed, limit_headers = count_request(request)
        if not allowed:
            response = JsonResponse(
                {"detail": _("Too many requests. Please wait a minute, or ask the city for an API key.")},
                status=429,
            )
        else:
            head = request.method == "HEAD"
            if head:  # the operations are declared for GET; HEAD is GET without the body
                request.method = "GET"
            with translation.override(settings.LANGUAGE_CODE):
                response = view(request, *args, **kwargs)
            if head:
                request.method = "HEAD"
            if response.status_code == 200 and not response.streaming:
                if not response.has_header("ETag"):
                    response["ETag"] = etag_of(response.content)
                patch_vary_headers(response, ["X-API-Key"])
                response["Cache-Control"] = "public, max-age=60"
                conditional = get_conditional_response(
                    request, etag=response["ETag"], last_modified=_last_modified(response), response=response
                )
                if conditional is not response:
                    response = conditional
        for name, value in limit_headers.items():
            response[name] = value
        if request.method == "HEAD" and not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return _cors(response)

    return wrapped


def _last_modified(response: HttpResponse) -> int | None:
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None
