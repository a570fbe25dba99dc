"""Reading JSON from an OParl server, safely: only from allowed origins, bounded in size and time.

An OParl system links its objects by URL, and the client follows those links. A manipulated or
compromised council information system could put any URL there (http://169.254.169.254/…,
http://localhost:5432/…) and make our server fetch it (server-side request forgery). So every URL,
and every redirect, must have the scheme, host and port of the configured OPARL_URL, or of an
origin listed in the setting OPARL_ALLOWED_HOSTS (for systems whose objects live on several hosts).
Anything else is refused before a connection is made, with a German error naming the URL.

An answer may be at most MAX_BYTES long; each read waits at most `timeout` seconds and the whole body
must arrive within about twice the timeout, so a trickling server cannot hold a worker.
"""

import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from django.utils.translation import gettext as _

DEFAULT_TIMEOUT = 10  # seconds for one request
MAX_BYTES = 5 * 1024 * 1024  # largest answer read (a page of a paper list is a few hundred KB)
READ_CHUNK = 64 * 1024
ASCII_DIGITS = re.compile(r"[0-9]+")
DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]


class OParlError(Exception):
    """The OParl server could not be read; the message is German and says why."""


def origin(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL, the unit the client may read from; None for anything else."""
    try:
        parts = urllib.parse.urlsplit(url)
        scheme, host, port = parts.scheme.lower(), (parts.hostname or "").rstrip("."), parts.port
    except ValueError:  # a port that is no number
        return None
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return scheme, host, port or DEFAULT_PORTS[scheme]


def origin_text(value: Origin) -> str:
    scheme, host, port = value
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" if port == DEFAULT_PORTS[scheme] else f"{scheme}://{host}:{port}"


def allowed_origins(url: str, extra: Iterable[str] = ()) -> list[Origin]:
    """The origin of the configured URL and of each further allowed host ("https://host:port"; a bare
    host name means https)."""
    found = [origin(url)] + [origin(value if "://" in value else f"https://{value}") for value in extra]
    return [value for value in found if value is not None]


def check_allowed(url: str, allowed: list[Origin]) -> None:
    """OParlError unless url is an http(s) URL on one of the allowed origins."""
    if urllib.parse.urlsplit(url).scheme.lower() not in DEFAULT_PORTS:
        raise OParlError(_("The OParl address %(url)s is not an http or https address.") % {"url": url})
    if origin(url) not in allowed:
        raise OParlError(
            _(
                "The OParl address %(url)s is not on the configured OParl server (%(allowed)s) and is not read. "
                "Further servers can be allowed with the setting OPARL_ALLOWED_HOSTS."
            )
            % {"url": url, "allowed": ", ".join(origin_text(o) for o in allowed)}
        )


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the origin of the request itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if origin(newurl) != origin(req.full_url):
            fp.close()
            raise OParlError(
                _("The OParl server redirects %(url)s to %(target)s on another server; the redirect is not followed.")
                % {"url": req.full_url, "target": newurl}
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SameOriginRedirects)


def _timeout(url: str, timeout: float) -> OParlError:
    return OParlError(
        _("The OParl server did not answer %(url)s within %(seconds)s seconds.") % {"url": url, "seconds": timeout}
    )


def _unreachable(url: str, reason) -> OParlError:
    return OParlError(
        _("The OParl server could not be reached at %(url)s (%(reason)s).") % {"url": url, "reason": reason}
    )


def content_length(value: str | None) -> int | None:
    """The Content-Length header as a number, None when it is missing or not ASCII digits ("²" passes
    str.isdigit() but int() refuses it); the body is then limited while it is read."""
    value = (value or "").strip()
    return int(value) if ASCII_DIGITS.fullmatch(value) else None


def _read_body(response, url: str, timeout: float) -> bytes:
    """The body, at most MAX_BYTES, read in pieces so that a trickling server cannot hold us."""
    too_large = OParlError(_("The answer of the OParl server for %(url)s is too large.") % {"url": url})
    length = content_length(response.headers.get("Content-Length"))
    if length is not None and length > MAX_BYTES:
        raise too_large
    deadline = time.monotonic() + timeout
    chunks, size = [], 0
    while chunk := response.read1(READ_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise too_large
        if time.monotonic() > deadline:
            raise _timeout(url, timeout)
    return b"".join(chunks)


def read_json(url: str, allowed: list[Origin], timeout: float) -> dict:
    """The JSON object at url. OParlError for a URL off the allowed origins and for anything but a JSON object."""
    check_allowed(url, allowed)
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Stadtdialog"})
    try:
        with _opener.open(request, timeout=timeout) as response:  # scheme and origin checked above
            body = _read_body(response, url, timeout)
    except urllib.error.HTTPError as error:
        error.close()
        raise OParlError(
            _("The OParl server answered %(url)s with HTTP status %(status)s.") % {"url": url, "status": error.code}
        ) from None
    except TimeoutError:
        raise _timeout(url, timeout) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timeout(url, timeout) from None
        raise _unreachable(url, error.reason) from None
    except (OSError, http.client.HTTPException) as error:
        raise _unreachable(url, error) from None
    try:
        data = json.loads(body)
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        raise OParlError(_("The OParl server sent no valid JSON for %(url)s.") % {"url": url}) from None
    if not isinstance(data, dict):
        raise OParlError(_("The OParl server sent no JSON object for %(url)s.") % {"url": url})
    return data
