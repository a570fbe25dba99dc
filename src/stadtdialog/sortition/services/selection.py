"""Writes of the selection: quotas, the published lottery, the draw, replacements.

Every computation comes from the pure algorithm package: feasibility, LEXIMIN, LEGACY,
statistics, the rounding to a uniform lottery with its k/m guarantee, the published document
with its SHA-256, the draw rule and the replacement search. This module only turns the database
state into the package's `Instance` (respondent ids are pseudonyms, features and values their
keys) and stores and records the results. Selection runs are requested and computed in
`services.runs` (by the task worker). The web page, `manage.py verify_draw` and
`python -m stadtdialog.sortition verify` all read the same document with the same rule.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from typing import TYPE_CHECKING

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.core.audit import record
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import check_version

from ..algorithm.errors import InfeasibleQuotas, InvalidInput, InvalidLottery, NoReplacement, SortitionError
from ..algorithm.feasibility import check_feasibility
from ..algorithm.lottery import build_lottery, canonical_json, publish
from ..algorithm.lottery import recompute_draw as package_recompute_draw
from ..algorithm.model import Quota as AlgoQuota
from ..algorithm.model import Respondent as AlgoRespondent
from ..algorithm.model import make_instance, validate_quotas
from ..algorithm.panel_mip import Types
from ..algorithm.replacement import pick_replacement
from ..models import (
    Draw,
    FeatureValue,
    PublishedLottery,
    Quota,
    Replacement,
    Respondent,
    SelectionRun,
    Sortition,
)
from ..versions import QUOTA_VERSION
from .register import RUN, State, require_state, set_state

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User

    from ..algorithm.model import Instance


# Quotas ------------------------------------------------------------------------------------


def proposed_quotas(sortition: Sortition, tolerance: int = 1) -> dict[int, tuple[int, int]]:
    """Per feature value: round(share × k) ± tolerance, clipped to 0…k (shares in percent)."""
    k = sortition.panel_size
    result = {}
    for value in FeatureValue.objects.filter(feature__sortition=sortition):
        target = round(float(value.population_share) * k / 100)
        result[value.pk] = (max(0, target - tolerance), min(k, target + tolerance))
    return result


@transaction.atomic
def set_quotas(actor: User, sortition: Sortition, bounds: dict[int, tuple[int, int]], *, version: str = "") -> None:
    """Store min/max per feature value; raises ValidationError naming every bad quota. `version` is the form's
    token: quotas from a stale form raise StaleEdit (core.versioning)."""
    require(actor, RUN, sortition)
    check_version(sortition, version, extra=QUOTA_VERSION)
    require_state(sortition, State.SIGNUP_OPEN, State.QUOTAS_SET)
    values = list(FeatureValue.objects.filter(feature__sortition=sortition).select_related("feature"))
    missing = [v for v in values if v.pk not in bounds]
    if missing:
        raise ValidationError(_("Every answer needs a minimum and a maximum."))
    quotas = tuple(AlgoQuota(v.feature.key, v.key, bounds[v.pk][0], bounds[v.pk][1]) for v in values)
    issues = validate_quotas(quotas, sortition.panel_size)
    if issues:
        raise ValidationError([_describe_issue(sortition, issue) for issue in issues])
    before = {q.value_id: [q.minimum, q.maximum] for q in Quota.objects.filter(value__in=values)}
    Quota.objects.filter(value__in=values).delete()
    Quota.objects.bulk_create(Quota(value=v, minimum=bounds[v.pk][0], maximum=bounds[v.pk][1]) for v in values)
    after = {v.pk: list(bounds[v.pk]) for v in values}
    record(actor, "sortition.set_quotas", sortition, {"before": before, "after": after})
    set_state(actor, sortition, State.QUOTAS_SET)


def _describe_issue(sortition: Sortition, issue: object) -> str:
    """The algorithm's German message with feature keys replaced by their questions."""
    text = str(getattr(issue, "message", None) or issue)
    for feature in sortition.features.all():
        text = text.replace(f"'{feature.key}'", f"„{feature.name}“")
    return text


def pool(sortition: Sortition) -> list[Respondent]:
    """Respondents who can still be selected or are on the panel (not those who dropped out)."""
    return list(
        sortition.respondents.exclude(status=Respondent.Status.DROPPED)
        .prefetch_related("answers__feature", "answers__value")
        .order_by("pseudonym")
    )


def build_instance(sortition: Sortition, respondents: list[Respondent] | None = None) -> Instance:
    """The algorithm's Instance: respondent ids are pseudonyms, features and values their keys."""
    respondents = pool(sortition) if respondents is None else respondents
    quotas = [
        AlgoQuota(q.value.feature.key, q.value.key, q.minimum, q.maximum)
        for q in Quota.objects.filter(value__feature__sortition=sortition)
        .select_related("value__feature")
        .order_by("value__feature__position", "value__feature_id", "value__position", "value_id")
    ]
    people = [AlgoRespondent(r.pseudonym, {a.feature.key: a.value.key for a in r.answers.all()}) for r in respondents]
    return make_instance(people, quotas, sortition.panel_size)


def feasibility(sortition: Sortition) -> dict | None:
    """None if the pool can meet the quotas; else the message and the blocking feature/value."""
    features = {f.key: f for f in sortition.features.prefetch_related("values")}
    try:
        instance = build_instance(sortition)
        check_feasibility(instance)
    except InvalidInput as error:
        return {
            "message": "; ".join(_describe_issue(sortition, i) for i in error.issues),
            "feature": None,
            "value": None,
        }
    except InfeasibleQuotas as error:
        feature = features.get(error.feature)
        value = next((v for v in feature.values.all() if v.key == error.value), None) if feature else None
        return {"message": _describe_issue(sortition, error), "feature": feature, "value": value}
    return None


# Lottery and draw ----------------------------------------------------------------------------


@transaction.atomic
def publish_lottery(actor: User, sortition: Sortition, run: SelectionRun) -> PublishedLottery:
    """Round the run's distribution to m panels and publish them (pseudonymised) with a hash.

    The package's rounding moves no one's probability by more than k/m (it checks this itself)
    and `publish` gives the document the command line verifies: {"lottery": ..., "sha256": ...}.
    """
    require(actor, RUN, sortition)
    # Two coordinators may publish at the same moment: lock the row and read its state again (as draw_panel).
    sortition.state = Sortition.objects.select_for_update().values_list("state", flat=True).get(pk=sortition.pk)
    if sortition.state == State.LOTTERY_PUBLISHED or PublishedLottery.objects.filter(sortition=sortition).exists():
        raise ValidationError(_("The lottery has just been published already."), code="published")
    require_state(sortition, State.QUOTAS_SET)
    if run.sortition_id != sortition.pk or run.algorithm != SelectionRun.Algorithm.LEXIMIN:
        raise ValidationError(_("Only a LEXIMIN run of this sortition can be published."))
    if run.status != SelectionRun.Status.DONE:
        raise ValidationError(_("Only a finished computation can be published."))
    respondents = pool(sortition)
    pseudonyms = [r.pseudonym for r in respondents]
    if set(pseudonyms) != set(run.probabilities):
        raise ValidationError(_("The pool has changed since this run. Please compute the probabilities again."))
    position = {p: i for i, p in enumerate(pseudonyms)}
    panels = [frozenset(position[p] for p in panel) for panel in run.panels]
    k, m = sortition.panel_size, sortition.lottery_size
    try:
        types_of = Types(build_instance(sortition, respondents)).of  # same features, same type
        tickets = build_lottery(len(pseudonyms), k, panels, np.asarray(run.weights, dtype=float), m, types_of)
    except SortitionError as error:
        raise ValidationError(_("The computation failed: %(detail)s") % {"detail": error}) from error
    published = publish(tickets, pseudonyms, k)
    lottery = PublishedLottery.objects.create(
        sortition=sortition,
        run=run,
        document=canonical_json(published).decode(),
        sha256=published["sha256"],
        published_at=timezone.now(),
        published_by=actor,
    )
    record(actor, "sortition.publish_lottery", sortition, {"run": run.pk, "sha256": lottery.sha256, "m": m})
    set_state(actor, sortition, State.LOTTERY_PUBLISHED)
    return lottery


def check_public_number(text: str) -> str:
    """The public random number as typed, stripped; it must contain digits.

    The draw itself uses the package's rule: all whitespace removed, so „4 - 17 - 23“ and
    „4-17-23“ give the same panel.
    """
    if not re.search(r"\d", text or ""):
        raise ValidationError(_("The public random number must contain digits."))
    return text.strip()


def recompute_draw(document: str, public_number: str) -> tuple[int, list[str], str]:
    """Panel number, members and SHA-256 of the lottery for a published document.

    The same as `python -m stadtdialog.sortition verify --lottery <file> --number <n>`.
    """
    public_number = check_public_number(public_number)
    try:
        data = json.loads(document)
        digest = hashlib.sha256(canonical_json(data["lottery"])).hexdigest()
    except (ValueError, KeyError, TypeError) as error:
        raise ValidationError(_("The published lottery could not be read.")) from error
    stated = data.get("sha256")
    if stated is not None and stated != digest:
        raise ValidationError(
            _(
                "The document has been changed: the SHA-256 hash of its panels is %(computed)s, "
                "but the document states %(stated)s."
            )
            % {"computed": digest, "stated": stated}
        )
    try:
        number, members = package_recompute_draw(data, public_number)
    except InvalidLottery as error:
        raise ValidationError(_("The published lottery could not be read: %(detail)s") % {"detail": error}) from error
    return number, sorted(members), digest


def check_draw(document: str, public_number: str, lottery: PublishedLottery | None, draw: Draw | None) -> dict:
    """What the verification page shows: the recomputed panel and whether it matches."""
    number, members, digest = recompute_draw(document, public_number)
    return {
        "index": number,
        "members": members,
        "sha256": digest,
        "matches_published": lottery is not None and digest == lottery.sha256,
        "matches_draw": draw is not None and number == draw.panel_index and members == sorted(draw.members),
    }


@transaction.atomic
def draw_panel(actor: User, sortition: Sortition, public_number: str) -> Draw:
    require(actor, RUN, sortition)
    # Two coordinators may draw at the same moment: the sortition row is locked and its state read again, so
    # the second one waits and is then told that the panel has just been drawn (not an IntegrityError).
    locked = Sortition.objects.select_for_update().get(pk=sortition.pk)
    sortition.state = locked.state
    if locked.state == State.DRAWN or Draw.objects.filter(sortition=sortition).exists():
        raise ValidationError(_("The panel has just been drawn already."), code="drawn")
    require_state(sortition, State.LOTTERY_PUBLISHED)
    lottery = sortition.lottery
    number, members, digest = recompute_draw(lottery.document, public_number)
    if digest != lottery.sha256:
        raise ValidationError(_("The stored lottery does not match its published hash."))
    draw = Draw.objects.create(
        sortition=sortition,
        lottery=lottery,
        public_number=check_public_number(public_number),
        panel_index=number,
        members=members,
        drawn_at=timezone.now(),
        drawn_by=actor,
    )
    updated = sortition.respondents.filter(pseudonym__in=members).update(status=Respondent.Status.SELECTED)
    if updated != len(members):
        raise ValidationError(_("The drawn panel names people who are no longer in the pool."))
    record(
        actor, "sortition.draw", sortition, {"public_number": draw.public_number, "panel": number, "members": members}
    )
    set_state(actor, sortition, State.DRAWN)
    return draw


# After the draw ------------------------------------------------------------------------------


@transaction.atomic
def replace_member(actor: User, sortition: Sortition, member: Respondent, reason: str) -> Replacement:
    """A panel member drops out; a replacement drawn uniformly from everyone who keeps every quota.

    The seed of the choice is recorded in the audit entry, so the choice can be repeated.
    """
    require(actor, RUN, sortition)
    require_state(sortition, State.DRAWN)
    if member.sortition_id != sortition.pk or member.status != Respondent.Status.SELECTED:
        raise ValidationError(_("Only a current panel member can be replaced."))
    respondents = pool(sortition)
    instance = build_instance(sortition, respondents)
    index = {r.pseudonym: i for i, r in enumerate(respondents)}
    panel = frozenset(index[r.pseudonym] for r in respondents if r.status == Respondent.Status.SELECTED)
    seed = secrets.randbits(63)
    try:
        chosen = pick_replacement(instance, panel, index[member.pseudonym], seed)
    except NoReplacement as error:
        raise ValidationError(_("No one in the pool can replace this member without breaking a quota.")) from error
    replacement = respondents[chosen]
    member.status = Respondent.Status.DROPPED
    member.save(update_fields=["status", "updated_at"])
    replacement.status = Respondent.Status.SELECTED
    replacement.save(update_fields=["status", "updated_at"])
    try:
        entry = Replacement.objects.create(
            sortition=sortition, dropped=member, replacement=replacement, reason=reason, created_by=actor
        )
    except IntegrityError as error:  # pragma: no cover - guarded by the status checks above
        raise ValidationError(_("This member has already been replaced.")) from error
    record(
        actor,
        "sortition.replace",
        sortition,
        {"dropped": member.pseudonym, "replacement": replacement.pseudonym, "reason": reason, "seed": str(seed)},
    )
    return entry


@transaction.atomic
def end_sortition(actor: User, sortition: Sortition) -> None:
    require(actor, RUN, sortition)
    require_state(sortition, State.DRAWN)
    set_state(actor, sortition, State.ENDED)
