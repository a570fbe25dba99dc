"""Writes of the district management (the concerns have services_concerns.py): the district profile, networks,
monitoring notes, directory entries and the indicator import. Every write checks permission, runs in one
transaction and leaves an audit entry; an update locks its row first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core import audit
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import Derived, check_version
from stadtdialog.organisation.models import District, Quarter

from . import indicator_import, queries
from .models import ContactPoint, DistrictProfile, Indicator, IndicatorValue, MonitoringNote, Network

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

PROFILE_FIELDS = ["introduction", "office_address", "office_hours", "concern_how", "photo", "photo_alt"]
NETWORK_FIELDS = ["kind", "name", "topics", "contact", "meeting_rhythm", "quarter", "is_published"]
NOTE_FIELDS = ["kind", "title", "text", "is_public"]
CONTACT_POINT_FIELDS = [
    "district",
    "kind",
    "name",
    "topics",
    "description",
    "description_easy",
    "org_unit",
    "address",
    "phone",
    "email",
    "website",
    "opening_hours",
    "accessibility",
    "person_name",
    "person_account",
    "person_agreed",
    "is_published",
]


def _apply(obj: object, fields: list[str], data: dict) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


# -- the profile ----------------------------------------------------------------------------------------


def _profile(district: District) -> DistrictProfile | None:
    return DistrictProfile.objects.filter(district=district).first()


# What the profile form's version covers (core.versioning): the profile's fields, read through the district, whose
# row is the one locked (so that also two first saves make one profile).
PROFILE_VERSION = {name: Derived.field_of(_profile, name) for name in PROFILE_FIELDS}


def save_profile(user: User, district: District, data: dict, *, version: str = "") -> DistrictProfile:
    """Save what the district page says about the district management; a photo needs its description. `version`
    is the form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "districts.change_district", district)
    with transaction.atomic():
        check_version(district, version, extra=PROFILE_VERSION)  # locks the district: one profile, also at once
        profile = DistrictProfile.objects.select_for_update().filter(district=district).first()
        created = profile is None
        profile = profile or DistrictProfile(district=district)
        before = {} if created else audit.snapshot(profile, PROFILE_FIELDS)
        if data.get("remove_photo"):
            data = {**data, "photo": ""}
        elif not data.get("photo"):
            data = {key: value for key, value in data.items() if key != "photo"}
        _apply(profile, PROFILE_FIELDS, data)
        if profile.photo and not profile.photo_alt:
            raise ValidationError({"photo_alt": _("Please describe the photo for people who cannot see it.")})
        profile.save()
        audit.record(
            user,
            "district_profile.create" if created else "district_profile.update",
            profile,
            audit.diff(before, audit.snapshot(profile, PROFILE_FIELDS)),
        )
    return profile


# -- networks -------------------------------------------------------------------------------------------


def _check_quarter(district: District, quarter: Quarter | None) -> None:
    if quarter is not None and quarter.district_id != district.pk:
        raise ValidationError({"quarter": _("The quarter does not lie in this district.")})


def create_network(user: User, district: District, data: dict) -> Network:
    require(user, "districts.change_district", district)
    network = Network(district=district)
    _apply(network, NETWORK_FIELDS, data)
    _check_quarter(district, network.quarter)
    with transaction.atomic():
        network.save()
        audit.record(user, "network.create", network, audit.diff({}, audit.snapshot(network, NETWORK_FIELDS)))
    return network


def update_network(user: User, network: Network, data: dict, *, version: str = "") -> Network:
    """`version` is the form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "districts.change_district", network)
    with transaction.atomic():
        check_version(network, version)  # locks and re-reads the row
        before = audit.snapshot(network, NETWORK_FIELDS)
        _apply(network, NETWORK_FIELDS, data)
        _check_quarter(network.district, network.quarter)
        network.save()
        audit.record(user, "network.update", network, audit.diff(before, audit.snapshot(network, NETWORK_FIELDS)))
    return network


def delete_network(user: User, network: Network) -> None:
    require(user, "districts.change_district", network)
    with transaction.atomic():
        audit.record(user, "network.delete", network, audit.diff(audit.snapshot(network, NETWORK_FIELDS), {}))
        network.delete()


# -- monitoring notes -----------------------------------------------------------------------------------


def create_note(user: User, district: District, data: dict) -> MonitoringNote:
    require(user, "districts.change_district", district)
    note = MonitoringNote(district=district)
    _apply(note, NOTE_FIELDS, data)
    with transaction.atomic():
        note.save()
        audit.record(user, "monitoring_note.create", note, audit.diff({}, audit.snapshot(note, NOTE_FIELDS)))
    return note


def update_note(user: User, note: MonitoringNote, data: dict, *, version: str = "") -> MonitoringNote:
    """`version` is the form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "districts.change_district", note)
    with transaction.atomic():
        check_version(note, version)  # locks and re-reads the row
        before = audit.snapshot(note, NOTE_FIELDS)
        _apply(note, NOTE_FIELDS, data)
        note.save()
        audit.record(user, "monitoring_note.update", note, audit.diff(before, audit.snapshot(note, NOTE_FIELDS)))
    return note


def delete_note(user: User, note: MonitoringNote) -> None:
    require(user, "districts.change_district", note)
    with transaction.atomic():
        audit.record(user, "monitoring_note.delete", note, audit.diff(audit.snapshot(note, NOTE_FIELDS), {}))
        note.delete()


# -- the directory --------------------------------------------------------------------------------------


def _check_person(point: ContactPoint) -> None:
    """A person is named only when they are staff (their account is given) or agreed to be listed."""
    if point.person_name and not (point.person_agreed or point.person_account_id):
        raise ValidationError(
            {
                "person_name": _(
                    "A person is named only when they are staff of the city (choose their account) or agreed to be "
                    "listed by name."
                )
            }
        )


def create_contact_point(user: User, data: dict) -> ContactPoint:
    point = ContactPoint()
    _apply(point, CONTACT_POINT_FIELDS, data)
    require(user, "districts.change_contact_point", point)
    _check_person(point)
    with transaction.atomic():
        point.save()
        audit.record(user, "contact_point.create", point, audit.diff({}, audit.snapshot(point, CONTACT_POINT_FIELDS)))
    return point


def update_contact_point(user: User, point: ContactPoint, data: dict, *, version: str = "") -> ContactPoint:
    """`version` is the form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(user, "districts.change_contact_point", point)
    with transaction.atomic():
        check_version(point, version)  # locks and re-reads the row
        before = audit.snapshot(point, CONTACT_POINT_FIELDS)
        _apply(point, CONTACT_POINT_FIELDS, data)
        require(user, "districts.change_contact_point", point)  # also for the district it moves to
        _check_person(point)
        point.save()
        audit.record(
            user, "contact_point.update", point, audit.diff(before, audit.snapshot(point, CONTACT_POINT_FIELDS))
        )
    return point


def delete_contact_point(user: User, point: ContactPoint) -> None:
    require(user, "districts.change_contact_point", point)
    with transaction.atomic():
        audit.record(user, "contact_point.delete", point, audit.diff(audit.snapshot(point, CONTACT_POINT_FIELDS), {}))
        point.delete()


# -- the indicator import -------------------------------------------------------------------------------


def _lookups() -> tuple[dict, dict, dict]:
    districts = dict(District.objects.values_list("number", "id"))
    quarters: dict[str, tuple[int, int]] = {}
    for pk, name, slug, district_id in Quarter.objects.values_list("id", "name", "slug", "district_id"):
        quarters[name.casefold()] = quarters[slug.casefold()] = (pk, district_id)
    indicators = {code: (name, unit) for code, name, unit in Indicator.objects.values_list("code", "name", "unit")}
    return districts, quarters, indicators


def import_indicators(user: User | None, data: bytes | str, district: District | None = None) -> int:
    """Import the indicator values of a CSV file (format: indicator_import); with `district`, only that district's
    and its quarters' values. Every bad line is named (ValidationError on "file"), nothing is imported until all
    lines are good. `user` None is the command line. Returns the number of values imported."""
    if user is not None:
        if district is None:
            require(user, "districts.import_indicators")
        else:
            require(user, "districts.change_district", district)
    districts, quarters, indicators = _lookups()
    try:
        rows = indicator_import.parse(
            data, districts, quarters, indicators, only_district=district.pk if district else None
        )
    except indicator_import.BadImportFile as error:
        raise ValidationError({"file": error.messages}) from error
    with transaction.atomic():
        # One import at a time: the district rows are locked in a fixed order (new indicators and values are unique).
        list(District.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
        known = {i.code: i for i in Indicator.objects.select_for_update().filter(code__in={r.code for r in rows})}
        for row in rows:
            if row.code not in known:
                known[row.code] = Indicator.objects.create(
                    code=row.code, name=row.name, unit=row.unit, position=100 + len(known)
                )
        existing = {
            (v.indicator_id, v.district_id, v.quarter_id, v.year): v
            for v in IndicatorValue.objects.select_for_update().filter(indicator__in=known.values())
        }
        new, changed, counts = [], [], {}
        for row in rows:
            indicator = known[row.code]
            value = existing.get((indicator.pk, row.district_id, row.quarter_id, row.year))
            if value is None:
                new.append(
                    IndicatorValue(
                        indicator=indicator,
                        district_id=row.district_id,
                        quarter_id=row.quarter_id,
                        year=row.year,
                        value=row.value,
                        source=row.source,
                    )
                )
            else:
                value.value, value.source, value.updated_at = row.value, row.source, timezone.now()
                changed.append(value)
            counts[row.code] = counts.get(row.code, 0) + 1
        IndicatorValue.objects.bulk_create(new, batch_size=1000)
        IndicatorValue.objects.bulk_update(changed, ["value", "source", "updated_at"], batch_size=1000)
        for code, count in counts.items():
            audit.record(
                user,
                "indicator.import",
                known[code],
                {"values": [None, count], **({"district": [None, str(district)]} if district else {})},
            )
        transaction.on_commit(queries.invalidate)  # bulk writes send no signals
    return len(rows)
