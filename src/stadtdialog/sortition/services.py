"""Every write of the sortition app: permission, validation, transaction, audit entry.

The public entry for views, commands and tests. The code lives in two focused modules:

- `services_register`: the sortition itself, stage one (register extract, invitation sample),
  stage two (features, sign-up) and the deletion of personal data;
- `services_selection`: quotas, selection runs (LEXIMIN, LEGACY), the published lottery, the
  draw and its verification, replacements and the end.

All computations come from the pure algorithm package `stadtdialog.sortition.algorithm`.
"""

from .services_register import (
    RUN,
    State,
    add_feature,
    create_sortition,
    delete_feature,
    draw_invitations,
    household_key,
    import_register,
    open_signup,
    parse_seed,
    purge_due,
    purge_personal_data,
    sign_up,
    update_sortition,
)
from .services_selection import (
    LEGACY_DRAWS,
    MAX_LEGACY_DRAWS,
    build_instance,
    check_draw,
    check_public_number,
    draw_panel,
    end_sortition,
    feasibility,
    pool,
    proposed_quotas,
    publish_lottery,
    recompute_draw,
    replace_member,
    run_selection,
    set_quotas,
)

__all__ = [
    "LEGACY_DRAWS", "MAX_LEGACY_DRAWS", "RUN", "State", "add_feature", "build_instance", "check_draw",
    "check_public_number", "create_sortition", "delete_feature", "draw_invitations", "draw_panel",
    "end_sortition", "feasibility", "household_key", "import_register", "open_signup", "parse_seed", "pool",
    "proposed_quotas", "publish_lottery", "purge_due", "purge_personal_data", "recompute_draw",
    "replace_member", "run_selection", "set_quotas", "sign_up", "update_sortition",
]
