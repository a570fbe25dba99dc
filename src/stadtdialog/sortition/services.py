"""Every write of the sortition app: permission, validation, transaction, audit entry.

The computations (feasibility, LEXIMIN, lottery, replacement) come from the pure algorithm
package; this module turns the database state into its `Instance` and stores the results.
"""

import hashlib
import json
import random
import re
import secrets
import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import require
from stadtdialog.core.audit import diff, record, snapshot

from .algorithm.errors import InfeasibleQuotas, InvalidInput, NoReplacement
from .algorithm.feasibility import check_feasibility
from .algorithm.leximin import find_leximin
from .algorithm.model import Quota as AlgoQuota
from .algorithm.model import Respondent as AlgoRespondent
from .algorithm.model import make_instance, panel_violations
from .forms import parse_register_csv
from .models import (
    CODE_ALPHABET,
    Draw,
    Feature,
    FeatureValue,
    PublishedLottery,
    Quota,
    RegisterEntry,
    Replacement,
    Respondent,
    RespondentValue,
    SelectionRun,
    Sortition,
    new_response_code,
)

State = Sortition.State
RUN = "sortition.run_sortition"


def _require_state(sortition: Sortition, *states: str) -> None:
    if sortition.state not in states:
        raise ValidationError(
            _("This step is not possible while the sortition is in the state “%(state)s”.")
            % {"state": sortition.get_state_display()}
        )


def _set_state(actor, sortition: Sortition, state: str) -> None:
    if sortition.state != state:
        record(actor, "sortition.state", sortition, {"state": [sortition.state, state]})
        sortition.state = state
        sortition.save(update_fields=["state", "updated_at"])


# Setup -------------------------------------------------------------------------------------


@transaction.atomic
def create_sortition(actor, **fields) -> Sortition:
    require(actor, RUN)
    sortition = Sortition(created_by=actor, **fields)
    sortition.full_clean()
    sortition.save()
    record(actor, "sortition.create", sortition, diff({}, snapshot(sortition)))
    return sortition


@transaction.atomic
def update_sortition(actor, sortition: Sortition, **fields) -> Sortition:
    require(actor, RUN, sortition)
    before = snapshot(sortition)
    if "panel_size" in fields and fields["panel_size"] != sortition.panel_size and sortition.reached(State.LOTTERY_PUBLISHED):
        raise ValidationError(_("The panel size cannot change after the lottery is published."))
    for name, value in fields.items():
        setattr(sortition, name, value)
    sortition.full_clean()
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
def import_register(actor, sortition: Sortition, data: bytes) -> int:
    """Replace the register extract with the rows of a CSV file; nothing is imported on errors.

    Raises forms.RegisterImportError listing every bad row with line and column.
    """
    require(actor, RUN, sortition)
    _require_state(sortition, State.SETUP)
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
            household_key=household_key(row["street"], row["house_number"], row.get("address_extra", ""), row["postcode"]),
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
def draw_invitations(actor, sortition: Sortition, count: int, stratify: bool = False, seed: str = "") -> list[RegisterEntry]:
    """Draw the invitation sample from the register extract with a recorded seed.

    The same register, count, stratification and seed always give the same sample.
    """
    require(actor, RUN, sortition)
    _require_state(sortition, State.SETUP)
    entries = list(sortition.register_entries.order_by("line").select_related("district"))
    if count > len(entries):
        raise ValidationError(
            _("The register extract has only %(n)s people; %(count)s invitations are not possible.")
            % {"n": len(entries), "count": count}
        )
    seed = seed.strip() or str(secrets.randbits(63))
    strata = [e.district.number if (stratify and e.district) else 0 for e in entries]
    chosen = sample_invitations(strata, count, seed)
    invited = [entries[i] for i in sorted(chosen)]
    now = timezone.now()
    codes = _unique_codes(len(invited))
    for entry, code in zip(invited, codes):
        entry.invited_at = now
        entry.response_code = code
    RegisterEntry.objects.bulk_update(invited, ["invited_at", "response_code"])
    sortition.seed = seed
    sortition.stratify_by_district = stratify
    sortition.save(update_fields=["seed", "stratify_by_district", "updated_at"])
    record(
        actor, "sortition.draw_invitations", sortition,
        {"count": count, "seed": seed, "stratify_by_district": stratify, "lines": [e.line for e in invited]},
    )
    _set_state(actor, sortition, State.INVITATIONS_SENT)
    return invited


# Stage two: features and sign-up -----------------------------------------------------------


@transaction.atomic
def add_feature(actor, sortition: Sortition, key: str, name: str, values: list[tuple[str, str, float]]) -> Feature:
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
def delete_feature(actor, feature: Feature) -> None:
    sortition = feature.sortition
    require(actor, RUN, sortition)
    if sortition.reached(State.SIGNUP_OPEN):
        raise ValidationError(_("Features cannot change once sign-up is open."))
    record(actor, "sortition.delete_feature", sortition, {"feature": feature.key})
    feature.delete()


@transaction.atomic
def open_signup(actor, sortition: Sortition) -> None:
    require(actor, RUN, sortition)
    _require_state(sortition, State.INVITATIONS_SENT)
    if not sortition.features.exists():
        raise ValidationError(_("Add at least one feature before sign-up opens."))
    _set_state(actor, sortition, State.SIGNUP_OPEN)


def _new_pseudonym(sortition: Sortition) -> str:
    while True:
        pseudonym = "P-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not sortition.respondents.filter(pseudonym=pseudonym).exists():
            return pseudonym


@transaction.atomic
def sign_up(
    sortition: Sortition, code: str, answers: dict[str, str], *, email: str = "", phone: str = "",
    actor=None, paper: bool = False,
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
        actor, "sortition.sign_up", respondent,
        {"source": respondent.source, "answers": {f.key: v.key for f, v in chosen}},
    )
    return respondent


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
def set_quotas(actor, sortition: Sortition, bounds: dict[int, tuple[int, int]]) -> None:
    """Store min/max per feature value; raises ValidationError naming every bad quota."""
    require(actor, RUN, sortition)
    _require_state(sortition, State.SIGNUP_OPEN, State.QUOTAS_SET)
    values = list(FeatureValue.objects.filter(feature__sortition=sortition).select_related("feature"))
    missing = [v for v in values if v.pk not in bounds]
    if missing:
        raise ValidationError(_("Every answer needs a minimum and a maximum."))
    quotas = tuple(AlgoQuota(v.feature.key, v.key, bounds[v.pk][0], bounds[v.pk][1]) for v in values)
    from .algorithm.model import validate_quotas

    issues = validate_quotas(quotas, sortition.panel_size)
    if issues:
        raise ValidationError([_describe_issue(sortition, issue) for issue in issues])
    before = {q.value_id: [q.minimum, q.maximum] for q in Quota.objects.filter(value__in=values)}
    Quota.objects.filter(value__in=values).delete()
    Quota.objects.bulk_create(Quota(value=v, minimum=bounds[v.pk][0], maximum=bounds[v.pk][1]) for v in values)
    after = {v.pk: list(bounds[v.pk]) for v in values}
    record(actor, "sortition.set_quotas", sortition, {"before": before, "after": after})
    _set_state(actor, sortition, State.QUOTAS_SET)


def _describe_issue(sortition: Sortition, issue) -> str:
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


def build_instance(sortition: Sortition, respondents: list[Respondent] | None = None):
    """The algorithm's Instance: respondent ids are pseudonyms, features and values their keys."""
    respondents = pool(sortition) if respondents is None else respondents
    quotas = [
        AlgoQuota(q.value.feature.key, q.value.key, q.minimum, q.maximum)
        for q in Quota.objects.filter(value__feature__sortition=sortition)
        .select_related("value__feature")
        .order_by("value__feature__position", "value__feature_id", "value__position", "value_id")
    ]
    people = [
        AlgoRespondent(r.pseudonym, {a.feature.key: a.value.key for a in r.answers.all()}) for r in respondents
    ]
    return make_instance(people, quotas, sortition.panel_size)


def feasibility(sortition: Sortition) -> dict | None:
    """None if the pool can meet the quotas; else the message and the blocking feature/value."""
    features = {f.key: f for f in sortition.features.prefetch_related("values")}
    try:
        instance = build_instance(sortition)
        check_feasibility(instance)
    except InvalidInput as error:
        return {"message": "; ".join(_describe_issue(sortition, i) for i in error.issues), "feature": None, "value": None}
    except InfeasibleQuotas as error:
        feature = features.get(error.feature)
        value = next((v for v in feature.values.all() if v.key == error.value), None) if feature else None
        return {"message": _describe_issue(sortition, error), "feature": feature, "value": value}
    return None


# Selection, lottery and draw -----------------------------------------------------------------


@transaction.atomic
def run_selection(actor, sortition: Sortition, algorithm: str = SelectionRun.Algorithm.LEXIMIN) -> SelectionRun:
    """Compute selection probabilities. Synchronous for now; a task can call it unchanged."""
    require(actor, RUN, sortition)
    _require_state(sortition, State.QUOTAS_SET)
    problem = feasibility(sortition)
    if problem:
        raise ValidationError(problem["message"])
    instance = build_instance(sortition)
    result = select(instance, algorithm)
    run = SelectionRun.objects.create(sortition=sortition, algorithm=algorithm, created_by=actor, **result)
    record(
        actor, "sortition.run_selection", sortition,
        {"run": run.pk, "algorithm": algorithm, "minimum": run.minimum, "maximum": run.maximum, "gini": run.gini},
    )
    return run


@transaction.atomic
def publish_lottery(actor, sortition: Sortition, run: SelectionRun) -> PublishedLottery:
    """Round the run's distribution to m panels and publish them (pseudonymised) with a hash."""
    require(actor, RUN, sortition)
    _require_state(sortition, State.QUOTAS_SET)
    if run.sortition_id != sortition.pk or run.algorithm != SelectionRun.Algorithm.LEXIMIN:
        raise ValidationError(_("Only a LEXIMIN run of this sortition can be published."))
    current = {r.pseudonym for r in pool(sortition)}
    if current != set(run.probabilities):
        raise ValidationError(_("The pool has changed since this run. Please compute the probabilities again."))
    document, sha256 = make_lottery(sortition, run)
    lottery = PublishedLottery.objects.create(
        sortition=sortition, run=run, document=document, sha256=sha256, published_at=timezone.now(), published_by=actor
    )
    record(actor, "sortition.publish_lottery", sortition, {"run": run.pk, "sha256": sha256, "m": sortition.lottery_size})
    _set_state(actor, sortition, State.LOTTERY_PUBLISHED)
    return lottery


@transaction.atomic
def draw_panel(actor, sortition: Sortition, public_number: str) -> Draw:
    require(actor, RUN, sortition)
    _require_state(sortition, State.LOTTERY_PUBLISHED)
    lottery = sortition.lottery
    index, members = recompute_draw(lottery.document, public_number)
    draw = Draw.objects.create(
        sortition=sortition, lottery=lottery, public_number=public_number.strip(), panel_index=index,
        members=sorted(members), drawn_at=timezone.now(), drawn_by=actor,
    )
    updated = sortition.respondents.filter(pseudonym__in=members).update(status=Respondent.Status.SELECTED)
    if updated != len(members):
        raise ValidationError(_("The drawn panel names people who are no longer in the pool."))
    record(actor, "sortition.draw", sortition, {"public_number": draw.public_number, "panel": index, "members": draw.members})
    _set_state(actor, sortition, State.DRAWN)
    return draw


@transaction.atomic
def replace_member(actor, sortition: Sortition, member: Respondent, reason: str) -> Replacement:
    """A panel member drops out; a replacement from the pool keeps every quota."""
    require(actor, RUN, sortition)
    _require_state(sortition, State.DRAWN)
    if member.sortition_id != sortition.pk or member.status != Respondent.Status.SELECTED:
        raise ValidationError(_("Only a current panel member can be replaced."))
    respondents = pool(sortition)
    instance = build_instance(sortition, respondents)
    index = {r.pseudonym: i for i, r in enumerate(respondents)}
    panel = [index[r.pseudonym] for r in respondents if r.status == Respondent.Status.SELECTED]
    run = sortition.lottery.run
    probabilities = [run.probabilities.get(r.pseudonym, 0.0) for r in respondents]
    try:
        chosen = find_replacement(instance, panel, index[member.pseudonym], probabilities, seed=secrets.randbits(63))
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
        actor, "sortition.replace", sortition,
        {"dropped": member.pseudonym, "replacement": replacement.pseudonym, "reason": reason},
    )
    return entry


# End and deletion of personal data --------------------------------------------------------------


@transaction.atomic
def end_sortition(actor, sortition: Sortition) -> None:
    require(actor, RUN, sortition)
    _require_state(sortition, State.DRAWN)
    _set_state(actor, sortition, State.ENDED)


@transaction.atomic
def purge_personal_data(actor, sortition: Sortition) -> dict:
    """Delete names, addresses and contact data of the register extract and of everyone not on the panel.

    Pseudonyms, answers, the published lottery and the draw stay, so the draw remains checkable.
    """
    now = timezone.now()
    entries = sortition.register_entries.filter(purged_at__isnull=True).update(
        first_name="", last_name="", street="", address_extra="", postcode="", city="",
        household_key="", purged_at=now,
    )
    respondents = sortition.respondents.exclude(status=Respondent.Status.SELECTED).update(
        email="", phone="", household_key=""
    )
    sortition.purged_at = now
    sortition.save(update_fields=["purged_at", "updated_at"])
    counts = {"register_entries": entries, "respondents": respondents}
    record(actor, "sortition.purge", sortition, counts)
    return counts


def purge_due(today=None) -> list[Sortition]:
    """Purge every sortition whose deletion date has passed (run daily by a command)."""
    today = today or timezone.localdate()
    due = list(Sortition.objects.filter(purge_after__lt=today, purged_at__isnull=True))
    for sortition in due:
        purge_personal_data(None, sortition)
    return due


# Adapters to the algorithm package --------------------------------------------------------------
# Thin functions in the shape this app needs. Where the algorithm package does not (yet) offer a
# helper, the few lines live here; they are pure and import no Django.

LOTTERY_VERSION = 1


def sample_invitations(strata: list, count: int, seed: str) -> list[int]:
    """Indices of a uniform sample of `count` people, proportional per stratum (largest remainder)."""
    rng = random.Random(f"stadtdialog-invitations|{seed}")
    groups: dict = {}
    for i, stratum in enumerate(strata):
        groups.setdefault(stratum, []).append(i)
    n = len(strata)
    exact = {s: count * len(members) / n for s, members in groups.items()}
    allocation = {s: int(x) for s, x in exact.items()}
    leftover = count - sum(allocation.values())
    for s in sorted(groups, key=lambda s: (-(exact[s] - allocation[s]), str(s)))[:leftover]:
        allocation[s] += 1
    chosen: list[int] = []
    for s in sorted(groups, key=str):
        chosen.extend(rng.sample(groups[s], allocation[s]))
    return chosen


def gini(values) -> float:
    """Gini coefficient of the selection probabilities (0: everyone equal)."""
    ordered = sorted(values)
    n, total = len(ordered), sum(ordered)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ordered))
    return weighted / (n * total)


def select(instance, algorithm: str) -> dict:
    """Run LEXIMIN or LEGACY; return the fields of a SelectionRun."""
    ids = [r.id for r in instance.respondents]
    started = time.perf_counter()
    if algorithm == SelectionRun.Algorithm.LEXIMIN:
        distribution = find_leximin(instance)
        marginals = [float(p) for p in distribution.marginals]
        panels = [sorted(ids[i] for i in panel) for panel in distribution.panels]
        weights = [float(w) for w in distribution.probabilities]
    else:
        try:
            from .algorithm.legacy import estimate_legacy  # delivered by the algorithm package
        except ImportError as error:
            raise ValidationError(_("The LEGACY method is not available yet.")) from error
        marginals = [float(p) for p in estimate_legacy(instance)]
        panels, weights = [], []
    return {
        "probabilities": dict(zip(ids, marginals)),
        "panels": panels,
        "weights": weights,
        "minimum": min(marginals),
        "maximum": max(marginals),
        "gini": gini(marginals),
        "seconds": time.perf_counter() - started,
    }


def canonical_json(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def round_to_lottery(weights: list[float], m: int) -> list[int]:
    """How often each panel appears among m lottery tickets (largest remainder, sums to m)."""
    exact = [w * m for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda j: (-(exact[j] - counts[j]), j))
    for j in order[: m - sum(counts)]:
        counts[j] += 1
    return counts


def make_lottery(sortition, run) -> tuple[str, str]:
    """The published document: m numbered panels of pseudonyms, as canonical JSON, and its SHA-256."""
    m = sortition.lottery_size
    counts = round_to_lottery(run.weights, m)
    tickets = []
    for panel, count in sorted(zip(run.panels, counts)):
        tickets.extend([panel] * count)
    document = canonical_json({
        "version": LOTTERY_VERSION,
        "title": sortition.title,
        "k": sortition.panel_size,
        "m": m,
        "pool": sorted(run.probabilities),
        "panels": tickets,
    })
    return document, hashlib.sha256(document.encode()).hexdigest()


def normalise_public_number(text: str) -> str:
    """The digits of a public random number, groups joined by dashes: „4 17 23“ = „4-17-23“."""
    groups = re.findall(r"\d+", text or "")
    if not groups:
        raise ValidationError(_("The public random number must contain digits."))
    return "-".join(str(int(g)) for g in groups)


def document_hash(document: str) -> str:
    """SHA-256 of a lottery document in its canonical form (as published)."""
    try:
        return hashlib.sha256(canonical_json(json.loads(document)).encode()).hexdigest()
    except ValueError as error:
        raise ValidationError(_("The published lottery could not be read.")) from error


def recompute_draw(document: str, public_number: str) -> tuple[int, list[str]]:
    """Panel number (1-based) and members picked by a public number; anyone can redo this."""
    try:
        data = json.loads(document)
        panels, m = data["panels"], int(data["m"])
    except (ValueError, KeyError, TypeError) as error:
        raise ValidationError(_("The published lottery could not be read.")) from error
    if len(panels) != m or m < 1:
        raise ValidationError(_("The published lottery could not be read."))
    digest = hashlib.sha256(canonical_json(data).encode()).hexdigest()
    key = f"{digest}|{normalise_public_number(public_number)}"
    index = int(hashlib.sha256(key.encode()).hexdigest(), 16) % m
    return index + 1, list(panels[index])


def find_replacement(instance, panel: list[int], dropped: int, probabilities: list[float], seed: int) -> int:
    """A pool member who keeps every quota when they take the dropped member's seat.

    Among all who fit, one is drawn with weight proportional to their selection probability
    (uniformly if all are zero), so replacements follow the fair distribution.
    """
    rest = [i for i in panel if i != dropped]
    candidates = [
        i for i in range(instance.n)
        if i not in panel and not panel_violations(instance, rest + [i])
    ]
    if not candidates:
        raise NoReplacement("keine passende Person im Pool")
    weights = [probabilities[i] for i in candidates]
    rng = random.Random(seed)
    if sum(weights) <= 0:
        return rng.choice(candidates)
    return rng.choices(candidates, weights=weights)[0]
