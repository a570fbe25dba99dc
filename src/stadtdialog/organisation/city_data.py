"""A city's data folder, read and checked before anything is stored (`manage.py load_city NAME|PATH`).

The folder (`organisation/data/cities/<slug>/` ships with the project; any other folder by its path) holds:

- `city.json`: `name`, `site_name`, `logo_alt` (optional), `bounds` {south, west, north, east},
  `districts` [{number, name, slug?, council?, quarters: [name | {name, slug?}]}], optionally a flat
  `quarters` [{name, slug?, district: number}], `fields_of_action` [name | {name, slug?}] in their order,
  and optionally `boundaries` [{level: district|quarter, file, name_property?, number_property?}];
- `logo.svg` or `logo.png` (optional; without one the site shows its neutral static logo);
- `boundaries.geojson` (optional): the districts' boundaries for `services.import_boundaries`, when
  city.json names no `boundaries` (features with the properties `name` and `number`).

`read_city_folder` names every bad entry in German and returns nothing until all of them are good.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from stadtdialog.core.text import german_slug

from .models import City, District, DistrictCouncil, FieldOfAction, Quarter

CITIES_DIR = Path(__file__).resolve().parent / "data" / "cities"
CITY_FILE = "city.json"
LOGO_FILES = ("logo.svg", "logo.png")
LOGO_MAX_BYTES = 512 * 1024
BOUNDARY_FILE = "boundaries.geojson"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ACTIVE_SVG = re.compile(rb"<script|javascript:|\son[a-z]+\s*=|<foreignObject", re.IGNORECASE)


class CityDataError(Exception):
    """The folder cannot be loaded; `messages` names every problem (German)."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class QuarterData:
    name: str
    slug: str
    district: int


@dataclass(frozen=True)
class DistrictData:
    number: int
    name: str
    slug: str
    council: str


@dataclass(frozen=True)
class FieldData:
    name: str
    slug: str
    position: int


@dataclass(frozen=True)
class BoundaryData:
    level: str
    file: str
    collection: dict
    name_property: str
    number_property: str | None


@dataclass
class CityData:
    slug: str
    folder: Path
    name: str
    site_name: str
    logo_alt: str
    bounds: tuple[float, float, float, float]
    districts: list[DistrictData] = field(default_factory=list)
    quarters: list[QuarterData] = field(default_factory=list)
    fields_of_action: list[FieldData] = field(default_factory=list)
    logo_name: str = ""
    logo: bytes = b""
    boundaries: list[BoundaryData] = field(default_factory=list)


def city_folder(source: str) -> Path:
    """The folder of a shipped city by its name ("hannover"), or any folder by its path."""
    if _SLUG.match(source) and not Path(source).exists():
        return CITIES_DIR / source
    return Path(source).expanduser().resolve()


def read_city_folder(folder: Path) -> CityData:
    """The checked content of a city folder; raises CityDataError naming every bad entry."""
    if not folder.is_dir():
        raise CityDataError([f"Den Ordner „{folder}“ gibt es nicht."])
    path = folder / CITY_FILE
    if not path.is_file():
        raise CityDataError([f"Die Datei „{CITY_FILE}“ fehlt im Ordner „{folder}“."])
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CityDataError([f"{CITY_FILE}: Die Datei ist nicht in UTF-8 geschrieben."]) from None
    except json.JSONDecodeError as error:
        raise CityDataError(
            [f"{CITY_FILE}: kein gültiges JSON (Fehler in Zeile {error.lineno}, Spalte {error.colno})."]
        ) from None
    if not isinstance(raw, dict):
        raise CityDataError([f"{CITY_FILE}: Die Datei muss ein JSON-Objekt mit den Angaben der Stadt sein."])
    return _Reader(folder, raw).read()


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _Reader:
    def __init__(self, folder: Path, raw: dict):
        self.folder, self.raw, self.errors = folder, raw, []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def text(self, value, where: str, model, field_name: str, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(f"{where}: Der Name fehlt oder ist kein Text.")
            return ""
        limit = _max_length(model, field_name)
        if len(value.strip()) > limit:
            self.error(f"{where}: „{value.strip()}“ ist länger als {limit} Zeichen.")
        return value.strip()

    def slug(self, entry, name: str, where: str, model) -> str:
        value = entry.get("slug") if isinstance(entry, dict) else None
        slug = value if value is not None else german_slug(name)
        if not isinstance(slug, str) or not _SLUG.match(slug):
            self.error(f"{where}: Die Adresse „{slug}“ darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.")
            return ""
        limit = _max_length(model, "slug")
        if len(slug) > limit:
            self.error(f"{where}: Die Adresse „{slug}“ ist länger als {limit} Zeichen.")
        return slug

    def read(self) -> CityData:
        raw = self.raw
        slug = raw.get("slug", self.folder.name)
        if not isinstance(slug, str) or not _SLUG.match(slug) or len(slug) > _max_length(City, "slug"):
            self.error(
                f"{CITY_FILE}: Der Code „{slug}“ der Stadt darf nur Kleinbuchstaben, Ziffern und Bindestriche "
                "enthalten."
            )
            slug = ""
        data = CityData(
            slug=slug,
            folder=self.folder,
            name=self.text(raw.get("name"), f"{CITY_FILE}, „name“ (Name der Stadt)", City, "name"),
            site_name=self.text(
                raw.get("site_name"), f"{CITY_FILE}, „site_name“ (Name des Portals)", City, "site_name"
            ),
            logo_alt=self.text(
                raw.get("logo_alt"), f"{CITY_FILE}, „logo_alt“ (Text des Logos)", City, "logo_alt", False
            ),
            bounds=self.bounds(raw.get("bounds")),
        )
        data.districts = self.districts(raw.get("districts"))
        data.quarters = self.quarters(raw, {d.number for d in data.districts})
        data.fields_of_action = self.fields(raw.get("fields_of_action"))
        data.logo_name, data.logo = self.logo(data.logo_alt or data.name)
        data.boundaries = self.boundaries(raw.get("boundaries"))
        if self.errors:
            raise CityDataError(self.errors)
        return data

    def bounds(self, value) -> tuple[float, float, float, float]:
        where = f"{CITY_FILE}, „bounds“"
        keys = ("south", "west", "north", "east")
        if not isinstance(value, dict) or set(value) != set(keys):
            self.error(f"{where}: Erwartet wird ein Objekt mit „south“, „west“, „north“ und „east“ (Grad).")
            return (0.0, 0.0, 0.0, 0.0)
        bad = [k for k in keys if isinstance(value[k], bool) or not isinstance(value[k], (int, float))]
        if bad:
            self.error(f"{where}: {', '.join(f'„{k}“' for k in bad)} ist keine Zahl.")
            return (0.0, 0.0, 0.0, 0.0)
        south, west, north, east = (float(value[k]) for k in keys)
        if not (-90 <= south < north <= 90):
            self.error(f"{where}: „south“ muss kleiner als „north“ sein, beide zwischen -90 und 90.")
        if not (-180 <= west < east <= 180):
            self.error(f"{where}: „west“ muss kleiner als „east“ sein, beide zwischen -180 und 180.")
        return (south, west, north, east)

    def districts(self, value) -> list[DistrictData]:
        if not isinstance(value, list) or not value:
            self.error(f"{CITY_FILE}, „districts“: Die Liste der Stadtbezirke fehlt oder ist leer.")
            return []
        found, numbers, names, slugs = [], {}, {}, {}
        for index, entry in enumerate(value, start=1):
            where = f"{CITY_FILE}, Stadtbezirk {index}"
            if not isinstance(entry, dict):
                self.error(f"{where}: Erwartet wird ein Objekt mit „number“ und „name“.")
                continue
            name = self.text(entry.get("name"), where, District, "name")
            if name:
                where = f"{CITY_FILE}, Stadtbezirk {index} („{name}“)"
            number = entry.get("number")
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 32767:
                self.error(f"{where}: Die Nummer „{number}“ ist keine ganze Zahl zwischen 1 und 32767.")
                number = None
            slug = self.slug(entry, name, where, District) if name else ""
            council = self.text(entry.get("council"), f"{where}, „council“", DistrictCouncil, "name", False)
            for key, seen, label in ((number, numbers, "Nummer"), (name, names, "Name"), (slug, slugs, "Adresse")):
                if key in (None, ""):
                    continue
                if key in seen:
                    self.error(f"{where}: {label} „{key}“ hat schon Stadtbezirk {seen[key]}.")
                else:
                    seen[key] = index
            if number is not None and name and slug:
                found.append(DistrictData(number=number, name=name, slug=slug, council=council))
        return found

    def quarters(self, raw: dict, numbers: set[int]) -> list[QuarterData]:
        entries = []  # (where, entry, district number or None, where the district came from)
        for index, district in enumerate(raw.get("districts") or [], start=1):
            if not isinstance(district, dict):
                continue
            nested = district.get("quarters", [])
            if not isinstance(nested, list):
                self.error(f"{CITY_FILE}, Stadtbezirk {index}: „quarters“ muss eine Liste sein.")
                continue
            for position, entry in enumerate(nested, start=1):
                entries.append(
                    (f"{CITY_FILE}, Stadtbezirk {index}, Stadtteil {position}", entry, district.get("number"))
                )
        flat = raw.get("quarters", [])
        if not isinstance(flat, list):
            self.error(f"{CITY_FILE}, „quarters“: muss eine Liste sein.")
            flat = []
        for index, entry in enumerate(flat, start=1):
            where = f"{CITY_FILE}, „quarters“, Eintrag {index}"
            if not isinstance(entry, dict):
                self.error(f"{where}: Erwartet wird ein Objekt mit „name“ und „district“ (Nummer des Stadtbezirks).")
                continue
            number = entry.get("district")
            if number is None:
                self.error(f"{where} („{entry.get('name', '')}“): Der Stadtteil nennt keinen Stadtbezirk („district“).")
                continue
            if number not in numbers:
                self.error(
                    f"{where} („{entry.get('name', '')}“): Den Stadtbezirk {number} gibt es in {CITY_FILE} nicht."
                )
                continue
            entries.append((where, entry, number))
        found, names, slugs = [], {}, {}
        for place, entry, number in entries:
            name = entry.get("name") if isinstance(entry, dict) else entry
            name = self.text(name, place, Quarter, "name")
            if not name:
                continue
            where = f"{place} („{name}“)"
            slug = self.slug(entry, name, where, Quarter)
            if name in names:
                self.error(f"{where}: Den Namen gibt es schon ({names[name]}).")
                continue
            if slug in slugs:
                self.error(f"{where}: Die Adresse „{slug}“ hat schon {slugs[slug]}.")
                continue
            names[name] = place.removeprefix(f"{CITY_FILE}, ")
            slugs[slug] = f"„{name}“"
            if slug and number in numbers:
                found.append(QuarterData(name=name, slug=slug, district=number))
        return found

    def fields(self, value) -> list[FieldData]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"{CITY_FILE}, „fields_of_action“: muss eine Liste von Namen sein.")
            return []
        found, names, slugs = [], set(), set()
        for position, entry in enumerate(value, start=1):
            where = f"{CITY_FILE}, Handlungsfeld {position}"
            name = self.text(entry.get("name") if isinstance(entry, dict) else entry, where, FieldOfAction, "name")
            if not name:
                continue
            where = f"{where} („{name}“)"
            slug = self.slug(entry, name, where, FieldOfAction)
            if name in names or slug in slugs:
                self.error(f"{where}: kommt doppelt vor.")
                continue
            names.add(name)
            slugs.add(slug)
            if slug:
                found.append(FieldData(name=name, slug=slug, position=position))
        return found

    def logo(self, alt: str) -> tuple[str, bytes]:
        present = [name for name in LOGO_FILES if (self.folder / name).is_file()]
        if not present:
            return "", b""
        if len(present) > 1:
            self.error(f"Logo: Es gibt {' und '.join(present)}; bitte nur eine Datei.")
            return "", b""
        name = present[0]
        content = (self.folder / name).read_bytes()
        if len(content) > LOGO_MAX_BYTES:
            self.error(f"{name}: Die Datei ist größer als {LOGO_MAX_BYTES // 1024} KB.")
        elif name.endswith(".png") and not content.startswith(b"\x89PNG\r\n\x1a\n"):
            self.error(f"{name}: Die Datei ist kein PNG-Bild.")
        elif name.endswith(".svg"):
            try:
                root = ElementTree.fromstring(content)
            except ElementTree.ParseError as error:
                self.error(f"{name}: kein gültiges SVG ({error}).")
                return "", b""
            if not root.tag.endswith("svg"):
                self.error(f"{name}: Die Datei ist kein SVG-Bild.")
            elif _ACTIVE_SVG.search(content):
                self.error(f"{name}: Das SVG enthält Skripte oder Ereignis-Attribute; erlaubt ist nur ein Bild.")
        if not alt:
            self.error(f"{CITY_FILE}: Zum Logo fehlt der Text („logo_alt“ oder „name“).")
        return name, content

    def boundaries(self, value) -> list[BoundaryData]:
        if value is None:
            if not (self.folder / BOUNDARY_FILE).is_file():
                return []
            value = [{"level": "district", "file": BOUNDARY_FILE, "name_property": "name", "number_property": "number"}]
        if not isinstance(value, list):
            self.error(f"{CITY_FILE}, „boundaries“: muss eine Liste sein.")
            return []
        found = []
        for index, entry in enumerate(value, start=1):
            where = f"{CITY_FILE}, „boundaries“, Eintrag {index}"
            if (
                not isinstance(entry, dict)
                or entry.get("level") not in ("district", "quarter")
                or not entry.get("file")
            ):
                self.error(f"{where}: Erwartet werden „level“ („district“ oder „quarter“) und „file“.")
                continue
            file = self.folder / str(entry["file"])
            if not file.is_file() or self.folder.resolve() not in file.resolve().parents:
                self.error(f"{where}: Die Datei „{entry['file']}“ fehlt im Ordner.")
                continue
            try:
                collection = json.loads(file.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                self.error(f"{entry['file']}: Die Datei ist nicht in UTF-8 geschrieben.")
                continue
            except json.JSONDecodeError as error:
                self.error(
                    f"{entry['file']}: kein gültiges JSON (Fehler in Zeile {error.lineno}, Spalte {error.colno})."
                )
                continue
            found.append(
                BoundaryData(
                    level=entry["level"],
                    file=str(entry["file"]),
                    collection=collection,
                    name_property=str(entry.get("name_property") or "name"),
                    number_property=entry.get("number_property") if entry["level"] == "district" else None,
                )
            )
        return found
