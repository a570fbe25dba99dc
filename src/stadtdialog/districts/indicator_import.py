"""The CSV format of the indicator import, read and checked row by row (no database writes here).

One value a line, the first line names the columns (in any order; separator ";" or ","; UTF-8, with or
without BOM):

    bezirk;stadtteil;kennzahl;bezeichnung;jahr;wert;einheit;quelle
    10;;einwohner;Einwohner*innen;2024;46102;Personen;Landeshauptstadt Hannover, Statistikstelle
    10;Linden-Nord;einwohner;Einwohner*innen;2024;17385;Personen;Landeshauptstadt Hannover, Statistikstelle
    ;;arbeitslosenquote;Arbeitslosenquote;2024;7,9;%;Bundesagentur für Arbeit

- ``bezirk``: the district's number (1–13); empty together with ``stadtteil`` for the value of the whole city;
- ``stadtteil``: optional, the quarter's name (or its address, e.g. ``linden-nord``); it must lie in the district
  when both are given;
- ``kennzahl``: the indicator's code (letters, digits, hyphens); a new code makes a new indicator, named by
  ``bezeichnung`` (required then);
- ``jahr``: four digits; ``wert``: a number with a decimal comma or point (no thousands separators);
- ``einheit``: e.g. ``Personen``, ``Haushalte``, ``%``; ``quelle``: optional.

A value already stored for the same indicator, area and year is replaced. Every bad line is named with its
number; nothing is imported until all lines are good.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

REQUIRED_COLUMNS = ("bezirk", "stadtteil", "kennzahl", "jahr", "wert", "einheit")
OPTIONAL_COLUMNS = ("bezeichnung", "quelle")
MAX_ROWS = 50_000
CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
NUMBER_PATTERN = re.compile(r"^-?\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Row:
    line: int
    district_id: int | None
    quarter_id: int | None
    code: str
    name: str
    year: int
    value: Decimal
    unit: str
    source: str


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadImportFile([_("The file is not UTF-8 text. Please save it as CSV (UTF-8).")]) from error


class BadImportFile(Exception):
    """The file has bad lines: `messages` names each (German)."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def parse(
    data: bytes | str,
    districts: dict[int, int],
    quarters: dict[str, tuple[int, int]],
    indicators: dict[str, tuple[str, str]],
    only_district: int | None = None,
) -> list[Row]:
    """The good rows of the file, or BadImportFile naming every bad line.

    `districts` maps a district number to its id, `quarters` a quarter's lower-case name and its address to (id,
    district id), `indicators` a known code to (name, unit). With `only_district` (a district's id) rows of other
    districts and of the whole city are refused."""
    text = _text(data)
    if not text.strip():
        raise BadImportFile([_("The file is empty.")])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise BadImportFile(
            [_("Line 1: the columns %(columns)s are missing.") % {"columns": ", ".join(f"„{m}“" for m in missing)}]
        )
    reader.fieldnames = header
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[tuple, int] = {}
    new_indicators: dict[str, tuple[str, str]] = {}
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            errors.append(_("The file has more than %(max)s lines; please split it.") % {"max": MAX_ROWS})
            break
        if None in raw:
            errors.append(_("Line %(line)s: more cells than columns.") % {"line": number})
            continue
        cells = {key: (value or "").strip() for key, value in raw.items()}
        if not any(cells.values()):
            continue
        problems: list[str] = []
        district_id = quarter_id = None
        if cells["bezirk"]:
            if not cells["bezirk"].isascii() or not cells["bezirk"].isdigit() or int(cells["bezirk"]) not in districts:
                problems.append(_("there is no district number „%(value)s“") % {"value": cells["bezirk"]})
            else:
                district_id = districts[int(cells["bezirk"])]
        if cells["stadtteil"]:
            found = quarters.get(cells["stadtteil"].casefold())
            if found is None:
                problems.append(_("there is no quarter „%(value)s“") % {"value": cells["stadtteil"]})
            elif district_id is not None and found[1] != district_id:
                problems.append(
                    _("the quarter „%(quarter)s“ does not lie in district %(district)s")
                    % {"quarter": cells["stadtteil"], "district": cells["bezirk"]}
                )
            else:
                quarter_id, district_of_quarter = found
                district_id = None  # a quarter's value is stored for the quarter
                if only_district is not None and district_of_quarter != only_district:
                    problems.append(
                        _("the quarter „%(value)s“ is not in this district") % {"value": cells["stadtteil"]}
                    )
        if only_district is not None and quarter_id is None and district_id != only_district:
            problems.append(_("only values of this district and its quarters can be imported here"))
        code = cells["kennzahl"].lower()
        name = cells.get("bezeichnung", "")
        if not CODE_PATTERN.match(code):
            problems.append(
                _("the indicator code „%(value)s“ is not valid (letters, digits, hyphens)") % {"value": code}
            )
        elif code not in indicators and code not in new_indicators and not name:
            problems.append(
                _("the new indicator „%(value)s“ needs a name in the column „bezeichnung“") % {"value": code}
            )
        year = None
        if not (cells["jahr"].isascii() and cells["jahr"].isdigit() and len(cells["jahr"]) == 4):
            problems.append(_("the year „%(value)s“ is not a year with four digits") % {"value": cells["jahr"]})
        else:
            year = int(cells["jahr"])
            if not 1900 <= year <= 2100:
                problems.append(_("the year %(value)s is out of range") % {"value": year})
        value = None
        if not NUMBER_PATTERN.match(cells["wert"]):
            problems.append(_("the value „%(value)s“ is not a number") % {"value": cells["wert"]})
        else:
            try:
                value = Decimal(cells["wert"].replace(",", "."))
            except InvalidOperation:  # pragma: no cover (the pattern allows only numbers)
                problems.append(_("the value „%(value)s“ is not a number") % {"value": cells["wert"]})
            else:
                if abs(value) >= Decimal("1e12") or value != value.quantize(Decimal("0.01")):
                    problems.append(
                        _("the value „%(value)s“ has too many digits (at most two after the comma)")
                        % {"value": cells["wert"]}
                    )
        unit = cells["einheit"]
        if not unit:
            problems.append(_("the unit is missing"))
        elif len(unit) > 40:
            problems.append(_("the unit is longer than 40 characters"))
        if len(name) > 200 or len(cells.get("quelle", "")) > 200:
            problems.append(_("the name or the source is longer than 200 characters"))
        known = indicators.get(code) or new_indicators.get(code)
        if known and unit and known[1] != unit:
            problems.append(
                _("the indicator „%(code)s“ has the unit „%(known)s“, not „%(unit)s“")
                % {"code": code, "known": known[1], "unit": unit}
            )
        key = (code, district_id, quarter_id, year)
        if not problems and key in seen:
            problems.append(_("the same value was already given in line %(line)s") % {"line": seen[key]})
        if problems:
            errors.append(_("Line %(line)s: %(problems)s.") % {"line": number, "problems": "; ".join(problems)})
            continue
        seen[key] = number
        if code not in indicators and code not in new_indicators:
            new_indicators[code] = (name, unit)
        rows.append(Row(number, district_id, quarter_id, code, name, year, value, unit, cells.get("quelle", "")))
    if errors:
        raise BadImportFile(errors)
    if not rows:
        raise BadImportFile([_("The file has no values.")])
    return rows
