"""Selection runs leave the request: requested here, computed by the task worker.

`request_run` does everything a person must be told about at once (permission, state, the
quotas against the pool, seed and number of draws) and writes the run as queued with its audit
entry; after the commit the task `tasks.compute_selection_run` is queued. `compute_run` is that
task's body: it claims the run (queued -> running, so no run is computed twice), computes it
outside any transaction (LEXIMIN takes seconds, LEGACY with many draws longer) and stores the
result as done, or as failed with a German message when the pool no longer meets the quotas or
the algorithm gives up. A request never waits for a computation and a failure is never a 500.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtdialog.core.audit import record
from stadtdialog.core.rules import require

from ..algorithm.errors import SortitionError
from ..algorithm.legacy import estimate_legacy_probabilities
from ..algorithm.leximin import find_leximin
from ..algorithm.stats import summarize
from ..jobs import claim, give_up_lost, still_pending
from ..models import LEGACY_DRAWS, MAX_LEGACY_DRAWS, JobStatus, SelectionRun, Sortition
from .register import RUN, State, parse_seed, require_state
from .selection import build_instance, feasibility

if TYPE_CHECKING:
    from stadtdialog.accounts.models import User


@transaction.atomic
def request_run(
    actor: User,
    sortition: Sortition,
    algorithm: str = SelectionRun.Algorithm.LEXIMIN,
    *,
    seed: str | int = "",
    draws: int = LEGACY_DRAWS,
) -> SelectionRun:
    """Queue a computation of selection probabilities with LEXIMIN or LEGACY.

    The seed (and LEGACY's number of simulated draws) is fixed and stored now, so the run can be
    repeated exactly. Refused while another run of this sortition is waiting or running.
    """
    require(actor, RUN, sortition)
    sortition = Sortition.objects.select_for_update().get(pk=sortition.pk)  # one request at a time
    require_state(sortition, State.QUOTAS_SET)
    if algorithm not in SelectionRun.Algorithm.values:
        raise ValidationError(_("Please choose an algorithm."))
    problem = feasibility(sortition)
    if problem:
        raise ValidationError(problem["message"])
    seed = parse_seed(seed)
    if algorithm == SelectionRun.Algorithm.LEXIMIN:
        draws = None
    elif not 1 <= draws <= MAX_LEGACY_DRAWS:
        raise ValidationError(
            _("The number of simulated draws must be between 1 and %(max)s.") % {"max": MAX_LEGACY_DRAWS}
        )
    give_up_lost(sortition.runs.all(), "requested_at")
    if still_pending(sortition.runs.all(), "requested_at").exists():
        raise ValidationError(_("A computation of this sortition is already waiting or running. Please wait for it."))
    run = SelectionRun.objects.create(
        sortition=sortition, algorithm=algorithm, created_by=actor, seed=seed, draws=draws
    )
    record(
        actor,
        "sortition.run_selection",
        sortition,
        {"run": run.pk, "algorithm": algorithm, "seed": str(seed), "draws": draws},
    )
    from ..tasks import compute_selection_run

    transaction.on_commit(lambda: compute_selection_run.enqueue(run.pk))
    return run


class _Failed(Exception):
    """A computation that ends as failed with a message for the page."""


def _compute(run: SelectionRun) -> dict:
    """The probabilities of the pool as it is now; raises _Failed with a German message."""
    sortition = run.sortition
    problem = feasibility(sortition)
    if problem:
        raise _Failed(_("The pool no longer meets the quotas: %(detail)s") % {"detail": problem["message"]})
    instance = build_instance(sortition)
    ids = [r.id for r in instance.respondents]
    panels, weights = [], []
    started = time.perf_counter()
    try:
        if run.algorithm == SelectionRun.Algorithm.LEXIMIN:
            distribution = find_leximin(instance, seed=run.seed)
            marginals = distribution.marginals
            panels = [sorted(ids[i] for i in panel) for panel in distribution.panels]
            weights = [float(w) for w in distribution.probabilities]
        else:
            marginals = estimate_legacy_probabilities(instance, run.draws, run.seed)
    except SortitionError as error:
        raise _Failed(_("The computation failed: %(detail)s") % {"detail": error}) from error
    summary = summarize(marginals)
    return {
        "probabilities": {pseudonym: float(p) for pseudonym, p in zip(ids, marginals)},
        "panels": panels,
        "weights": weights,
        "minimum": summary.minimum,
        "maximum": summary.maximum,
        "gini": summary.gini,
        "seconds": time.perf_counter() - started,
    }


def _finish(run: SelectionRun, status: str, fields: dict) -> bool:
    """Store the outcome if the run is still this worker's (running); record it."""
    with transaction.atomic():
        if not SelectionRun.objects.select_for_update().filter(pk=run.pk, status=JobStatus.RUNNING).exists():
            return False
        fields = {**fields, "status": status, "finished_at": timezone.now()}
        SelectionRun.objects.filter(pk=run.pk).update(**fields)
        changes = {"run": run.pk, "status": status}
        changes.update({k: fields[k] for k in ("minimum", "maximum", "gini", "message") if k in fields})
        record(run.created_by, "sortition.run_selection_finished", run.sortition, changes)
    return True


def compute_run(run_id: int) -> str | None:
    """Compute a queued run (the body of the task); returns its final status, None if it was not queued."""
    run = claim(SelectionRun.objects.all(), run_id)
    if run is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        try:
            result = _compute(run)
        except _Failed as failure:
            _finish(run, JobStatus.FAILED, {"message": str(failure)})
            return JobStatus.FAILED.value
        except Exception:
            _finish(run, JobStatus.FAILED, {"message": _("The computation failed unexpectedly. Please try again.")})
            raise  # the worker logs the traceback
    return JobStatus.DONE.value if _finish(run, JobStatus.DONE, result) else None
