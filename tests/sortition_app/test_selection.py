"""Selection with the algorithm package: LEGACY next to LEXIMIN, recorded seeds, the package's
stage-one sample and replacement search."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stadtdialog.core.models import AuditEntry
from stadtdialog.sortition.algorithm.replacement import pick_replacement
from stadtdialog.sortition.algorithm.sampling import stage_one_sample
from stadtdialog.sortition.models import Respondent, SelectionRun
from stadtdialog.sortition.services.register import draw_invitations, import_register
from stadtdialog.sortition.services.runs import request_run
from stadtdialog.sortition.services.selection import build_instance, pool, replace_member, set_quotas

from .factories import (
    balanced_bounds,
    computed_run,
    coordinator,
    drawn_sortition,
    new_sortition,
    panel,
    register_csv,
    sortition_with_pool,
)

pytestmark = pytest.mark.django_db


def test_legacy_runs_with_a_recorded_seed_and_is_shown_next_to_leximin(client, django_capture_on_commit_callbacks):
    actor = coordinator()
    sortition = sortition_with_pool(actor)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    client.force_login(actor)
    url = reverse("sortition:run", args=[sortition.pk])
    for data in ({"algorithm": "leximin", "seed": "7"}, {"algorithm": "legacy", "draws": 500, "seed": "42"}):
        with django_capture_on_commit_callbacks(execute=True):  # the task runs after the commit
            assert client.post(url, data).status_code == 302
    leximin = SelectionRun.objects.get(algorithm="leximin")
    legacy = SelectionRun.objects.get(algorithm="legacy")
    assert (leximin.seed, leximin.draws) == (7, None)
    assert (legacy.seed, legacy.draws) == (42, 500)
    # Every simulated draw is a full panel: the estimated probabilities add up to k.
    assert sum(legacy.probabilities.values()) == pytest.approx(sortition.panel_size)
    assert set(legacy.probabilities) == set(leximin.probabilities)
    assert 0 <= legacy.minimum <= legacy.maximum <= 1
    assert 0 <= legacy.gini < 1
    # LEXIMIN maximises the smallest probability; LEGACY's estimate is not above it (up to noise).
    assert leximin.minimum >= legacy.minimum - 0.05
    assert AuditEntry.objects.filter(action="sortition.run_selection", changes__seed="42", changes__draws=500).exists()

    page = client.get(reverse("sortition:selection", args=[sortition.pk])).content.decode()
    for run in (leximin, legacy):
        for value in (run.minimum, run.maximum, run.gini):
            assert f"{value:.4f}".replace(".", ",") in page
    assert "LEGACY" in page
    assert "LEXIMIN" in page
    assert "<code>42</code>" in page
    assert "500" in page
    respondents = client.get(reverse("sortition:respondents", args=[sortition.pk])).content.decode()
    assert "LEGACY-Minimum" in respondents
    assert f"{legacy.gini:.4f}".replace(".", ",") in respondents

    # The same seed gives the same estimate.
    again = computed_run(actor, sortition, SelectionRun.Algorithm.LEGACY, seed="42", draws=500)
    assert again.probabilities == legacy.probabilities


def test_bad_seed_or_number_of_draws_is_refused(client):
    actor = coordinator()
    sortition = sortition_with_pool(actor)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    with pytest.raises(ValidationError, match="ganze Zahl"):
        request_run(actor, sortition, SelectionRun.Algorithm.LEGACY, seed="abc")
    with pytest.raises(ValidationError):
        request_run(actor, sortition, SelectionRun.Algorithm.LEGACY, draws=0)
    client.force_login(actor)
    response = client.post(reverse("sortition:run", args=[sortition.pk]), {"algorithm": "legacy", "draws": 50})
    assert response.status_code == 200
    assert not SelectionRun.objects.exists()
    other = new_sortition(actor)
    import_register(actor, other, register_csv())
    with pytest.raises(ValidationError, match="ganze Zahl"):
        draw_invitations(actor, other, 10, seed="vier")


@pytest.mark.parametrize("stratify", [False, True])
def test_invitations_are_the_package_s_stage_one_sample(stratify):
    actor = coordinator()
    sortition = new_sortition(actor)
    import_register(actor, sortition, register_csv())
    invited = draw_invitations(actor, sortition, 26, stratify=stratify, seed="4711")
    entries = list(sortition.register_entries.order_by("line").select_related("district"))
    stratum = (lambda e: e.district.number) if stratify else None
    expected = sorted(e.line for e in stage_one_sample(entries, 26, 4711, stratum))
    assert [e.line for e in invited] == expected
    sortition.refresh_from_db()
    assert sortition.seed == "4711"


def test_replacement_is_the_package_s_choice_with_the_recorded_seed():
    actor = coordinator()
    sortition = drawn_sortition(actor)
    respondents = pool(sortition)
    instance = build_instance(sortition, respondents)
    index = {r.pseudonym: i for i, r in enumerate(respondents)}
    members = frozenset(index[r.pseudonym] for r in panel(sortition))
    leaving = panel(sortition)[0]
    entry = replace_member(actor, sortition, leaving, "Umzug")
    seed = int(AuditEntry.objects.get(action="sortition.replace").changes["seed"])
    chosen = pick_replacement(instance, members, index[leaving.pseudonym], seed)
    assert respondents[chosen].pk == entry.replacement.pk
    assert entry.replacement.status == Respondent.Status.SELECTED
