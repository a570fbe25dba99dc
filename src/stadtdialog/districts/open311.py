"""Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2), with the CitySDK extension's
`detailed_status` (`extensions=true`, as Klarschiff and other German cities offer it).

- `discovery`, `services` (the active concern categories), `services/<code>` (the category's extra question as an
  attribute), `requests` GET (only published, anonymised concerns: the staff's summary, the quarter, never the
  text, the point, the photo or the address of the resident), `requests/<id>`, POST `requests` (with an API key of
  a client application, or without one: then the concern waits for the e-mail confirmation that the web form's
  mail carries), each as `.json` and `.xml`.
- Bad input is answered in the specification's error format (`[{"code": 400, "description": "…"}]`,
  `<errors><error><code>…`) with the matching HTTP status: 400 bad or missing parameters, 403 a wrong API key,
  404 an unknown service code or request.

The status vocabulary and its mapping to open/closed and to detailed_status are defined once, in
models/concerns.py.
"""

import datetime
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from stadtdialog.core.text import without_invisible_controls
from stadtdialog.organisation.models import District, Quarter
from stadtdialog.organisation.queries import current_city

from . import queries_concerns as queries
from . import services_concerns
from .models.concerns import CITYSDK_DETAILED_STATUS, CLOSED_STATUSES, Concern, ConcernCategory

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00Z"
ANSWER_CODE = "ANSWER"
DEFAULT_DAYS = 90
MAX_REQUESTS = 1000
MAX_TEXT = 3000
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

# XML element names of the lists: the root and its items.
_ROOTS = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "errors": ("errors", "error"),
    "attributes": ("attributes", "attribute"),
    "endpoints": ("endpoints", "endpoint"),
    "formats": ("formats", "format"),
    "values": ("values", "value"),
}


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str):
        super().__init__(descriptions)
        self.status = status
        self.descriptions = descriptions


# -- rendering ---------------------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ET.Element, name: str, value) -> None:
    if isinstance(value, list):
        outer, inner = _ROOTS.get(name, (name, "item"))
        holder = ET.SubElement(parent, outer)
        for item in value:
            _append(holder, inner, item)
    elif isinstance(value, dict):
        element = ET.SubElement(parent, name)
        for key, item in value.items():
            _append(element, key, item)
    else:
        ET.SubElement(parent, name).text = _text(value)


def _xml(kind: str, data) -> bytes:
    if isinstance(data, list):
        outer, inner = _ROOTS[kind]
        root = ET.Element(outer)
        for item in data:
            _append(root, inner, item)
    else:
        root = ET.Element(kind)
        for key, value in data.items():
            _append(root, key, value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _respond(fmt: str, kind: str, data, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        response = HttpResponse(_xml(kind, data), content_type=CONTENT_TYPES["xml"], status=status)
    else:
        response = JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})
        response["Content-Type"] = CONTENT_TYPES["json"]
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _errors(fmt: str, error: Open311Error) -> HttpResponse:
    data = [{"code": error.status, "description": description} for description in error.descriptions]
    return _respond(fmt, "errors", data, status=error.status)


def _handled(view):
    """Answer every Open311Error (and a ValidationError of a service) in the specification's error format."""

    def wrapper(request, *args, fmt="json", **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as error:
            return _errors(fmt, error)
        except ValidationError as error:
            status = 429 if getattr(error, "code", None) == "rate_limited" else 400
            return _errors(fmt, Open311Error(status, *_messages(error)))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {message}" for field, texts in error.message_dict.items() for message in texts]
    return list(error.messages)


def _iso(moment) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).isoformat(timespec="seconds")
    return datetime.datetime.combine(
        moment, datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
    ).isoformat()


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# -- discovery and services ---------------------------------------------------------------------------------------


@require_GET
@_handled
def discovery(request, fmt):
    city = current_city()
    data = {
        "changeset": CHANGESET,
        "contact": _("District management of %(city)s, via %(site)s") % {"city": city.name, "site": city.site_name},
        "key_service": _base(request) + reverse("districts:staff_open311_clients"),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": _base(request) + "/open311/v2",
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return _respond(fmt, "discovery", data)


def _service(category: ConcernCategory) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(category.question),
        "type": "realtime",
        "keywords": "",
        "group": category.group,
    }


@require_GET
@_handled
def services(request, fmt):
    return _respond(fmt, "services", [_service(category) for category in queries.active_categories()])


def _category(code: str) -> ConcernCategory:
    category = queries.active_categories().filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code: %(code)s") % {"code": code[:50]})
    return category


@require_GET
@_handled
def service_definition(request, code, fmt):
    category = _category(code)
    attributes = []
    if category.question:
        attributes.append(
            {
                "variable": True,
                "code": ANSWER_CODE,
                "datatype": "string",
                "required": category.question_required,
                "datatype_description": _("At most %(n)s characters.") % {"n": 500},
                "order": 1,
                "description": category.question,
            }
        )
    return _respond(fmt, "service_definition", {"service_code": category.code, "attributes": attributes})


# -- service requests ---------------------------------------------------------------------------------------------


def _request(concern: Concern, extensions: bool) -> dict:
    place = concern.quarter.name if concern.quarter_id else concern.district.name
    data = {
        "service_request_id": str(concern.pk),
        "status": concern.open311_status,
        "status_notes": concern.get_status_display(),
        "service_name": concern.category.name,
        "service_code": concern.category.code,
        "description": concern.public_summary,
        "agency_responsible": _("District management %(district)s") % {"district": concern.district.name},
        "service_notice": "",
        "requested_datetime": _iso(concern.created_at),
        "updated_datetime": _iso(concern.closed_at or concern.updated_at),
        "expected_datetime": _iso(concern.due_on),
        "address": f"{place}, {current_city().name}",
        "address_id": "",
        "zipcode": "",
        "media_url": "",
    }
    if extensions:
        data["extended_attributes"] = {
            "detailed_status": CITYSDK_DETAILED_STATUS[concern.status],
            "district": concern.district.name,
            "quarter": concern.quarter.name if concern.quarter_id else "",
        }
    return data


def _moment(request, name: str):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    value = None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            raise Open311Error(
                400,
                _("%(name)s must be a date and time in ISO 8601 (w3c), e.g. 2026-05-24T00:00:00Z.") % {"name": name},
            ) from None
        value = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _list_of(request, name: str, limit: int = 100) -> list[str]:
    raw = request.GET.get(name, "")
    values = [value.strip() for value in raw.split(",") if value.strip()]
    if len(values) > limit:
        raise Open311Error(400, _("Too many values in %(name)s.") % {"name": name})
    return values


def _extensions(request) -> bool:
    return request.GET.get("extensions", "").lower() == "true"


def _list_requests(request, fmt):
    concerns = queries.published().select_related("category", "district", "quarter")
    ids = _list_of(request, "service_request_id")
    if ids:
        if not all(value.isascii() and value.isdigit() and len(value) < 19 for value in ids):
            raise Open311Error(400, _("service_request_id must be a list of numbers."))
        return concerns.filter(pk__in=[int(value) for value in ids])
    errors = []
    try:
        start, end = _moment(request, "start_date"), _moment(request, "end_date")
    except Open311Error as error:
        errors += error.descriptions
        start = end = None
    statuses = _list_of(request, "status")
    bad = [value for value in statuses if value not in ("open", "closed")]
    if bad:
        errors.append(_("status must be open or closed (or both, separated by a comma)."))
    detailed = _list_of(request, "detailed_status")
    if any(value not in set(CITYSDK_DETAILED_STATUS.values()) for value in detailed):
        errors.append(_("detailed_status must be one of RECEIVED, IN_PROCESS, PROCESSED, REJECTED."))
    if start and end and start > end:
        errors.append(_("start_date must not be after end_date."))
    if errors:
        raise Open311Error(400, *errors)
    if start is None and end is None:
        start = timezone.now() - datetime.timedelta(days=DEFAULT_DAYS)
    elif start is None:
        start = end - datetime.timedelta(days=DEFAULT_DAYS)
    concerns = concerns.filter(created_at__gte=start)
    if end is not None:
        concerns = concerns.filter(created_at__lte=end)
    codes = _list_of(request, "service_code")
    if codes:
        concerns = concerns.filter(category__code__in=codes)
    if statuses and set(statuses) != {"open", "closed"}:
        if statuses == ["open"]:
            concerns = concerns.exclude(status__in=CLOSED_STATUSES)
        else:
            concerns = concerns.filter(status__in=CLOSED_STATUSES)
    if detailed:
        concerns = concerns.filter(
            status__in=[status for status, value in CITYSDK_DETAILED_STATUS.items() if value in detailed]
        )
    return concerns[:MAX_REQUESTS]


def _field(request, name: str, limit: int = 200) -> str:
    value = without_invisible_controls(request.POST.get(name, "") or "").strip()
    if "\x00" in value:
        raise Open311Error(400, _("%(name)s contains characters that are not allowed.") % {"name": name})
    if len(value) > limit:
        raise Open311Error(400, _("%(name)s is too long (at most %(n)s characters).") % {"name": name, "n": limit})
    return value


def _coordinate(request, name: str):
    from decimal import Decimal, InvalidOperation

    raw = _field(request, name, 30)
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Open311Error(400, _("%(name)s must be a number (WGS84).") % {"name": name}) from None
    if not value.is_finite() or abs(value) > 180:
        raise Open311Error(400, _("%(name)s must be a number (WGS84).") % {"name": name})
    return value.quantize(Decimal("0.000001"))


def _district(request):
    """The district named by the non-standard parameter `district` (number or slug), for points without
    imported boundaries."""
    raw = _field(request, "district", 60)
    if not raw:
        return None
    found = (
        District.objects.filter(number=int(raw)).first() if raw.isascii() and raw.isdigit() and len(raw) < 4 else None
    )
    found = found or District.objects.filter(slug=raw).first()
    if found is None:
        raise Open311Error(400, _("Unknown district: %(value)s") % {"value": raw[:60]})
    return found


def _create_request(request, fmt):
    from django.core.validators import validate_email

    key = _field(request, "api_key", 200)
    client = None
    if key:
        client = services_concerns.client_for_key(key)
        if client is None:
            raise Open311Error(403, _("The api_key is not valid."))
    code = _field(request, "service_code", 50)
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = _category(code)
    errors = []
    try:
        latitude, longitude = _coordinate(request, "lat"), _coordinate(request, "long")
    except Open311Error as error:
        errors += error.descriptions
        latitude = longitude = None
    address = _field(request, "address_string", 200)
    description = _field(request, "description", MAX_TEXT)
    email = _field(request, "email", 254)
    answer = _field(request, f"attribute[{ANSWER_CODE}]", 500)
    if (latitude is None) != (longitude is None):
        errors.append(_("lat and long must be given together."))
    if latitude is None and not address:
        errors.append(_("A location is required: lat and long, or address_string."))
    if not description:
        errors.append(_("description is required."))
    if not email:
        errors.append(_("email is required: the answer and the status link are sent there."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("email is not a valid e-mail address."))
    if category.question_required and not answer:
        errors.append(
            _("attribute[%(code)s] is required: %(question)s") % {"code": ANSWER_CODE, "question": category.question}
        )
    try:
        district = _district(request)
    except Open311Error as error:
        errors += error.descriptions
        district = None
    if errors:
        raise Open311Error(400, *errors)
    quarter = None
    if address and district is None:
        quarter = Quarter.objects.select_related("district").filter(name__iexact=address.split(",")[0].strip()).first()
    text = f"{description}\n\n{_('Place')}: {address}" if address else description
    submitted = services_concerns.submit_concern(
        None,
        category=category,
        text=text,
        email=email,
        district=district,
        quarter=quarter,
        latitude=latitude,
        longitude=longitude,
        answer=answer,
        client=client,
        source=Concern.Source.OPEN311,
        confirmed=client is not None,
        base_url=_base(request),
    )
    notice = (
        _("Thank you. The district management handles your concern; the e-mail holds the link to its status.")
        if client is not None
        else _("Please open the link in the e-mail we sent: then the district management handles your concern.")
    )
    return _respond(
        fmt,
        "requests",
        [{"service_request_id": str(submitted.concern.pk), "service_notice": notice, "account_id": None}],
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_handled
def requests(request, fmt):
    if request.method == "POST":
        return _create_request(request, fmt)
    extensions = _extensions(request)
    return _respond(fmt, "requests", [_request(concern, extensions) for concern in _list_requests(request, fmt)])


@require_GET
@_handled
def request_detail(request, request_id, fmt):
    concern = None
    if request_id.isascii() and request_id.isdigit() and len(request_id) < 19:
        concern = queries.published().filter(pk=int(request_id)).first()
    if concern is None:
        raise Open311Error(404, _("Unknown service_request_id: %(id)s") % {"id": request_id[:30]})
    return _respond(fmt, "requests", [_request(concern, _extensions(request))])
