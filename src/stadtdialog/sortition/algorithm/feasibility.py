"""Is there any panel at all? Simple counting checks first, then the panel MIP."""

from __future__ import annotations

from .errors import InfeasibleQuotas
from .model import Instance
from .panel_mip import PanelMip


def check_feasibility(instance: Instance, mip: PanelMip | None = None) -> None:
    """Raise :class:`InfeasibleQuotas` naming a blocking quota if no valid panel exists."""
    k, n = instance.k, instance.n
    if n < k:
        raise InfeasibleQuotas(f"Die Panelgröße {k} ist größer als der Pool ({n} Personen).")
    for q, members in zip(instance.quotas, instance.quota_members):
        if len(members) < q.min:
            raise InfeasibleQuotas(
                f"Quote {q.label} verlangt mindestens {q.min}, im Pool sind nur {len(members)}.",
                q.feature,
                q.value,
            )
    for feature, group in instance.quotas_by_feature().items():
        reachable = sum(min(instance.quotas[j].max, len(instance.quota_members[j])) for j in group)
        if reachable < k:
            raise InfeasibleQuotas(
                f"Merkmal '{feature}': mit den Höchstwerten und dem Pool sind höchstens "
                f"{reachable} Personen wählbar, das Panel braucht {k}.",
                feature,
            )
    mip = mip or PanelMip(instance)
    if mip.feasible():
        return
    raise _blocking_quota(instance, mip)


def _blocking_quota(instance: Instance, mip: PanelMip) -> InfeasibleQuotas:
    """Find a quota, or else a feature, whose relaxation alone makes a panel possible."""
    k = instance.k
    try:
        for j, q in enumerate(instance.quotas):
            mip.set_quota_bounds(j, 0, k)
            feasible = mip.feasible()
            mip.reset_quota_bounds()
            if feasible:
                return InfeasibleQuotas(
                    f"Die Quoten lassen sich zusammen nicht erfüllen; die Quote {q.label} "
                    f"(mindestens {q.min}, höchstens {q.max}) blockiert die Auswahl, "
                    f"weil zu wenige passende Personen auch die übrigen Quoten erfüllen.",
                    q.feature,
                    q.value,
                )
        for feature, group in instance.quotas_by_feature().items():
            for j in group:
                mip.set_quota_bounds(j, 0, k)
            feasible = mip.feasible()
            mip.reset_quota_bounds()
            if feasible:
                return InfeasibleQuotas(
                    f"Die Quoten lassen sich zusammen nicht erfüllen; das Merkmal '{feature}' blockiert die Auswahl.",
                    feature,
                )
    finally:
        mip.reset_quota_bounds()
    return InfeasibleQuotas(
        "Die Quoten lassen sich zusammen nicht erfüllen; mehrere Merkmale blockieren die Auswahl gemeinsam."
    )
