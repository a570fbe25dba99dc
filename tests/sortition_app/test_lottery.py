"""The published lottery: every panel meets the quotas, probabilities move by at most k/m.

The rounding is the algorithm package's (`lottery.build_lottery`), which guarantees and checks
the k/m bound by construction; this test keeps an empirical check on the published document.
"""

import json
from collections import Counter

import pytest

from stadtdialog.sortition.algorithm.lottery import FORMAT
from stadtdialog.sortition.algorithm.model import panel_violations
from stadtdialog.sortition.services.selection import build_instance, publish_lottery, set_quotas

from .factories import balanced_bounds, computed_run, coordinator, sortition_with_pool

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("m", [10, 100, 1000])
def test_lottery_keeps_quotas_and_probabilities_within_k_over_m(m):
    actor = coordinator()
    sortition = sortition_with_pool(actor, lottery_size=m)
    set_quotas(actor, sortition, balanced_bounds(sortition))
    run = computed_run(actor, sortition)
    lottery = publish_lottery(actor, sortition, run)
    published = json.loads(lottery.document)
    assert published["sha256"] == lottery.sha256
    document = published["lottery"]
    assert document["format"] == FORMAT
    assert document["m"] == m
    assert document["k"] == sortition.panel_size
    assert [p["nr"] for p in document["panels"]] == list(range(1, m + 1))
    instance = build_instance(sortition)
    index = {r.id: i for i, r in enumerate(instance.respondents)}
    counts = Counter()
    for panel in document["panels"]:
        assert not panel_violations(instance, [index[p] for p in panel["members"]])
        counts.update(panel["members"])
    k = sortition.panel_size
    for pseudonym, probability in run.probabilities.items():
        assert abs(counts[pseudonym] / m - probability) <= k / m + 1e-9
    assert "Müller" not in lottery.document
    assert "@" not in lottery.document
