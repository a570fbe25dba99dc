"""Council papers from an OParl 1.1 endpoint, the standard interface of German council information systems.

`OParlClient` reads with the standard library only. settings.OPARL_URL names a System or a Body
object; from it the client finds the body's paper list, pages through it along `links.next` and
picks papers by their `reference`, which is the council paper number. It reads each paper's name,
date, type, web link and consultations (embedded or by URL; meetings and organizations are fetched
once per client). Every object is checked for its OParl type. Any failure (HTTP error, timeout,
invalid JSON, an unexpected shape or type) raises OParlError with a German message.

The client reads only from the server it was pointed at (see oparl_http): a URL in the JSON that
leads elsewhere is refused, so a manipulated council information system cannot make our server
fetch internal addresses.

`sync_papers` reads everything first and then writes in one transaction, so a failing server never
changes a stored paper. It updates title, date, type and link of plans.CouncilPaper and replaces the
paper's stored consultations (outcomes.CouncilPaperConsultation) with the ones read; the consultations
are also returned to the caller.
"""

import datetime
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.plans.models import CouncilPaper
from stadtdialog.plans.services import validate_council_paper_number

from .models import CouncilPaperConsultation
from .oparl_http import DEFAULT_TIMEOUT, OParlError, allowed_origins, read_json

__all__ = ["OParlClient", "OParlError", "Paper", "Consultation", "SyncResult", "sync_papers"]

SCHEMAS = ("https://schema.oparl.org/1.1/", "https://schema.oparl.org/1.0/")
MAX_PAGES = 2000  # a paper list longer than this is treated as broken
SYNC_FIELDS = ["title", "date", "paper_type", "url"]


@dataclass(frozen=True)
class Consultation:
    """One consultation of a paper: which body discusses it, in which meeting, in which role."""

    organizations: tuple[str, ...]
    meeting: str
    date: datetime.date | None
    role: str
    authoritative: bool

    @property
    def organization(self) -> str:
        return ", ".join(name for name in self.organizations if name)


@dataclass(frozen=True)
class Paper:
    number: str
    title: str
    date: datetime.date | None
    paper_type: str
    web: str
    consultations: tuple[Consultation, ...] = ()


def normalise_number(number: str) -> str:
    return " ".join((number or "").split())


def type_name(data: dict, source: str) -> str:
    """'Paper' for an object of type https://schema.oparl.org/1.1/Paper; OParlError for anything else."""
    value = data.get("type")
    if isinstance(value, str):
        for schema in SCHEMAS:
            if value.startswith(schema) and value[len(schema) :].isalpha():
                return value[len(schema) :]
    raise OParlError(
        _("%(url)s is not an OParl object: its type „%(type)s“ is unknown.") % {"url": source, "type": value}
    )


def _field_error(source: str, name: str) -> OParlError:
    return OParlError(
        _("The OParl object %(url)s has an invalid value in the field „%(field)s“.") % {"url": source, "field": name}
    )


def _text(data: dict, name: str, source: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _field_error(source, name)
    return " ".join(value.split())


def _list(data: dict, name: str, source: str) -> list:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _field_error(source, name)
    return value


def _date(data: dict, name: str, source: str) -> datetime.date | None:
    """A date ("2018-06-14") or the local date of a date-time ("2018-07-04T15:00:00+02:00")."""
    value = data.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _field_error(source, name)
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise _field_error(source, name) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return moment.date()


class OParlClient:
    """Reads one OParl system. Objects fetched by URL are kept for the life of the client."""

    def __init__(self, url: str | None = None, *, timeout: float | None = None, max_pages: int = MAX_PAGES):
        self.url = url if url is not None else getattr(settings, "OPARL_URL", "")
        if not self.url:
            raise OParlError(_("No OParl server is configured (setting OPARL_URL)."))
        self.timeout = timeout or getattr(settings, "OPARL_TIMEOUT", DEFAULT_TIMEOUT)
        self.max_pages = max_pages
        self._cache: dict[str, dict] = {}
        self.allowed = allowed_origins(self.url, getattr(settings, "OPARL_ALLOWED_HOSTS", []))

    # -- reading -------------------------------------------------------------------------------

    def fetch(self, url: str, *, keep: bool = True) -> dict:
        """The JSON object at url (on an allowed origin only). OParlError for anything but a JSON object."""
        if keep and url in self._cache:
            return self._cache[url]
        data = read_json(url, self.allowed, self.timeout)
        if keep:
            self._cache[url] = data
        return data

    def object(self, value, kind: str, source: str) -> dict:
        """An OParl object of the given kind, embedded (a dict) or referenced by its URL (a str)."""
        if isinstance(value, str):
            data, where = self.fetch(value), value
        elif isinstance(value, dict):
            data, where = value, value.get("id") if isinstance(value.get("id"), str) else source
        else:
            raise OParlError(
                _("The OParl object %(url)s refers to a %(kind)s in an unknown form.") % {"url": source, "kind": kind}
            )
        found = type_name(data, where)
        if found != kind:
            raise OParlError(
                _("%(url)s is an OParl %(found)s, expected a %(kind)s.") % {"url": where, "found": found, "kind": kind}
            )
        return data

    def items(self, list_url: str, kind: str) -> Iterator[dict]:
        """The objects of a paginated OParl list, page after page along links.next."""
        seen, url = set(), list_url
        while url:
            if url in seen:
                raise OParlError(
                    _("The OParl list %(url)s does not end; its pages link in a circle.") % {"url": list_url}
                )
            if len(seen) >= self.max_pages:
                raise OParlError(
                    _("The OParl list %(url)s has more than %(count)s pages.")
                    % {"url": list_url, "count": self.max_pages}
                )
            seen.add(url)
            page = self.fetch(url, keep=False)
            data, links = page.get("data"), page.get("links", {})
            if not isinstance(data, list) or not isinstance(links, dict):
                raise OParlError(_("%(url)s is not an OParl list (no „data“ array).") % {"url": url})
            for item in data:
                yield self.object(item, kind, url)
            next_url = links.get("next")
            if next_url is not None and not isinstance(next_url, str):
                raise _field_error(url, "links.next")
            url = next_url

    def paper_list_url(self) -> str:
        root = self.fetch(self.url)
        kind = type_name(root, self.url)
        if kind == "System":
            body_list = _text(root, "body", self.url)
            body = next(self.items(body_list, "Body"), None) if body_list else None
            if body is None:
                raise OParlError(_("The OParl system %(url)s lists no body.") % {"url": self.url})
        elif kind == "Body":
            body = root
        else:
            raise OParlError(
                _("%(url)s is an OParl %(found)s, expected a System or a Body.") % {"url": self.url, "found": kind}
            )
        paper_list = _text(body, "paper", body.get("id", self.url))
        if not paper_list:
            raise _field_error(body.get("id", self.url), "paper")
        return paper_list

    def find_papers(self, numbers: Iterable[str]) -> dict[str, Paper]:
        """{number: Paper} for the numbers found; reading stops as soon as all are found."""
        wanted = {normalise_number(n) for n in numbers}
        found: dict[str, Paper] = {}
        if not wanted:
            return found
        for item in self.items(self.paper_list_url(), "Paper"):
            if item.get("deleted") is True:
                continue
            reference = item.get("reference")
            number = normalise_number(reference) if isinstance(reference, str) else ""
            if number in wanted and number not in found:
                found[number] = self.paper(item, number)
                if len(found) == len(wanted):
                    break
        return found

    def find_paper(self, number: str) -> Paper | None:
        return self.find_papers([number]).get(normalise_number(number))

    def paper(self, data: dict, number: str) -> Paper:
        source = data.get("id") if isinstance(data.get("id"), str) else self.url
        return Paper(
            number=number,
            title=_text(data, "name", source),
            date=_date(data, "date", source),
            paper_type=_text(data, "paperType", source),
            web=_text(data, "web", source),
            consultations=tuple(self.consultation(c, source) for c in _list(data, "consultation", source)),
        )

    def consultation(self, value, source: str) -> Consultation:
        data = self.object(value, "Consultation", source)
        where = data.get("id") if isinstance(data.get("id"), str) else source
        name, date = "", None
        if data.get("meeting"):
            meeting = self.object(data["meeting"], "Meeting", where)
            meeting_source = meeting.get("id") if isinstance(meeting.get("id"), str) else where
            name, date = _text(meeting, "name", meeting_source), _date(meeting, "start", meeting_source)
        organizations = tuple(
            _text(self.object(o, "Organization", where), "name", where) for o in _list(data, "organization", where)
        )
        authoritative = data.get("authoritative", False)
        if not isinstance(authoritative, bool):
            raise _field_error(where, "authoritative")
        return Consultation(
            organizations=organizations,
            meeting=name,
            date=date,
            role=_text(data, "role", where),
            authoritative=authoritative,
        )


# -- updating stored council papers --------------------------------------------------------------


@dataclass
class SyncResult:
    papers: dict[str, Paper] = field(default_factory=dict)  # everything read, with consultations
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # not on the OParl server
    not_stored: list[str] = field(default_factory=list)  # on the server, but no CouncilPaper here
    warnings: list[str] = field(default_factory=list)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _new_values(paper: Paper, stored: CouncilPaper, warnings: list[str]) -> dict:
    """The values an OParl paper gives a stored CouncilPaper; empty OParl fields keep what is stored."""
    values = {}
    if paper.title:
        values["title"] = _shorten(paper.title, CouncilPaper._meta.get_field("title").max_length)
    if paper.date:
        values["date"] = paper.date
    if paper.paper_type:
        values["paper_type"] = _shorten(paper.paper_type, CouncilPaper._meta.get_field("paper_type").max_length)
    if paper.web:
        try:
            URLValidator(schemes=["http", "https"])(paper.web)
            if len(paper.web) > CouncilPaper._meta.get_field("url").max_length:
                raise ValidationError("too long")
        except ValidationError:
            warnings.append(
                _("The web link of council paper %(number)s on the OParl server is not usable; the link is kept.")
                % {"number": stored.number}
            )
        else:
            values["url"] = paper.web
    return values


CONSULTATION_FIELDS = ["position", "organization", "meeting", "date", "role", "authoritative"]


def _consultation_rows(paper: Paper) -> list[dict]:
    """The consultations of an OParl paper as values of CouncilPaperConsultation, in OParl's order."""
    field_length = {
        name: CouncilPaperConsultation._meta.get_field(name).max_length for name in ("organization", "meeting", "role")
    }
    return [
        {
            "position": position,
            "organization": _shorten(consultation.organization, field_length["organization"]),
            "meeting": _shorten(consultation.meeting, field_length["meeting"]),
            "date": consultation.date,
            "role": _shorten(consultation.role, field_length["role"]),
            "authoritative": consultation.authoritative,
        }
        for position, consultation in enumerate(paper.consultations, start=1)
    ]


def _audit_rows(rows: list[dict]) -> list[dict]:
    return [{**row, "date": row["date"].isoformat() if row["date"] else None} for row in rows]


def sync_papers(numbers: Iterable[str], *, client: OParlClient | None = None, actor=None) -> SyncResult:
    """Update title, date, type, link and consultations of stored council papers from OParl.

    Everything is read and checked before anything is written; OParlError leaves every paper and its
    consultations as they were. A paper whose consultations differ gets them replaced by the ones read.
    actor None means the system (the import command); a person needs access to the staff plans.
    """
    if actor is not None:
        require(actor, "plans.access_staff_plans")
    numbers = list(dict.fromkeys(validate_council_paper_number(n) for n in numbers))
    client = client or OParlClient()
    result = SyncResult(papers=client.find_papers(numbers))
    stored = {p.number: p for p in CouncilPaper.objects.filter(number__in=numbers)}
    planned = {}
    for number in numbers:
        if number not in result.papers:
            result.missing.append(number)
        elif number not in stored:
            result.not_stored.append(number)
        else:
            planned[number] = _new_values(result.papers[number], stored[number], result.warnings)
    consultations = {number: _consultation_rows(result.papers[number]) for number in planned}
    with transaction.atomic():
        locked = CouncilPaper.objects.select_for_update().in_bulk(list(planned), field_name="number")
        stored_rows: dict[int, list[dict]] = {paper.pk: [] for paper in locked.values()}
        for row in (
            CouncilPaperConsultation.objects.filter(paper__in=list(locked.values()))
            .order_by("paper", "position")
            .values("paper_id", *CONSULTATION_FIELDS)
        ):
            stored_rows[row.pop("paper_id")].append(row)
        replaced, new_rows = [], []
        for number, values in planned.items():
            paper = locked[number]
            before = audit.snapshot(paper, SYNC_FIELDS)
            for name, value in values.items():
                setattr(paper, name, value)
            changes = audit.diff(before, audit.snapshot(paper, SYNC_FIELDS))
            if changes:
                paper.save(update_fields=list(changes))
            if stored_rows[paper.pk] != consultations[number]:
                changes["consultations"] = [_audit_rows(stored_rows[paper.pk]), _audit_rows(consultations[number])]
                replaced.append(paper.pk)
                new_rows += [CouncilPaperConsultation(paper=paper, **row) for row in consultations[number]]
            if not changes:
                result.unchanged.append(number)
                continue
            audit.record(actor, "council_paper.oparl_sync", paper, changes)
            result.updated.append(number)
        if replaced:
            CouncilPaperConsultation.objects.filter(paper__in=replaced).delete()
            CouncilPaperConsultation.objects.bulk_create(new_rows)
    return result
