import pytest

from stadtdialog.sortition.algorithm import (
    InfeasibleQuotas,
    Quota,
    Respondent,
    check_feasibility,
    make_instance,
)


def pool(spec):
    return [Respondent(str(i), dict(zip(("g", "a"), values))) for i, values in enumerate(spec)]


def test_counting_check_names_quota():
    people = pool([("w", "y")] * 2 + [("m", "y")] * 8)
    quotas = [Quota("g", "w", 3, 4), Quota("g", "m", 0, 4), Quota("a", "y", 0, 6)]
    with pytest.raises(InfeasibleQuotas) as error:
        check_feasibility(make_instance(people, quotas, 5))
    assert (error.value.feature, error.value.value) == ("g", "w")
    assert str(error.value) == "Quote g=w verlangt mindestens 3, im Pool sind nur 2."


def test_ilp_check_names_blocking_quota():
    # 3 women all young, 3 men all old; need 2 women and 2 old among 3 seats: impossible
    people = pool([("w", "y")] * 3 + [("m", "o")] * 3)
    quotas = [Quota("g", "w", 2, 3), Quota("g", "m", 0, 3), Quota("a", "y", 0, 3), Quota("a", "o", 2, 3)]
    with pytest.raises(InfeasibleQuotas) as error:
        check_feasibility(make_instance(people, quotas, 3))
    assert error.value.feature in ("g", "a")
    assert error.value.value in ("w", "o")
    assert "blockiert" in str(error.value)


def test_feasible_passes():
    people = pool([("w", "y"), ("m", "o"), ("w", "o")])
    quotas = [Quota("g", "w", 1, 2), Quota("g", "m", 0, 2), Quota("a", "y", 0, 2), Quota("a", "o", 0, 2)]
    check_feasibility(make_instance(people, quotas, 2))
