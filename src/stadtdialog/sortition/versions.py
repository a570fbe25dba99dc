"""What the version of a sortition's quota form covers (core.versioning): all its quotas, read through the
sortition, whose row is the one locked. Shared by forms.QuotaForm and services.selection.set_quotas."""

from django.utils.translation import gettext_lazy

from stadtdialog.core.versioning import Derived

from .models import Quota, Sortition


def _quotas(sortition: Sortition) -> list:
    return sorted(
        Quota.objects.filter(value__feature__sortition=sortition).values_list("value_id", "minimum", "maximum")
    )


QUOTA_VERSION = {
    "quotas": Derived(
        gettext_lazy("Quotas"),
        _quotas,
        lambda sortition: "; ".join(f"{low}–{high}" for _value, low, high in _quotas(sortition)) or "—",
    )
}
