"""Letters (Anschreiben) to a process's target groups: the uploaded CSV of addresses, checked row by row, and
the letter merged with each address into one PDF (key facts of the plan and the concept, dates, contact)."""

import csv
import io
import re
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core.pdf import render_pdf
from stadtdialog.organisation.queries import current_city
from stadtdialog.processes.models import Process

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
POSTCODE = re.compile(r"^\d{5}$")
COLUMNS = {
    "name": "name",
    "straße": "street",
    "strasse": "street",
    "zusatz": "extra",
    "plz": "postcode",
    "postleitzahl": "postcode",
    "ort": "city",
}
REQUIRED = ("name", "street", "postcode", "city")


@dataclass
class Address:
    name: str
    street: str
    postcode: str
    city: str
    extra: str = ""


def parse_addresses(data: bytes) -> tuple[list[Address], list[str]]:
    """The addresses of the CSV (columns Name, Straße, Zusatz (optional), PLZ, Ort; semicolon or comma), or the
    errors in German, every bad row named by its line number. Nothing is kept of a file with errors."""
    if len(data) > MAX_BYTES:
        return [], [_("The file is larger than 1 MB.")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")]
    if not text.strip():
        return [], [_("The file is empty.")]
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [COLUMNS.get(cell.strip().lower(), "") for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return [], [_("The first line must name the columns Name, Straße, PLZ and Ort (Zusatz is optional).")]
    if len(rows) - 1 > MAX_ROWS:
        return [], [_("At most %(count)s addresses at once.") % {"count": MAX_ROWS}]
    addresses, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(header) if key}
        problems = [
            label
            for key, label in (("name", _("name")), ("street", _("street")), ("city", _("city")))
            if not values.get(key)
        ]
        if problems:
            errors.append(_("Line %(line)s: %(fields)s missing.") % {"line": number, "fields": ", ".join(problems)})
            continue
        if not POSTCODE.match(values.get("postcode", "")):
            errors.append(
                _("Line %(line)s: “%(value)s” is not a postcode of five digits.")
                % {"line": number, "value": values.get("postcode", "")}
            )
            continue
        if any(len(values.get(key, "")) > 200 for key in values):
            errors.append(_("Line %(line)s: a field is longer than 200 characters.") % {"line": number})
            continue
        addresses.append(
            Address(values["name"], values["street"], values["postcode"], values["city"], values.get("extra", ""))
        )
    if not addresses and not errors:
        errors.append(_("The file has no addresses."))
    return addresses, errors


def to_json(addresses: list[Address]) -> list[dict]:
    return [asdict(address) for address in addresses]


def render_letters(process: Process, addresses: list[dict], greeting: str) -> bytes:
    """One PDF with a letter per address."""
    process = (
        Process.objects.select_related("plan__lead_unit", "lead_contact", "concept")
        .prefetch_related("phases")
        .get(pk=process.pk)
    )
    city = current_city()
    return render_pdf(
        "reporting/letters_pdf.html",
        {
            "process": process,
            "plan": process.plan,
            "concept": getattr(process, "concept", None),
            "phases": list(process.phases.all()),
            "addresses": addresses,
            "greeting": greeting,
            "today": timezone.localdate(),
            "CITY": city,
            "CITY_NAME": city.name,
        },
    )
