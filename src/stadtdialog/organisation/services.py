"""Writes of the organisation app: the city's master data (load_city), district boundaries, the OrgUnit tree
(create, edit, move, dissolve with a successor) and the district councils.

Every tree write checks the permission (organisation.*, registered in accounts/rules.py), runs in one
transaction and writes an audit entry.
Moves and dissolutions lock every unit row (in primary-key order, so two writers never deadlock) before they read
the tree, so a move and a dissolution at the same time cannot make a cycle or leave anything on a dissolved unit.
A broken rule raises ValidationError (a dict keyed by field), a missing permission PermissionDenied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import Count, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.text import german_slug
from stadtdialog.core.versioning import Derived, check_version

from . import city_data, geo
from .models import City, District, DistrictCouncil, FieldOfAction, OrgUnit, Quarter
from .queries import forget_city, relations_taken_over

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class BoundaryImportError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def import_boundaries(
    collection: dict, level: str, name_property: str = "name", number_property: str | None = None
) -> int:
    """Attach boundaries to districts or quarters. Every feature must match; otherwise nothing is stored."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BoundaryImportError(["Die Datei ist keine GeoJSON-FeatureCollection."])
    model = District if level == "district" else Quarter
    by_slug = {obj.slug: obj for obj in model.objects.all()}
    by_number = {d.number: d for d in by_slug.values()} if level == "district" else {}
    errors, updates = [], []
    for index, feature in enumerate(collection.get("features") or [], start=1):
        properties = feature.get("properties") or {}
        target = None
        if number_property and properties.get(number_property) not in (None, ""):
            try:
                target = by_number.get(int(properties[number_property]))
            except (TypeError, ValueError):
                errors.append(f"Objekt {index}: Nummer „{properties[number_property]}“ ist keine Zahl.")
                continue
        if target is None:
            target = by_slug.get(german_slug(str(properties.get(name_property, ""))))
        if target is None:
            errors.append(f"Objekt {index}: „{properties.get(name_property, '')}“ ist kein bekannter Name.")
            continue
        problem = geo.validate_geometry(feature.get("geometry"))
        if problem:
            errors.append(f"Objekt {index} ({target.name}): {problem}.")
            continue
        target.boundary = feature["geometry"]
        updates.append(target)
    if errors:
        raise BoundaryImportError(errors)
    with transaction.atomic():
        model.objects.bulk_update(updates, ["boundary"])
    return len(updates)


# --- The city's master data from its data folder (`manage.py load_city`) ---------------------------------------


@dataclass
class CityLoadResult:
    """What `load_city` did: counts per kind ("districts", "quarters", "fields_of_action", "councils", "city"),
    and what it would have removed but kept because data hangs on it (German lines)."""

    city: City
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)
    boundaries: int = 0

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated or +self.removed)


def load_city(*, source: str, replace: bool = False) -> CityLoadResult:
    """Make the database's city match a data folder (a shipped city's name or a folder's path); idempotent.

    Districts are matched by number, quarters and fields of action by their address (slug), so the rows an older
    installation got from the migration 0002_hannover_data are taken over. Rows missing from the folder are removed
    only when nothing hangs on them; the others stay and are named in `kept`. One installation serves one city:
    a different city is refused, and with `replace` allowed only while no data hangs on the present city's rows.
    Everything in one transaction: any bad entry (CityDataError, all of them named) and nothing is stored.
    The command is the only caller: whoever runs it on the server is trusted, so there is no user to check.
    """
    data = city_data.read_city_folder(city_data.city_folder(source))
    try:
        with transaction.atomic(), translation.override("de"):
            result = _CityLoader(data, replace).run()
    except IntegrityError as error:
        raise city_data.CityDataError([f"Die Daten widersprechen dem Bestand der Datenbank: {error}"]) from error
    transaction.on_commit(forget_city)
    return result


class _CityLoader:
    def __init__(self, data: city_data.CityData, replace: bool):
        self.data, self.replace = data, replace
        self.result: CityLoadResult | None = None
        self.log: dict[str, dict[str, list]] = {}

    def run(self) -> CityLoadResult:
        city = self.city()
        self.result = result = CityLoadResult(city=city)
        adding = city._state.adding
        before = {} if adding else audit.snapshot(city)
        self.city_fields(city)
        after = audit.snapshot(city)
        if adding or after != before:
            city.save()
            (result.created if adding else result.updated)["city"] += 1
        self.sync_master_data()
        result.boundaries = self.boundaries()
        if result.changed:
            audit.record(
                None,
                "organisation.city.load",
                city,
                {"city": audit.diff(before, after), **self.log, "kept": result.kept},
            )
        return result

    def city(self) -> City:
        data = self.data
        cities = list(City.objects.select_for_update().order_by("pk"))
        if len(cities) > 1:
            raise city_data.CityDataError(
                ["Die Datenbank hat mehr als eine Stadt; eine Installation dient einer Stadt."]
            )
        present = cities[0] if cities else None
        if present is None or present.slug == data.slug:
            return present or City(slug=data.slug, name=data.name, site_name=data.site_name, **self.bounds())
        if not self.replace:
            raise city_data.CityDataError(
                [
                    f"Diese Installation dient schon der Stadt „{present.name}“ ({present.slug}); eine Installation "
                    f"dient einer Stadt. „{data.name}“ ({data.slug}) wird nicht geladen. Mit --replace wird die Stadt "
                    "ersetzt, solange an ihren Stadtbezirken, Stadtteilen und Handlungsfeldern noch nichts hängt."
                ]
            )
        attached = []
        for model in (District, Quarter, FieldOfAction):
            for obj, lines in _attached(model, model.objects.all(), own=(Quarter, DistrictCouncil)).items():
                attached.append(f"{model._meta.verbose_name} „{obj}“: {lines}")
        if attached:
            raise city_data.CityDataError(
                [f"„{present.name}“ wird nicht ersetzt: Die Datenbank ist nicht leer.", *attached]
            )
        Quarter.objects.all().delete()
        District.objects.all().delete()  # the councils go with their districts
        FieldOfAction.objects.all().delete()
        if present.logo:
            present.logo.delete(save=False)
        present.delete()
        return City(slug=data.slug, name=data.name, site_name=data.site_name, **self.bounds())

    def bounds(self) -> dict:
        return dict(zip(("south", "west", "north", "east"), self.data.bounds))

    def city_fields(self, city: City) -> None:
        data = self.data
        city.name, city.site_name, city.logo_alt = data.name, data.site_name, data.logo_alt
        for key, value in self.bounds().items():
            setattr(city, key, value)
        if data.logo and not _same_file(city.logo, data.logo):
            if city.logo:
                city.logo.delete(save=False)
            suffix = data.logo_name.rsplit(".", 1)[-1]
            city.logo.save(f"{data.slug}-logo.{suffix}", ContentFile(data.logo), save=False)

    def note(self, kind: str, what: str, obj: models.Model) -> None:
        getattr(self.result, what)[kind] += 1
        self.log.setdefault(kind, {}).setdefault(what, []).append(str(obj))

    def sync_master_data(self) -> None:
        data = self.data
        wanted_quarters = {q.slug for q in data.quarters}
        self.remove(Quarter, Quarter.objects.exclude(slug__in=wanted_quarters), "quarters")
        districts = {d.number: d for d in District.objects.all()}
        for entry in data.districts:
            district = districts.get(entry.number)
            values = {"name": entry.name, "slug": entry.slug}
            if district is None:
                districts[entry.number] = District.objects.create(number=entry.number, **values)
                self.note("districts", "created", districts[entry.number])
            elif self.assign(district, values):
                self.note("districts", "updated", district)
            if entry.council and not DistrictCouncil.objects.filter(district=districts[entry.number]).exists():
                # Only made when missing: the staff keep the council's name and contact up to date.
                council = DistrictCouncil.objects.create(district=districts[entry.number], name=entry.council)
                self.note("councils", "created", council)
        quarters = {q.slug: q for q in Quarter.objects.all()}
        for entry in data.quarters:
            quarter = quarters.get(entry.slug)
            values = {"name": entry.name, "district": districts[entry.district]}
            if quarter is None:
                quarter = Quarter.objects.create(slug=entry.slug, **values)
                self.note("quarters", "created", quarter)
            elif self.assign(quarter, values):
                self.note("quarters", "updated", quarter)
        numbers = {d.number for d in data.districts}
        self.remove(District, District.objects.exclude(number__in=numbers), "districts")
        fields = {f.slug: f for f in FieldOfAction.objects.all()}
        self.remove(
            FieldOfAction,
            FieldOfAction.objects.exclude(slug__in={f.slug for f in data.fields_of_action}),
            "fields_of_action",
        )
        for entry in data.fields_of_action:
            item = fields.get(entry.slug)
            values = {"name": entry.name, "position": entry.position}
            if item is None:
                self.note("fields_of_action", "created", FieldOfAction.objects.create(slug=entry.slug, **values))
            elif self.assign(item, values):
                self.note("fields_of_action", "updated", item)

    @staticmethod
    def assign(obj: models.Model, values: dict) -> bool:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            obj.save(update_fields=changed)
        return bool(changed)

    def remove(self, model: type[models.Model], queryset: QuerySet, kind: str) -> None:
        """Delete the rows the folder no longer has, unless data hangs on them (then keep them, say so)."""
        candidates = list(queryset)
        if not candidates:
            return
        attached = _attached(model, candidates)
        label = model._meta.verbose_name
        for obj in candidates:
            if obj in attached:
                self.result.kept.append(
                    f"{label} „{obj}“ fehlt im Datenordner, bleibt aber, weil Daten daran hängen: {attached[obj]}."
                )
            else:
                obj.delete()
                self.note(kind, "removed", obj)

    def boundaries(self) -> int:
        count = 0
        for entry in self.data.boundaries:
            try:
                count += import_boundaries(entry.collection, entry.level, entry.name_property, entry.number_property)
            except BoundaryImportError as error:
                raise city_data.CityDataError([f"{entry.file}: {message}" for message in error.messages]) from error
        return count


def _same_file(stored: FieldFile, content: bytes) -> bool:
    if not stored:
        return False
    try:
        with stored.storage.open(stored.name, "rb") as handle:
            return handle.read() == content
    except OSError:
        return False


def _attached(
    model: type[models.Model], objects: Iterable[models.Model], own: tuple[type[models.Model], ...] = (DistrictCouncil,)
) -> dict:
    """{obj: "Vorhaben: 3, Rollen: 1"} for the objects on which rows of other tables (of any app) hang; the models
    in `own` (the council, which goes with its district) do not count. One query per relation, not per object."""
    objects = list(objects)
    if not objects:
        return {}
    by_pk = {obj.pk: obj for obj in objects}
    counts: dict = {}
    for relation in model._meta.related_objects:
        related = relation.related_model
        if related in own:
            continue
        if relation.many_to_many:
            through, column = relation.through, relation.field.m2m_reverse_field_name()
        else:
            through, column = related, relation.field.name
        rows = through.objects.filter(**{f"{column}__in": list(by_pk)}).values(column).annotate(n=Count("pk"))
        for row in rows:
            counts.setdefault(by_pk[row[column]], []).append(f"{related._meta.verbose_name_plural}: {row['n']}")
    return {obj: ", ".join(lines) for obj, lines in counts.items()}


# --- The OrgUnit tree -----------------------------------------------------------------------------


class UnitContact(TypedDict, total=False):
    """A unit's public contact data (what a unit lead may change)."""

    email: str
    phone: str
    address: str
    website: str
    opening_hours: str


class UnitFields(UnitContact, total=False):
    """Everything of a unit but its place in the tree."""

    short_name: str
    name: str
    kind: str


CONTACT_FIELDS = list(UnitContact.__annotations__)
UNIT_FIELDS = ["short_name", "name", "kind", *CONTACT_FIELDS]
AUDIT_FIELDS = [*UNIT_FIELDS, "parent", "dissolved_at", "successor"]


def _snapshot(unit: OrgUnit) -> dict:
    return audit.snapshot(unit, AUDIT_FIELDS)


def _refuse_dissolved(unit: OrgUnit, field: str | None = None) -> None:
    if unit.dissolved_at is not None:
        message = _("The unit %(unit)s has been dissolved; it can no longer be changed or chosen.") % {
            "unit": unit.short_name
        }
        raise ValidationError({field: message} if field else message)


def _save_checked(unit: OrgUnit, short_name_taken: bool) -> None:
    """Save the unit; a short name that another unit has (a dissolved one too) is a field error, not a crash."""
    if short_name_taken:
        raise ValidationError({"short_name": _short_name_taken(unit.short_name)})
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as error:  # another request took the short name just now
        raise ValidationError({"short_name": _short_name_taken(unit.short_name)}) from error


def _short_name_taken(short_name: str) -> str:
    return _("Another unit (perhaps a dissolved one) has the short name “%(short_name)s” already.") % {
        "short_name": short_name
    }


def _taken(short_name: str, exclude_pk: int | None = None) -> bool:
    return OrgUnit.objects.filter(short_name__iexact=short_name).exclude(pk=exclude_pk).exists()


def create_unit(user: AbstractBaseUser, *, parent: OrgUnit | None = None, **fields: Unpack[UnitFields]) -> OrgUnit:
    """A new unit below `parent` (None: a top unit such as a directorate)."""
    require(user, "organisation.manage_units")
    with transaction.atomic():
        if parent is not None:
            parent = OrgUnit.objects.select_for_update().get(pk=parent.pk)  # waits for a dissolution under way
            _refuse_dissolved(parent, "parent")
        unit = OrgUnit(parent=parent, **fields)
        _save_checked(unit, _taken(unit.short_name))
        audit.record(user, "organisation.unit.create", unit, audit.diff({}, _snapshot(unit)))
    return unit


def update_unit(user: AbstractBaseUser, unit: OrgUnit, *, version: str = "", **fields: Unpack[UnitFields]) -> OrgUnit:
    """Rename a unit, change its kind or its contact data (only the fields given). `version` is the form's
    token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "organisation.manage_units")
    return _update(user, unit, fields, version)


def update_unit_contact(
    user: AbstractBaseUser, unit: OrgUnit, *, version: str = "", **contact: Unpack[UnitContact]
) -> OrgUnit:
    """Change a unit's public contact data: city-wide staff, or the lead of the unit or of a unit above it."""
    require(user, "organisation.change_unit_contact", unit)
    unknown = set(contact) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"not contact fields: {sorted(unknown)}")
    return _update(user, unit, contact, version)


def _update(user: AbstractBaseUser, unit: OrgUnit, fields: dict, version: str = "") -> OrgUnit:
    with transaction.atomic():
        locked = OrgUnit.objects.get(pk=unit.pk)
        check_version(locked, version)
        _refuse_dissolved(locked)
        before = _snapshot(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        taken = "short_name" in fields and _taken(locked.short_name, locked.pk)
        _save_checked(locked, taken)
        audit.record(user, "organisation.unit.update", locked, audit.diff(before, _snapshot(locked)))
    _refresh(unit, locked)
    return unit


def _refresh(unit: OrgUnit, fresh: OrgUnit) -> None:
    for name in [*UNIT_FIELDS, "parent_id", "dissolved_at", "successor_id"]:
        setattr(unit, name, getattr(fresh, name))
    for cached in ("parent", "successor"):
        unit._state.fields_cache.pop(cached, None)


def _lock_tree() -> dict[int, OrgUnit]:
    """Lock every unit row in primary-key order and return the units as they are now."""
    return {u.pk: u for u in OrgUnit.objects.select_for_update().order_by("pk")}


def _below(units: dict[int, OrgUnit], root_id: int) -> set[int]:
    """The unit and every unit below it, from the locked rows."""
    children: dict[int | None, list[int]] = {}
    for u in units.values():
        children.setdefault(u.parent_id, []).append(u.pk)
    found, frontier = {root_id}, [root_id]
    while frontier:
        frontier = [c for pk in frontier for c in children.get(pk, []) if c not in found]
        found.update(frontier)
    return found


def move_unit(user: AbstractBaseUser, unit: OrgUnit, *, parent: OrgUnit | None, version: str = "") -> OrgUnit:
    """Put a unit (with everything below it) under another parent, or at the top (None). `version` is the
    move form's token: a move from a stale form raises StaleEdit (core.versioning)."""
    require(user, "organisation.manage_units")
    with transaction.atomic():
        units = _lock_tree()
        locked = units[unit.pk]
        check_version(locked, version)
        _refuse_dissolved(locked)
        target = None
        if parent is not None:
            target = units.get(parent.pk)
            if target is None:
                raise ValidationError({"parent": _("The chosen unit no longer exists.")})
            _refuse_dissolved(target, "parent")
            if target.pk in _below(units, locked.pk):
                raise ValidationError(
                    {
                        "parent": _(
                            "%(unit)s cannot move below itself or below one of its own units (%(target)s): "
                            "the tree would become a circle."
                        )
                        % {"unit": locked.short_name, "target": target.short_name}
                    }
                )
        before = _snapshot(locked)
        locked.parent = target
        locked.save(update_fields=["parent"])
        audit.record(user, "organisation.unit.move", locked, audit.diff(before, _snapshot(locked)))
    _refresh(unit, locked)
    return unit


def dissolve_unit(user: AbstractBaseUser, unit: OrgUnit, *, successor: OrgUnit) -> dict[str, int]:
    """Dissolve a unit: its successor takes over everything that points at it (plans, events, staff, roles …,
    found through OrgUnit._meta.related_objects) and the units below it. The dissolved unit keeps its row, with
    the date and the successor, for the history. Returns {relation: number of rows taken over}."""
    require(user, "organisation.manage_units")
    with transaction.atomic():
        units = _lock_tree()
        locked = units[unit.pk]
        _refuse_dissolved(locked)
        heir = units.get(successor.pk) if successor is not None else None
        if heir is None:
            raise ValidationError({"successor": _("Please choose the unit that takes over.")})
        if heir.pk == locked.pk:
            raise ValidationError({"successor": _("A unit cannot be its own successor.")})
        if heir.dissolved_at is not None:
            raise ValidationError(
                {
                    "successor": _("%(unit)s has been dissolved itself; please choose a unit that exists.")
                    % {"unit": heir.short_name}
                }
            )
        if heir.pk in _below(units, locked.pk):
            raise ValidationError(
                {
                    "successor": _(
                        "%(successor)s is below %(unit)s and would be dissolved with it; "
                        "please choose a unit outside it."
                    )
                    % {"successor": heir.short_name, "unit": locked.short_name}
                }
            )
        taken_over = _hand_over(locked, heir)
        before = _snapshot(locked)
        locked.dissolved_at, locked.successor = timezone.now(), heir
        locked.save(update_fields=["dissolved_at", "successor"])
        changes = audit.diff(before, _snapshot(locked))
        audit.record(user, "organisation.unit.dissolve", locked, {**changes, "taken_over": taken_over})
        audit.record(user, "organisation.unit.take_over", heir, {"from": str(locked), "taken_over": taken_over})
    _refresh(unit, locked)
    return taken_over


def _hand_over(unit: OrgUnit, successor: OrgUnit) -> dict[str, int]:
    """Point every row that points at `unit` at `successor`, except the records of the past (queries.KEPT_FOR_HISTORY);
    {"app.model.field": rows} of those moved."""
    moved = {}
    for rel in relations_taken_over():
        model, name = rel.related_model, rel.field.name
        if rel.many_to_many:
            through = rel.field.remote_field.through
            target, source = rel.field.m2m_reverse_field_name(), rel.field.m2m_field_name()
            rows = through._base_manager.filter(**{target: unit})
            has_both = through._base_manager.filter(**{target: successor}).values(source)
            rows.filter(**{f"{source}__in": has_both}).delete()  # already linked to the successor
            count = rows.update(**{target: successor})
        else:
            rows = model._base_manager.filter(**{name: unit})
            if model is OrgUnit:
                rows = rows.filter(dissolved_at__isnull=True)
            count = rows.update(**{name: successor})
        if count:
            moved[f"{model._meta.label_lower}.{name}"] = count
    return moved


# --- District councils ------------------------------------------------------------------------------


class CouncilFields(TypedDict, total=False):
    name: str
    chair: str
    email: str
    phone: str
    website: str
    meetings: str


COUNCIL_FIELDS = list(CouncilFields.__annotations__)


def _council(district: District) -> DistrictCouncil | None:
    return DistrictCouncil.objects.filter(district=district).first()


# What the council form's version covers (core.versioning): the council's fields, read through the district,
# whose row is the one locked (so that also two first saves make one council).
COUNCIL_VERSION = {name: Derived.field_of(_council, name) for name in COUNCIL_FIELDS}


def update_council(
    user: AbstractBaseUser, district: District, *, version: str = "", **fields: Unpack[CouncilFields]
) -> DistrictCouncil:
    """Save the public data of a district's council (created on its first save). `version` is the form's
    token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "organisation.manage_districts", district)
    with transaction.atomic():
        check_version(district, version, extra=COUNCIL_VERSION)
        council = DistrictCouncil.objects.select_for_update().filter(district=district).first()
        before = audit.snapshot(council, COUNCIL_FIELDS) if council else {}
        if council is None:
            council = DistrictCouncil(district=district)
        for name, value in fields.items():
            setattr(council, name, value)
        council.save()
        audit.record(
            user, "organisation.council.update", council, audit.diff(before, audit.snapshot(council, COUNCIL_FIELDS))
        )
    return council
