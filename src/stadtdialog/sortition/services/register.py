"""Writes of the setup and of the pool: the sortition itself, stage one (register extract and
invitation sample), stage two (features and sign-up), and the deletion of personal data.

Every write checks the permission, runs in a transaction and records an audit entry. The
invitation sample comes from the algorithm package (`sampling.stage_one_sample`).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core.audit import diff, record, snapshot
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version

from ..algorithm.sampling import stage_one_sample
from ..forms import parse_register_csv
from ..models import (
    CODE_ALPHABET,
    Feature,
    FeatureValue,
    RegisterEntry,
    Respondent,
    RespondentValue,
    Sortition,
    new_response_code,
)

if TYPE_CHECKING:
    from django.db.models import Model

    from stadtdialog.accounts.models import User

State = Sortition.State
RUN = "sortition.run_sortition"


def require_state(sortition: Sortition, *states: str) -> None:
    if sortition.state not in states:
        raise ValidationError(
            _("This step is not possible while the sortition is in the state “%(state)s”.")
            % {"state": sortition.get_state_display()}
        )


def set_state(actor: User, sortition: Sortition, state: str) -> None:
    if sortition.state != state:
        record(actor, "sortition.state", sortition, {"state": [sortition.state, state]})
        sortition.state = state
        sortition.save(update_fields=["state", "updated_at"])


def parse_seed(text: str | int | None) -> int:
    """A seed as typed (digits) as an integer; empty gives a new random seed."""
    text = str(text if text is not None else "").strip()
    if not text:
        return secrets.randbits(63)
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise ValidationError(_("The seed must be a whole number with at most 18 digits, e.g. 4711."), code="seed")
    return int(text)


# Setup -------------------------------------------------------------------------------------


class SortitionFields(TypedDict, total=False):
    """The keyword arguments of create_sortition and update_sortition, as SortitionForm checked them;
    update_sortition changes only the ones given."""

    title: str
    description: str
    process: Model | None  # a processes.Process (sortition does not import processes)
    panel_size: int
    lottery_size: int
    one_per_household: bool
    purge_after: datetime.date | None


@transaction.atomic
def create_sortition(actor: User, **fields: Unpack[SortitionFields]) -> Sortition:
    """A new sortition in the setup state."""
    require(actor, RUN)
    sortition = Sortition(created_by=actor, **fields)
    sortition.save()
    record(actor, "sortition.create", sortition, diff({}, snapshot(sortition)))
    return sortition


@transaction.atomic
def update_sortition(
    actor: User, sortition: Sortition, *, version: str = "", **fields: Unpack[SortitionFields]
) -> Sortition:
    """Change the given fields; the panel size stays fixed once the lottery is published. `version` is the
    form's token: a save from a stale form raises StaleEdit (core.versioning)."""
    require(actor, RUN, sortition)
    check_version(sortition, version)
    before = snapshot(sortition)
    if (
        "panel_size" in fields
        and fields["panel_size"] != sortition.panel_size
        and sortition.reached(State.LOTTERY_PUBLISHED)
    ):
        raise ValidationError(_("The panel size cannot change after the lottery is published."))
    for name, value in fields.items():
        setattr(sortition, name, value)
    sortition.save()
    record(actor, "sortition.update", sortition, diff(before, snapshot(sortition)))
    return sortition


def household_key(street: str, house_number: str, address_extra: str, postcode: str) -> str:
    """The same address gives the same key, whatever the spelling of spaces and case."""
    text = "|".join(" ".join(part.casefold().split()) for part in (street, house_number, address_extra, postcode))
    text = text.replace("straße", "str.").replace("strasse", "str.")
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# Stage one: register extract and invitations -----------------------------------------------


@transaction.atomic
def import_register(actor: User, sortition: Sortition, data: bytes) -> int:
    """Replace the register extract with the rows of a CSV file; nothing is imported on errors.

    Raises forms.RegisterImportError listing every bad row with line and column.
    """
    require(actor, RUN, sortition)
    require_state(sortition, State.SETUP)
    rows = parse_register_csv(data)
    removed = sortition.register_entries.count()
    sortition.register_entries.all().delete()
    RegisterEntry.objects.bulk_create(
        RegisterEntry(
            sortition=sortition,
            line=row["line"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            street=f"{row['street']} {row['house_number']}",
            address_extra=row.get("address_extra", ""),
            postcode=row["postcode"],
            city=row["city"],
            district=row["district"],
            household_key=household_key(
                row["street"], row["house_number"], row.get("address_extra", ""), row["postcode"]
            ),
        )
        for row in rows
    )
    record(actor, "sortition.import_register", sortition, {"rows": len(rows), "replaced": removed})
    return len(rows)


def _unique_codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        wanted = count - len(codes)
        fresh = {new_response_code() for _ in range(wanted)}
        taken = set(RegisterEntry.objects.filter(response_code__in=fresh).values_list("response_code", flat=True))
        codes |= fresh - taken
    return sorted(codes)


@transaction.atomic
def draw_invitations(
    actor: User, sortition: Sortition, count: int, stratify: bool = False, seed: str | int = ""
) -> list[RegisterEntry]:
    """Draw the invitation sample from the register extract with a recorded seed.

    The same register, count, stratification and seed always give the same sample
    (`stage_one_sample` of the algorithm package, proportional per district when stratified).
    """
    require(actor, RUN, sortition)
    require_state(sortition, State.SETUP)
    entries = list(sortition.register_entries.order_by("line").select_related("district"))
    if count > len(entries):
        raise ValidationError(
            _("The register extract has only %(n)s people; %(count)s invitations are not possible.")
            % {"n": len(entries), "count": count}
        )
    seed = parse_seed(seed)
    stratum = (lambda e: e.district.number if e.district else 0) if stratify else None
    invited = sorted(stage_one_sample(entries, count, seed, stratum), key=lambda e: e.line)
    now = timezone.now()
    codes = _unique_codes(len(invited))
    for entry, code in zip(invited, codes):
        entry.invited_at = now
        entry.response_code = code
    RegisterEntry.objects.bulk_update(invited, ["invited_at", "response_code"])
    sortition.seed = str(seed)
    sortition.stratify_by_district = stratify
    sortition.save(update_fields=["seed", "stratify_by_district", "updated_at"])
    record(
        actor,
        "sortition.draw_invitations",
        sortition,
        {"count": count, "seed": str(seed), "stratify_by_district": stratify, "lines": [e.line for e in invited]},
    )
    set_state(actor, sortition, State.INVITATIONS_SENT)
    return invited


# Stage two: features and sign-up -----------------------------------------------------------


@transaction.atomic
def add_feature(
    actor: User, sortition: Sortition, key: str, name: str, values: list[tuple[str, str, float]]
) -> Feature:
    require(actor, RUN, sortition)
    if sortition.reached(State.SIGNUP_OPEN):
        raise ValidationError(_("Features cannot change once sign-up is open."))
    position = sortition.features.count()
    feature = Feature.objects.create(sortition=sortition, key=key, name=name, position=position)
    FeatureValue.objects.bulk_create(
        FeatureValue(feature=feature, key=k, label=label, population_share=share, position=i)
        for i, (k, label, share) in enumerate(values)
    )
    record(actor, "sortition.add_feature", sortition, {"feature": key, "values": [v[0] for v in values]})
    return feature


@transaction.atomic
def delete_feature(actor: User, feature: Feature) -> None:
    sortition = feature.sortition
    require(actor, RUN, sortition)
    if sortition.reached(State.SIGNUP_OPEN):
        raise ValidationError(_("Features cannot change once sign-up is open."))
    record(actor, "sortition.delete_feature", sortition, {"feature": feature.key})
    feature.delete()


@transaction.atomic
def open_signup(actor: User, sortition: Sortition) -> None:
    require(actor, RUN, sortition)
    require_state(sortition, State.INVITATIONS_SENT)
    if not sortition.features.exists():
        raise ValidationError(_("Add at least one feature before sign-up opens."))
    set_state(actor, sortition, State.SIGNUP_OPEN)


def _new_pseudonym(sortition: Sortition) -> str:
    while True:
        pseudonym = "P-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not sortition.respondents.filter(pseudonym=pseudonym).exists():
            return pseudonym


@transaction.atomic
def sign_up(
    sortition: Sortition,
    code: str,
    answers: dict[str, str],
    *,
    email: str = "",
    phone: str = "",
    actor: User | None = None,
    paper: bool = False,
) -> Respondent:
    """A person answers with their response code (online, or staff enter a paper reply)."""
    if paper:
        require(actor, RUN, sortition)
        allowed = (State.SIGNUP_OPEN, State.QUOTAS_SET)
    else:
        allowed = (State.SIGNUP_OPEN,)
    if sortition.state not in allowed:
        raise ValidationError(_("Sign-up for this panel is closed."))
    entry = (
        RegisterEntry.objects.select_for_update()
        .filter(sortition=sortition, response_code=code, invited_at__isnull=False, purged_at__isnull=True)
        .first()
    )
    if entry is None:
        raise ValidationError(_("This response code is not valid. Please check it against your letter."), code="code")
    if Respondent.objects.filter(register_entry=entry).exists():
        raise ValidationError(_("This response code has already been used."), code="code")
    if sortition.one_per_household and sortition.respondents.filter(household_key=entry.household_key).exists():
        raise ValidationError(
            _("Someone from your household has already signed up. Only one person per household can take part."),
            code="household",
        )
    features = list(sortition.features.prefetch_related("values"))
    chosen = []
    for feature in features:
        value = next((v for v in feature.values.all() if v.key == answers.get(feature.key)), None)
        if value is None:
            raise ValidationError(_("Please answer the question “%(question)s”.") % {"question": feature.name})
        chosen.append((feature, value))
    respondent = Respondent.objects.create(
        sortition=sortition,
        register_entry=entry,
        pseudonym=_new_pseudonym(sortition),
        email=email,
        phone=phone,
        household_key=entry.household_key,
        source=Respondent.Source.PAPER if paper else Respondent.Source.ONLINE,
        consent_at=timezone.now(),
    )
    RespondentValue.objects.bulk_create(RespondentValue(respondent=respondent, feature=f, value=v) for f, v in chosen)
    record(
        actor,
        "sortition.sign_up",
        respondent,
        {"source": respondent.source, "answers": {f.key: v.key for f, v in chosen}},
    )
    return respondent


# Deletion of personal data -----------------------------------------------------------------------


@transaction.atomic
def purge_personal_data(actor: User, sortition: Sortition) -> dict:
    """Delete names, addresses and contact data of the register extract and of everyone not on the panel,
    and the invitation letters with their file.

    Pseudonyms, answers, the published lottery and the draw stay, so the draw remains checkable.
    """
    from .letters import delete_letters

    now = timezone.now()
    letters_file = delete_letters(sortition)
    entries = sortition.register_entries.filter(purged_at__isnull=True).update(
        first_name="",
        last_name="",
        street="",
        address_extra="",
        postcode="",
        city="",
        household_key="",
        purged_at=now,
    )
    respondents = sortition.respondents.exclude(status=Respondent.Status.SELECTED).update(
        email="", phone="", household_key=""
    )
    sortition.purged_at = now
    sortition.save(update_fields=["purged_at", "updated_at"])
    counts = {"register_entries": entries, "respondents": respondents, "letters_file": letters_file}
    record(actor, "sortition.purge", sortition, counts)
    return counts


def purge_due(today: datetime.date | None = None) -> list[Sortition]:
    """Purge every sortition whose deletion date has passed (run daily by a command)."""
    today = today or timezone.localdate()
    due = list(Sortition.objects.filter(purge_after__lt=today, purged_at__isnull=True))
    for sortition in due:
        purge_personal_data(None, sortition)
    return due
